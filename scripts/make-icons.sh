#!/usr/bin/env bash
# Renders the app icons (static/icons/*.png) from the two SVGs beside them. The PNGs are
# committed; run this again only after changing an SVG. Needs rsvg-convert (librsvg2-bin) or
# ImageMagick's convert.
set -euo pipefail
cd "$(dirname "$0")/../static/icons"

render() { # svg size out
	if command -v rsvg-convert >/dev/null; then
		rsvg-convert -w "$2" -h "$2" "$1" -o "$3"
	else
		convert -background none -density 384 "$1" -resize "$2x$2" "$3"
	fi
}

render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render icon-maskable.svg 512 icon-maskable-512.png
# iOS draws its own rounded corners and ignores transparency: use the full-bleed square.
render icon-maskable.svg 180 apple-touch-icon.png
echo "icons written to static/icons/"
