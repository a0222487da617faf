/**
 * A test-only hook in `vite preview` that lets an e2e test "deploy" a new version of the
 * service worker for its own browser context: with the cookie `nightshift-e2e-sw=<version>`,
 * /service-worker.js is the built worker plus a message handler answering `{ type:
 * 'TEST_VERSION' }` with that version. It is needed because Chromium's service-worker update
 * check is not seen by Playwright's request routing (nor by CDP's Fetch domain), so only the
 * server can answer it differently. Active only when NIGHTSHIFT_E2E=1 (playwright.config.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

export const E2E_SW_COOKIE = 'nightshift-e2e-sw';

export function e2eDeployHook(): Plugin {
	return {
		name: 'nightshift-e2e-deploy-hook',
		apply: (_config, env) => env.isPreview === true && process.env.NIGHTSHIFT_E2E === '1',
		configurePreviewServer(server) {
			server.middlewares.use((req, res, next) => {
				if (!req.url?.startsWith('/service-worker.js')) return next();
				const version = new RegExp(`(?:^|;\\s*)${E2E_SW_COOKIE}=([\\w.-]+)`).exec(req.headers.cookie ?? '')?.[1];
				if (!version) return next();
				const built = readFileSync(resolve(server.config.root, 'build/service-worker.js'), 'utf8');
				const answer = `self.addEventListener('message', (e) => { if (e.data && e.data.type === 'TEST_VERSION') e.source.postMessage({ testVersion: ${JSON.stringify(version)} }); });`;
				res.setHeader('content-type', 'text/javascript');
				res.setHeader('cache-control', 'no-cache');
				res.end(`${built}\n;${answer}\n`);
			});
		}
	};
}
