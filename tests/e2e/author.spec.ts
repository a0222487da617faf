/**
 * Instructors bring their own scenarios: the authoring page checks a file in a worker and lists
 * its problems by line; a valid one shows its figures and map, plays at once, is kept in the
 * catalogue, plays offline, and can be removed. The fixture scenario disk-full (not bundled)
 * stands for an instructor's file.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { compileFile } from '../fixtures/load.ts';
import { solvePar } from '../../src/lib/engine/solver.ts';
import { formatDuration } from '../../src/lib/engine/time.ts';
import { SCREENSHOTS, expectNoSeriousA11yIssues, labelOf, playByLabels } from './helpers.ts';

const FILE = 'tests/fixtures/scenarios/disk-full.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const compiled = compileFile(FILE);

/** Waits for the authoring page's check to end, and gives its status line. */
async function checked(page: Page) {
	const status = page.getByTestId('author-status');
	await expect(status).toHaveText(/passes every check|problems? to fix|Refused/, { timeout: 30_000 });
	return status;
}

async function waitForServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test.describe('the authoring page', () => {
	test('lists every problem with its line, selects it in the text, and shows the figures and map once fixed', async ({
		page
	}) => {
		await page.goto('/');
		await page.getByRole('link', { name: 'Author', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Author a scenario');

		const broken = TEXT.replace('reveals: [df]', 'reveals: [dff]').replace(
			'label: Check disk space',
			'lable: Check disk space'
		);
		await page.getByLabel('Scenario text', { exact: true }).fill(broken);
		await page.getByRole('button', { name: 'Check', exact: true }).click();
		await expect(await checked(page)).toHaveText(/disk-full\.yaml|pasted\.yaml/);
		const issues = page.getByTestId('issues').getByRole('listitem');
		await expect(issues).toHaveCount(2);
		const unknownKey = issues.filter({ hasText: 'unknown key' });
		await expect(unknownKey).toContainText('unknown key "lable"; did you mean "label"?');
		await page.screenshot({ path: `${SCREENSHOTS}/author-errors.png` });

		// "Line N" puts the caret on that line of the text.
		const lineButton = unknownKey.getByRole('button', { name: /^Line \d+/ });
		const line = Number((await lineButton.textContent())!.match(/\d+/)![0]);
		await lineButton.click();
		const selected = await page
			.getByLabel('Scenario text', { exact: true })
			.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
		expect(selected).toBe(broken.split('\n')[line - 1]);
		expect(selected).toContain('lable:');

		// Fixed one problem, the next stage finds the wrong id, with a suggestion.
		await page.getByLabel('Scenario text', { exact: true }).fill(broken.replace('lable:', 'label:'));
		await page.getByRole('button', { name: 'Check', exact: true }).click();
		await checked(page);
		await expect(page.getByTestId('issues')).toContainText('unknown evidence id "dff"; did you mean "df"?');
		await expect(page.getByTestId('issues')).toContainText('(in action "check-disk")');

		await page.getByLabel('Scenario text', { exact: true }).fill(TEXT);
		await page.getByRole('button', { name: 'Check', exact: true }).click();
		await expect(await checked(page)).toContainText('Disk full on web1 (disk-full v1) passes every check');
		const table = page.getByTestId('par-table').first();
		await expect(table).toContainText('Runaway logs');
		await expect(table).toContainText('75%');
		await expect(page.getByTestId('lints')).toContainText('Leaks: passed');
		// The map is drawn when it comes into view.
		await page.getByRole('region', { name: /the fair policy as a decision tree/ }).scrollIntoViewIfNeeded();
		await expect(page.locator('[data-testid="policy-tree"]')).toBeVisible();
		await expect(page.getByText('The tree as text')).toBeVisible();
		await expectNoSeriousA11yIssues(page);
		await page.screenshot({ path: `${SCREENSHOTS}/author-valid.png`, fullPage: true });
	});

	test('an imported file is in the catalogue, plays to a restore, and is still there offline after a reload', async ({
		page,
		context
	}) => {
		const par = solvePar(compiled, 1)!;
		await page.goto('/author/');
		await waitForServiceWorker(page);
		await page.getByLabel('Scenario file', { exact: true }).setInputFiles(FILE);
		await expect(await checked(page)).toContainText('passes every check');
		await page.getByRole('button', { name: 'Add to my scenarios' }).click();
		await expect(page.getByTestId('scenario-actions-status')).toContainText('Added “Disk full on web1”');

		await page.goto('/');
		const card = page.getByTestId('imported-card');
		await expect(card).toContainText('Disk full on web1');
		await expect(card).toContainText('Imported');
		await expect(card).toContainText('From disk-full.yaml');
		await page.screenshot({ path: `${SCREENSHOTS}/catalogue-imported.png`, fullPage: true });
		await card.getByRole('link', { name: 'Disk full on web1' }).click();
		await expect(page.getByTestId('imported-origin')).toContainText('disk-full.yaml');
		await page.getByLabel('Practice').check();
		await page.getByLabel('Seed').fill('1');
		await page.getByRole('button', { name: 'Start the drill' }).click();
		await expect(page).toHaveURL(/\/imported\/play\/\?s=[0-9a-f]{64}&/);
		await playByLabels(
			page,
			par.path.map((p) => labelOf(compiled, p.action))
		);
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Restored');
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(par.minutes));

		// The history lists it, and its debrief opens from there.
		await page.goto('/history/');
		await expect(page.getByRole('cell', { name: 'Disk full on web1', exact: true })).toBeVisible();
		await page.getByRole('row').filter({ hasText: 'Disk full on web1' }).getByRole('link').click();
		await expect(page).toHaveURL(/\/imported\/debrief\/\?s=[0-9a-f]{64}&attempt=/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Restored');

		await context.setOffline(true);
		await page.goto('/');
		await page.reload();
		await expect(page.getByTestId('imported-card')).toContainText('Disk full on web1');
		await page.getByTestId('imported-card').getByRole('link', { name: 'Disk full on web1' }).click();
		await page.getByRole('button', { name: 'Start the drill' }).click();
		await expect(page.getByRole('timer')).toContainText(compiled.scenario.start.time);
		await context.setOffline(false);
	});

	test('an imported scenario is removed after a confirmation; its attempts stay in history', async ({ page }) => {
		await page.goto('/author/');
		await page.getByLabel('Scenario file', { exact: true }).setInputFiles(FILE);
		await checked(page);
		await page.getByRole('button', { name: 'Add to my scenarios' }).click();
		await expect(page.getByTestId('scenario-actions-status')).toContainText('Added');
		await page.goto('/');
		const card = page.getByTestId('imported-card');
		await expect(card).toBeVisible();

		page.once('dialog', (d) => void d.dismiss());
		await card.getByRole('button', { name: /Remove/ }).click();
		await expect(card).toBeVisible();
		page.once('dialog', (d) => {
			expect(d.message()).toContain('Its attempts stay in History');
			void d.accept();
		});
		await card.getByRole('button', { name: /Remove/ }).click();
		await expect(page.getByTestId('catalogue-status')).toHaveText('Removed "Disk full on web1".');
		await expect(page.getByTestId('imported-card')).toHaveCount(0);
		await page.reload();
		await expect(page.getByTestId('imported-card')).toHaveCount(0);
	});
});
