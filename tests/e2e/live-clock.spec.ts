import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { verifyAttempt } from '../../src/lib/engine/attempt.ts';
import { parseAttempt } from '../../src/lib/engine/attempt-schema.ts';
import { solvePar } from '../../src/lib/engine/solver.ts';
import { formatDuration, timeAt } from '../../src/lib/engine/time.ts';
import { bundledScenario, expectNoSeriousA11yIssues, labelOf, playByLabels, SCREENSHOTS } from './helpers.ts';

const http4 = bundledScenario('http4-night')!;
const SEED = 3;
const RATE = 10;
const start = http4.scenario.start.time;
const limit = http4.scenario.limitMinutes;
/** Real time for simulated minutes at the live clock's rate, as Playwright's clock takes it. */
const realMs = (minutes: number) => Math.ceil((minutes / RATE) * 60_000);

test.describe('live clock', () => {
	test('reaching the time limit ends the drill at that moment, and the result replays to it', async ({ page }) => {
		// The page's clock (Date, performance.now, timers) is Playwright's, so hours pass in a moment.
		await page.clock.install();
		await page.goto(`/scenarios/http4-night/play/?seed=${SEED}&mode=drill&rate=${RATE}`);
		const timer = page.getByRole('timer');
		await expect(timer).toContainText(timeAt(0, start));

		// Ten hours of thinking, then an action: the minutes are charged with it.
		await page.clock.fastForward(realMs(600));
		await expect(timer).toContainText(timeAt(600, start));
		const first = labelOf(http4, solvePar(http4, SEED, {})!.path[0]!.action);
		await playByLabels(page, [first]);
		await expect(page.getByRole('status')).toContainText('Thinking time cost 10 h');

		// Then the clock runs past the limit with no action: the drill ends at the limit, at once.
		await page.clock.fastForward(realMs(limit));
		await expect(page.getByRole('status')).toContainText(`Time is up at ${timeAt(limit, start)}`);
		await expect(page.getByRole('heading', { name: 'Time is up' })).toBeVisible();
		await expect(timer).toContainText(timeAt(limit, start));
		await expect(timer).toContainText(formatDuration(limit));
		await expect(page.locator('.log-col li.idle')).toContainText('No action: the live clock ran');
		const open = page.getByRole('button', { name: 'Open the debrief' });
		await expect(open).toBeFocused();
		await expectNoSeriousA11yIssues(page);
		await page.screenshot({ path: `${SCREENSHOTS}/drill-time-up.png` });

		await open.click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Timed out');
		await expect(page.getByText(`Time ran out at ${timeAt(limit, start)}`)).toBeVisible();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Save result file' }).click()
		]);
		const parsed = parseAttempt(readFileSync((await download.path())!, 'utf8'));
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(parsed.attempt.outcome).toBe('timeout');
		expect(parsed.attempt.steps.map((s) => s.type)).toEqual(['action', 'idle']);
		// The end is in the log: replaying it gives the same run, score and all.
		expect(verifyAttempt(parsed.attempt, () => http4)).toMatchObject({ ok: true });
	});
});
