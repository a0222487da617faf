/**
 * Lighthouse benchmark: `npm run bench:lighthouse` (after `npm run build`). Prints, for every
 * kind of page, Lighthouse's mobile scores (performance, accessibility, best practices, SEO;
 * the median of RUNS runs), the metrics behind performance, and every audit short of a full
 * score, against the targets (performance 95, the others 100). Never fails on the figures.
 *
 * Lighthouse 12.2 (npm), its default mobile settings (a mid-range phone, simulated 4x CPU
 * slowdown and slow 4G), in the Chromium the e2e suite uses, against `vite preview` on
 * BENCH_PORT (default 4191). The debrief is measured with a real attempt: the script plays the
 * drill along its par path first, in the same browser profile, and Lighthouse keeps that
 * profile's storage for the debrief (and only for it).
 *
 * Usage: npm run build && npm run bench:lighthouse [-- --runs 3] [--only drill] [--save dir]
 * (--save writes each page's last Lighthouse report, JSON, into dir)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import e2eConfig from '../playwright.config.ts';
import { solvePar } from '../src/lib/engine/solver.ts';
import { loadScenario, median, openApp } from './browser-harness.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4191);
const DEBUG_PORT = PORT + 1000;
const arg = (name: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('runs') ?? 3);
const ONLY = arg('only');
const SAVE = arg('save');
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 } as const;
const CATEGORIES = Object.keys(TARGETS) as Array<keyof typeof TARGETS>;
const SEED = 1;

const http4 = loadScenario('http4-night');

const { base, close } = await openApp(PORT);
const profile = mkdtempSync(join(tmpdir(), 'nightshift-lighthouse-'));
// A persistent profile: Lighthouse's own tab shares its storage with the page that plays the drill.
const context = await chromium.launchPersistentContext(profile, {
	...e2eConfig.use?.launchOptions,
	args: [...(e2eConfig.use?.launchOptions?.args ?? []), `--remote-debugging-port=${DEBUG_PORT}`],
	headless: true
});
try {
	const debriefUrl = await playToDebrief();
	const pages: Array<{ name: string; path: string; keepStorage?: boolean }> = [
		{ name: 'catalogue', path: '/' },
		{ name: 'briefing', path: '/scenarios/http4-night/' },
		{ name: 'drill', path: `/scenarios/http4-night/play/?seed=${SEED}&mode=guided` },
		{ name: 'debrief', path: debriefUrl, keepStorage: true },
		{ name: 'history', path: '/history/' },
		{ name: 'team', path: '/team/' },
		{ name: 'team-new', path: '/team/new/' },
		{ name: 'join', path: '/join/' },
		{ name: 'board', path: '/team/board/' }
	].filter((p) => !ONLY || p.name === ONLY);

	console.log(`Lighthouse ${lighthouseVersion()} mobile, median of ${RUNS} runs (Chromium, production build)\n`);
	console.log(
		`${'page'.padEnd(10)} ${CATEGORIES.map((c) => c.slice(0, 11).padStart(12)).join('')}   FCP ms  LCP ms  TBT ms   CLS   SI ms`
	);
	const problems: string[] = [];
	for (const p of pages) {
		const runs: Result[] = [];
		for (let i = 0; i < RUNS; i++) {
			if (p.keepStorage) await coldCaches();
			runs.push(await audit(`${base}${p.path}`, p.keepStorage ?? false));
		}
		const score = (c: string) => median(runs.map((r) => Math.round((r.categories[c]?.score ?? 0) * 100)));
		const metric = (id: string) => median(runs.map((r) => r.audits[id]?.numericValue ?? NaN));
		console.log(
			`${p.name.padEnd(10)} ${CATEGORIES.map((c) => `${score(c)}${score(c) < TARGETS[c] ? '!' : ' '}`.padStart(12)).join('')}  ${[
				'first-contentful-paint',
				'largest-contentful-paint',
				'total-blocking-time'
			]
				.map((id) => metric(id).toFixed(0).padStart(7))
				.join(
					' '
				)}  ${metric('cumulative-layout-shift').toFixed(3).padStart(5)} ${metric('speed-index').toFixed(0).padStart(7)}`
		);
		// What kept a category short of a full score (from the last run).
		const last = runs[runs.length - 1]!;
		if (SAVE) {
			mkdirSync(SAVE, { recursive: true });
			writeFileSync(join(SAVE, `${p.name}.json`), JSON.stringify(last));
		}
		for (const c of CATEGORIES)
			for (const ref of last.categories[c]?.auditRefs ?? []) {
				const a = last.audits[ref.id];
				if (ref.weight > 0 && a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
					problems.push(`${p.name} · ${c}: ${a.id} (${a.score})${a.displayValue ? ` ${a.displayValue}` : ''}`);
			}
	}
	console.log(`\nTargets: performance ${TARGETS.performance}, the others 100 ('!' marks a score under its target).`);
	if (problems.length) console.log(`\nAudits short of a full score (last run):\n  ${problems.join('\n  ')}`);
} finally {
	await context.close();
	await close();
	rmSync(profile, { recursive: true, force: true });
}

function lighthouseVersion(): string {
	return (process.env.npm_package_devDependencies_lighthouse ?? '12.2').replace(/^[\^~]/, '');
}

/** Runs Lighthouse once on a URL in the shared browser. */
async function audit(url: string, keepStorage: boolean): Promise<Result> {
	const flags: Flags = {
		port: DEBUG_PORT,
		output: 'json',
		logLevel: 'error',
		onlyCategories: CATEGORIES,
		disableStorageReset: keepStorage
	};
	const result = await lighthouse(url, flags);
	if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
	if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
	return result.lhr;
}

/**
 * Makes a run that keeps storage (IndexedDB, for the debrief's attempt) a cold load all the
 * same, like the others: no service worker, no Cache Storage, no HTTP cache.
 */
async function coldCaches(): Promise<void> {
	const page = await context.newPage();
	await page.goto(`${base}/manifest.webmanifest`);
	await page.evaluate(async () => {
		for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
		for (const key of await caches.keys()) await caches.delete(key);
	});
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.clearBrowserCache');
	await page.close();
}

/** Plays the drill along its par path in the shared profile; returns the debrief's path. */
async function playToDebrief(): Promise<string> {
	const page = await context.newPage();
	const par = solvePar(http4, SEED, {})!;
	await page.goto(`${base}/scenarios/http4-night/play/?seed=${SEED}&mode=guided`);
	for (const step of par.path) {
		const label = http4.actionById.get(step.action)!.def.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		await page.getByRole('button', { name: new RegExp(`^${label}( (up to )?\\d+(–\\d+)? min|$)`) }).click();
	}
	await page.getByRole('button', { name: 'Open the debrief' }).click();
	await page.getByTestId('time-to-restore').waitFor();
	const url = new URL(page.url());
	await page.close();
	return url.pathname + url.search;
}
