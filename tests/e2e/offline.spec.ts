/**
 * Offline and updates, in real Chromium against the production build: after one visit the
 * service worker serves everything with no network, the manifest makes the app installable,
 * and a new version arriving mid-drill is only noted until the trainee leaves the drill.
 */
import { expect, test, type Page } from '@playwright/test';
import { solvePar } from '../../src/lib/engine/solver.ts';
import { formatDuration } from '../../src/lib/engine/time.ts';
import { E2E_SW_COOKIE } from './deploy-hook.ts';
import { SCREENSHOTS, actionButton, bundledScenario, labelOf, playByLabels } from './helpers.ts';

const http4 = bundledScenario('http4-night');
const SEED = 1;

/** Waits until the service worker has installed and controls the page (clients.claim()). */
async function waitForServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/**
 * Plays actions by label, waiting for the drill's own status line (inside main: the update
 * note outside main is a second status region).
 */
async function playInDrill(page: Page, labels: readonly string[]) {
	const status = page.getByRole('main').getByRole('status');
	for (const label of labels) {
		await actionButton(page, label).click();
		// The engine's wait is announced by where it stopped, every other action by its label.
		const said = label === 'Wait for the next one to finish' ? /Waited until/ : label;
		await expect(status).toContainText(label === labels.at(-1) ? /./ : said);
	}
}

/** http4-night's par path for SEED, and its buttons' labels. */
function parPlay() {
	const compiled = http4!;
	const par = solvePar(compiled, SEED, {})!;
	return { compiled, par, labels: par.path.map((p) => labelOf(compiled, p.action)) };
}

test.describe('offline', () => {
	test('after one visit, a drill starts, plays to restore and shows its debrief with no network', async ({
		page,
		context
	}) => {
		const { compiled, par, labels } = parPlay();

		await page.goto('/');
		await waitForServiceWorker(page);
		await context.setOffline(true);

		const reloaded = await page.reload();
		expect(reloaded?.fromServiceWorker(), 'the catalogue came from the service worker').toBe(true);
		await expect(page.getByRole('link', { name: compiled.scenario.title })).toBeVisible();

		// A briefing URL with a query string is served from the one prerendered page.
		await page.goto(`/scenarios/http4-night/?seed=${SEED}&mode=guided`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(compiled.scenario.title);
		await page.getByRole('button', { name: 'Start the drill' }).click();
		await expect(page).toHaveURL(/\/scenarios\/http4-night\/play\/\?/);
		await expect(page.getByRole('timer')).toContainText(compiled.scenario.start.time);

		// Reloading the drill page offline works too (a fresh drill on the same seed).
		const replay = await page.reload();
		expect(replay?.fromServiceWorker()).toBe(true);
		await expect(page.getByRole('timer')).toContainText(compiled.scenario.start.time);

		await playByLabels(page, labels);
		await expect(page.getByRole('status')).toContainText('Service restored');
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Restored');
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(par.minutes));
	});

	test('the manifest is served, valid and points at 192 and 512 px PNG icons', async ({ page, request }) => {
		await page.goto('/');
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		expect(href).toBeTruthy();
		const manifestUrl = new URL(href!, page.url());
		const response = await request.get(manifestUrl.href);
		expect(response.ok()).toBe(true);
		const manifest = (await response.json()) as {
			name: string;
			short_name: string;
			start_url: string;
			scope: string;
			display: string;
			theme_color: string;
			background_color: string;
			icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
		};
		expect(manifest).toMatchObject({ short_name: 'Nightshift', start_url: '/', scope: '/', display: 'standalone' });
		expect(manifest.name).toContain('Nightshift');
		expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
		expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

		const pngSizes = new Set<string>();
		for (const icon of manifest.icons) {
			const res = await request.get(new URL(icon.src, manifestUrl).href);
			expect(res.ok(), `${icon.src} loads`).toBe(true);
			if (icon.type !== 'image/png') continue;
			const png = await res.body();
			// A PNG's IHDR chunk holds its width and height at bytes 16 and 20.
			const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
			expect(icon.sizes, `${icon.src} is the size it says`).toBe(`${width}x${height}`);
			pngSizes.add(`${icon.sizes}${icon.purpose === 'maskable' ? ' maskable' : ''}`);
		}
		expect([...pngSizes].sort()).toEqual(['192x192', '512x512', '512x512 maskable']);
		await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', manifest.theme_color);
	});

	test('a new version arriving mid-drill is only noted; "Update now" after the drill reloads onto it', async ({
		page,
		context
	}) => {
		const { par, labels } = parPlay();
		expect(labels.length, 'the par path has steps before and after the update').toBeGreaterThan(1);

		await page.goto(`/scenarios/http4-night/?seed=${SEED}&mode=guided`);
		await waitForServiceWorker(page);
		await page.getByRole('button', { name: 'Start the drill' }).click();
		const half = Math.ceil(labels.length / 2);
		await playByLabels(page, labels.slice(0, half));

		const timer = page.getByRole('timer');
		const log = page.getByRole('list', { name: 'Evidence log, oldest first' });
		const clockBefore = await timer.textContent();
		const logBefore = await log.textContent();
		await page.evaluate(() => {
			(window as unknown as { drillMarker: string }).drillMarker = 'mid-drill';
		});

		// "Deploy" a new version: from now on the server answers this context's update checks
		// with a changed worker (tests/e2e/deploy-hook.ts).
		await context.addCookies([{ name: E2E_SW_COOKIE, value: 'v2', url: new URL('/', page.url()).href }]);
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.getRegistration())!.update();
		});

		const offer = page.getByRole('status', { name: 'App update' });
		await expect(offer).toContainText('It will be offered when you leave this drill');
		await expect(offer.getByRole('button', { name: 'Update now' })).toHaveCount(0);
		await page.screenshot({ path: `${SCREENSHOTS}/update-during-drill.png` });
		// Nothing reloaded: the clock, the evidence and the page's own state are as they were.
		expect(await page.evaluate(() => (window as unknown as { drillMarker?: string }).drillMarker)).toBe('mid-drill');
		await expect(timer).toHaveText(clockBefore!);
		await expect(log).toHaveText(logBefore!);

		// The drill goes on to the end, still on the old version.
		await playInDrill(page, labels.slice(half));
		await expect(page.getByRole('main').getByRole('status')).toContainText('Service restored');
		expect(await page.evaluate(() => (window as unknown as { drillMarker?: string }).drillMarker)).toBe('mid-drill');

		// Out of the drill, the update is offered with a button; using it reloads onto the new worker.
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Restored');
		const update = offer.getByRole('button', { name: 'Update now' });
		await expect(update).toBeVisible();
		await page.screenshot({ path: `${SCREENSHOTS}/update-offer.png` });
		const reloaded = page.waitForEvent('load');
		await update.click();
		await reloaded;

		expect(await page.evaluate(() => (window as unknown as { drillMarker?: string }).drillMarker)).toBeUndefined();
		await expect(offer).toHaveCount(0);
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(par.minutes));
		const version = await page.evaluate(
			() =>
				new Promise<string>((resolve) => {
					navigator.serviceWorker.addEventListener('message', (e) =>
						resolve((e.data as { testVersion: string }).testVersion)
					);
					navigator.serviceWorker.controller!.postMessage({ type: 'TEST_VERSION' });
				})
		);
		expect(version).toBe('v2');
	});
});
