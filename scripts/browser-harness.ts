/**
 * What the browser benchmarks share: the built app served by `vite preview` on a port of their
 * own, Chromium launched as the e2e suite launches it (playwright.config.ts's launch options,
 * imported so the two can't drift apart), and a median.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import e2eConfig from '../playwright.config.ts';
import { compileScenario, type CompiledScenario } from '../src/lib/engine/compile.ts';
import { parseScenario } from '../src/lib/scenario/parse.ts';

export const root = resolve(import.meta.dirname, '..');

/** The median of some figures (the mean of the middle two for an even count). */
export const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A bundled scenario, compiled (the benchmarks drive the app along its par paths). */
export function loadScenario(id: string): CompiledScenario {
	const file = `scenarios/${id}.yaml`;
	const parsed = parseScenario(readFileSync(resolve(root, file), 'utf8'), file);
	if (!parsed.ok) throw new Error(`${file} does not parse`);
	return compileScenario(parsed.value);
}

async function waitForServer(url: string, ms = 30_000) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`vite preview did not answer at ${url}`);
}

/**
 * Serves the build and starts Chromium; exits with a message when there is no build.
 * @returns the base URL, the browser, and `close` to stop both
 */
export async function openApp(port: number): Promise<{ base: string; browser: Browser; close: () => Promise<void> }> {
	if (!existsSync(resolve(root, 'build/index.html'))) {
		console.error('No build: run `npm run build` first.');
		process.exit(1);
	}
	const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], {
		cwd: root,
		stdio: 'ignore',
		detached: true
	});
	const stopServer = () => process.kill(-server.pid!);
	const browser = await chromium.launch(e2eConfig.use?.launchOptions).catch((e: unknown) => {
		stopServer();
		throw e;
	});
	const base = `http://localhost:${port}`;
	const close = async () => {
		await browser.close();
		stopServer();
	};
	await waitForServer(`${base}/`).catch(async (e: unknown) => {
		await close();
		throw e;
	});
	return { base, browser, close };
}
