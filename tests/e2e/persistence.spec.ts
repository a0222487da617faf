import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { solvePar } from '../../src/lib/engine/solver.ts';
import { formatDuration } from '../../src/lib/engine/time.ts';
import {
	actionButton,
	bundledScenario,
	expectChartsDrawn,
	expectNoSeriousA11yIssues,
	labelOf,
	playByLabels,
	SCREENSHOTS
} from './helpers.ts';

const http4 = bundledScenario('http4-night');
// A variant whose par path has more than two steps (card-firmware: swap, memory, firmware), so a drill is
// still in progress after two actions.
const SEED = 4;

/** The par path's labels for a seed, and its minutes. */
function parPath(seed: number) {
	const par = solvePar(http4!, seed, {})!;
	return { labels: par.path.map((p) => labelOf(http4!, p.action)), minutes: par.minutes };
}

test.describe('saving and history', () => {
	test('a reload mid-drill resumes with the same clock, evidence and actions; the finished drill is in history', async ({
		page
	}) => {
		const { labels, minutes } = parPath(SEED);
		expect(labels.length).toBeGreaterThan(2);
		await page.goto(`/scenarios/http4-night/play/?seed=${SEED}&mode=guided`);
		await playByLabels(page, labels.slice(0, 2));
		// Each action is saved just after its outcome is drawn.
		await page.waitForFunction(() => performance.getEntriesByName('nightshift:save').length >= 2);
		const clock = await page.getByRole('timer').textContent();
		const log = await page.locator('.log-col').innerText();
		const actions = await page.locator('.actions-col').innerText();

		await page.reload();
		await expect(page.getByTestId('resume-notice')).toContainText('Resumed your drill in progress (2 steps taken)');
		await expect(page.getByRole('timer')).toHaveText(clock!);
		expect(await page.locator('.log-col').innerText()).toBe(log);
		expect(await page.locator('.actions-col').innerText()).toBe(actions);

		// Close the tab and come back from the catalogue.
		await page.goto('/');
		await page.getByRole('link', { name: 'Resume drill in progress' }).click();
		await expect(page.getByRole('timer')).toHaveText(clock!);
		await playByLabels(page, labels.slice(2));
		await expect(page.getByRole('status')).toContainText('Service restored');
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(minutes));

		await page.getByRole('link', { name: 'History' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'History and progress' })).toBeVisible();
		const rows = page.locator('table.attempts tbody tr');
		await expect(rows).toHaveCount(1);
		await expect(rows.first()).toContainText('Guided');
		await expect(rows.first()).toContainText(formatDuration(minutes));
		// Nothing is left in progress once the drill is finished.
		await page.goto('/');
		await expect(page.getByRole('link', { name: 'Resume drill in progress' })).toHaveCount(0);
	});

	test('history: filters, debrief link, delete, export and import', async ({ page }) => {
		const { labels } = parPath(SEED);
		await page.goto('/');
		await page.getByLabel('New trainee').fill('Ana');
		await page.getByRole('button', { name: 'Add' }).click();
		await expect(page.getByLabel('Playing as')).toHaveValue(/.+/);
		for (const mode of ['guided', 'practice']) {
			await page.goto(`/scenarios/http4-night/play/?seed=${SEED}&mode=${mode}`);
			await playByLabels(page, labels);
			await page.getByRole('button', { name: 'Open the debrief' }).click();
			await expect(page.getByTestId('time-to-restore')).toBeVisible();
		}
		await page.goto('/history/');
		const rows = page.locator('table.attempts tbody tr');
		await expect(rows).toHaveCount(2);
		await expect(rows.first()).toContainText('Ana');
		await expect(page.getByRole('img', { name: /restored attempts/ })).toBeVisible();
		await expectChartsDrawn(page);
		await expectNoSeriousA11yIssues(page);
		await page.screenshot({ path: `${SCREENSHOTS}/history.png`, fullPage: true });

		await page.getByLabel('Mode').selectOption('practice');
		await expect(rows).toHaveCount(1);
		await expect(rows.first()).toContainText('Practice');
		await page.getByLabel('Mode').selectOption('');

		// Export, then import the same file: nothing is overwritten.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Export backup' }).click()
		]);
		const file = await download.path();
		const backup = JSON.parse(readFileSync(file, 'utf8'));
		expect(backup).toMatchObject({ format: 'nightshift-backup', formatVersion: 1 });
		expect(backup.attempts).toHaveLength(2);
		await page.getByLabel('Backup file to import').setInputFiles(file);
		await expect(page.getByRole('status')).toContainText(
			'Imported 0 attempts, 0 trainees, 0 settings, 0 team-board results and 0 scenarios; 4 already present'
		);
		await page.getByLabel('Backup file to import').setInputFiles({
			name: 'bad.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{"format":"nightshift-backup"}')
		});
		await expect(page.getByRole('status')).toContainText('Import refused: bad.json: malformed backup');

		// Delete one, after confirming.
		page.once('dialog', (d) => void d.accept());
		await rows
			.first()
			.getByRole('button', { name: /^Delete/ })
			.click();
		await expect(rows).toHaveCount(1);
		// Import the backup: the deleted attempt comes back, the other is left alone.
		await page.getByLabel('Backup file to import').setInputFiles(file);
		await expect(page.getByRole('status')).toContainText('Imported 1 attempts');
		await expect(rows).toHaveCount(2);

		await rows.first().getByRole('link').click();
		await expect(page.getByTestId('time-to-restore')).toBeVisible();
	});

	test('a drill saved under another scenario version is rebuilt from its log, or kept as interrupted when the log no longer replays', async ({
		page
	}) => {
		const { labels } = parPath(SEED);
		const url = `/scenarios/http4-night/play/?seed=${SEED}&mode=guided`;
		await page.goto(url);
		await playByLabels(page, labels.slice(0, 2));
		await page.waitForFunction(() => performance.getEntriesByName('nightshift:save').length >= 2);
		const clock = await page.getByRole('timer').textContent();

		/** Rewrites the saved drill in progress as an older version of the app would have left it. */
		const tamper = (brokenLog: boolean) =>
			page.evaluate(async (broken) => {
				const db = await new Promise<IDBDatabase>((ok, fail) => {
					const req = indexedDB.open('nightshift');
					req.onsuccess = () => ok(req.result);
					req.onerror = () => fail(req.error);
				});
				const store = () => db.transaction('inProgress', 'readwrite').objectStore('inProgress');
				const row = await new Promise<Record<string, unknown> & { log: unknown[] }>(
					(ok) => (store().get('http4-night').onsuccess = (e) => ok((e.target as IDBRequest).result))
				);
				row.scenarioVersion = 999;
				if (broken) row.log = [...row.log, { type: 'action', action: 'no-such-action' }];
				await new Promise((ok) => (store().put(row).onsuccess = ok));
				db.close();
			}, brokenLog);

		await tamper(false);
		await page.reload();
		await expect(page.getByTestId('resume-notice')).toContainText('This scenario was updated (version 999 to');
		await expect(page.getByTestId('resume-notice')).toContainText('rebuilt from its 2 steps');
		await expect(page.getByRole('timer')).toHaveText(clock!);

		await tamper(true);
		await page.reload();
		await expect(page.getByTestId('resume-notice')).toContainText('Your drill in progress could not be resumed');
		await expect(page.getByTestId('resume-notice')).toContainText('step 3 ("no-such-action") was not possible');
		await expect(page.getByRole('timer')).toContainText(http4!.scenario.start.time);

		await page.goto('/history/');
		const row = page.locator('table.attempts tbody tr');
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('Interrupted: the scenario was updated (version 999 to');
		await expectNoSeriousA11yIssues(page);
	});

	test('the debrief still shows the attempt, the score and the night when the best play can not be fetched', async ({
		page
	}) => {
		const { labels, minutes } = parPath(SEED);
		await page.goto(`/scenarios/http4-night/play/?seed=${SEED}&mode=practice`);
		await playByLabels(page, labels);
		// The best play's data (the fair results worked out at build time) is a chunk of its own:
		// as if it were not cached yet, offline.
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			const response = await route.fetch();
			const body = await response.text();
			if (body.includes('expectedMinutes')) return route.abort('internetdisconnected');
			await route.fulfill({ response, body });
		});
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(minutes));
		await expect(page.getByRole('heading', { name: 'Score' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Phase laps' })).toContainText('could not be loaded');
		await expect(page.getByRole('table', { name: 'Your path' })).toContainText(labels[0]!);
		await expect(page.getByRole('heading', { name: 'What really happened' })).toBeVisible();
		await expectNoSeriousA11yIssues(page);
		await page.screenshot({ path: `${SCREENSHOTS}/debrief-without-best-play.png`, fullPage: true });
	});

	test('with IndexedDB unavailable, a warning says results will not be kept and the drill still plays', async ({
		page
	}) => {
		await page.addInitScript(() => {
			Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
		});
		const { labels } = parPath(SEED);
		await page.goto('/');
		const alert = page.getByRole('alert').filter({ hasText: "Results won't be kept on this device" });
		await expect(alert).toBeVisible();
		await expect(alert).toContainText('no IndexedDB');
		await page.screenshot({ path: `${SCREENSHOTS}/storage-warning.png` });
		await page.goto(`/scenarios/http4-night/play/?seed=${SEED}&mode=practice`);
		await expect(alert).toBeVisible();
		await expect(actionButton(page, labels[0]!)).toBeVisible();
		await playByLabels(page, labels);
		await expect(page.getByRole('status')).toContainText('Service restored');
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await expect(page.getByTestId('time-to-restore')).toBeVisible();
	});
});
