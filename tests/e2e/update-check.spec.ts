/**
 * The app looks for a new version by itself while it stays open (a classroom tablet keeps one
 * page open all day), and a version found mid-drill is only noted: nothing reloads.
 */
import { expect, test } from '@playwright/test';
import { solvePar } from '../../src/lib/engine/solver.ts';
import { E2E_SW_COOKIE } from './deploy-hook.ts';
import { actionButton, bundledScenario, labelOf } from './helpers.ts';

const http4 = bundledScenario('http4-night')!;
const SEED = 1;
/** CHECK_EVERY_MS of src/lib/state/app-update.svelte.ts (a runes module, which node can't load). */
const CHECK_EVERY_MS = 30 * 60_000;

test('a version deployed while a drill is open is found by the app itself and only noted', async ({
	page,
	context
}) => {
	// The page's timers are Playwright's, so the half-hourly check can come at once.
	await page.clock.install();
	await page.goto(`/scenarios/http4-night/play/?seed=${SEED}&mode=guided`);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	const first = labelOf(http4, solvePar(http4, SEED, {})!.path[0]!.action);
	await actionButton(page, first).click();
	await expect(page.getByRole('main').getByRole('status')).toContainText(first);
	const clock = await page.getByRole('timer').textContent();
	await page.evaluate(() => {
		(window as unknown as { drillMarker: string }).drillMarker = 'mid-drill';
	});

	// "Deploy" a new version (tests/e2e/deploy-hook.ts); nobody reloads or asks the browser to look.
	await context.addCookies([{ name: E2E_SW_COOKIE, value: 'v2', url: new URL('/', page.url()).href }]);
	const offer = page.getByRole('status', { name: 'App update' });
	await page.clock.fastForward(CHECK_EVERY_MS / 2);
	await expect(offer).toHaveCount(0);
	await page.clock.fastForward(CHECK_EVERY_MS / 2 + 1000);
	await expect(offer).toContainText('It will be offered when you leave this drill');
	await expect(offer.getByRole('button', { name: 'Update now' })).toHaveCount(0);
	// Nothing reloaded under the drill.
	expect(await page.evaluate(() => (window as unknown as { drillMarker?: string }).drillMarker)).toBe('mid-drill');
	await expect(page.getByRole('timer')).toHaveText(clock!);
});
