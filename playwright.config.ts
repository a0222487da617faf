import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests run in a real Chromium against the production build served by
 * `vite preview`. Where Playwright can't download its own browser (this project's CI), set
 * CHROMIUM_PATH or install Debian's chromium at /usr/bin/chromium; elsewhere Playwright's
 * bundled Chromium is used.
 */
const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** E2E_PORT lets two checkouts on one machine run their suites side by side. */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	webServer: {
		command: `npm run build && npx vite preview --port ${port} --strictPort`,
		port,
		// Lets offline.spec.ts serve a new service worker to its own context (tests/e2e/deploy-hook.ts).
		env: { NIGHTSHIFT_E2E: '1' },
		reuseExistingServer: !process.env.CI,
		timeout: 180_000
	},
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		...devices['Desktop Chrome'],
		viewport: { width: 1366, height: 768 },
		launchOptions: {
			executablePath,
			args: [
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [{ name: 'chromium' }]
});
