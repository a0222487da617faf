#!/usr/bin/env bash
# Installs the browser the end-to-end tests need. Playwright can't download its own browser on
# machines without internet access, so Debian's Chromium is used where apt is available;
# elsewhere Playwright's own Chromium is installed.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
	echo "Using CHROMIUM_PATH=$CHROMIUM_PATH"
elif [ -x /usr/bin/chromium ]; then
	echo "Using /usr/bin/chromium"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	echo "Installed Debian's chromium"
else
	npx playwright install chromium
fi
