/**
 * Sharing without a server: a scenario link carries the whole file in its fragment and opens
 * in another browser (checked there, by the same worker); a team drill on an imported scenario
 * names it by content hash, its link carries the file to trainees, and the board verifies the
 * results only against that exact file, asking for it when it doesn't have it.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { compileFile } from '../fixtures/load.ts';
import { solvePar } from '../../src/lib/engine/solver.ts';
import { SCREENSHOTS, expectNoSeriousA11yIssues, gotoReady, labelOf, playByLabels } from './helpers.ts';

const FILE = 'tests/fixtures/scenarios/disk-full.yaml';
const compiled = compileFile(FILE);
const SEED = 5;

/** Opens a file on the authoring page and waits for its check. */
async function openOnAuthorPage(page: Page, file = FILE) {
	await page.goto('/author/');
	await page.getByLabel('Scenario file', { exact: true }).setInputFiles(file);
	await expect(page.getByTestId('author-status')).toContainText('passes every check', { timeout: 30_000 });
}

async function readDownload(page: Page, click: () => Promise<void>) {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

test.describe('sharing', () => {
	test('a scenario link opens in another browser, checked there, at the briefing', async ({ page, browser }) => {
		await openOnAuthorPage(page);
		await page.getByRole('button', { name: 'Copy share link' }).click();
		const link = await page.getByTestId('share-link').inputValue();
		expect(link).toMatch(/\/open\/#file=disk-full\.yaml&scenario=s1\./);

		// Someone else's browser: nothing stored, no file.
		const other = await browser.newContext();
		const op = await other.newPage();
		await op.goto(link);
		await expect(op.getByRole('heading', { level: 1 })).toHaveText(compiled.scenario.title);
		await expect(op).toHaveURL(/\/imported\/\?s=[0-9a-f]{64}$/);
		await expect(op.getByTestId('imported-origin')).toContainText('kept for this tab only');
		await expectNoSeriousA11yIssues(op);
		await op.screenshot({ path: `${SCREENSHOTS}/shared-briefing.png` });
		await op.getByRole('button', { name: 'Start the drill' }).click();
		await expect(op.getByRole('timer')).toContainText(compiled.scenario.start.time);
		// A reload keeps it (the tab's copy), still checked again.
		await op.reload();
		await expect(op.getByRole('timer')).toContainText(compiled.scenario.start.time);

		// A damaged link is refused with the reason.
		await op.goto(link.replace(/scenario=s1\.(.{20})/, 'scenario=s1.$1AAAA'));
		await expect(op.getByTestId('open-problem')).toContainText("This link can't be opened");
		await other.close();
	});

	test('a team drill on an imported scenario: the link carries it to a trainee, the board verifies only against that file', async ({
		page,
		browser
	}) => {
		// The lead adds the file and creates the drill.
		await openOnAuthorPage(page);
		await page.getByRole('button', { name: 'Add to my scenarios' }).click();
		await expect(page.getByTestId('scenario-actions-status')).toContainText('Added');
		await page.goto('/team/new/');
		await page.getByLabel('Scenario').selectOption({ label: compiled.scenario.title });
		await expect(page.getByTestId('imported-drill-note')).toBeVisible();
		await page.getByLabel('Seed').fill(String(SEED));
		const code = (await page.getByTestId('drill-code').textContent())!;
		const link = (await page.getByTestId('drill-link').getByRole('link').getAttribute('href'))!;
		expect(link).toMatch(new RegExp(`/join/\\?code=${code}&s=[0-9a-f]{64}#file=disk-full\\.yaml&scenario=s1\\.`));
		await page.screenshot({ path: `${SCREENSHOTS}/team-create-imported.png`, fullPage: true });

		// A trainee who has never seen the scenario opens the link.
		const trainee = await browser.newContext();
		const tp = await trainee.newPage();
		await tp.goto(link);
		await expect(tp.getByRole('heading', { name: `Team drill ${code}` })).toBeVisible({ timeout: 30_000 });
		await tp.getByLabel('New trainee').fill('Ana');
		await tp.getByRole('button', { name: 'Add' }).click();
		await tp.getByRole('button', { name: 'Start the drill' }).click();
		const par = solvePar(compiled, SEED)!;
		await playByLabels(
			tp,
			par.path.map((p) => labelOf(compiled, p.action))
		);
		await tp.getByRole('button', { name: 'Open the debrief' }).click();
		const result = await readDownload(tp, () => tp.getByRole('button', { name: 'Save result file' }).click());
		const attempt = JSON.parse(result.text);
		expect(attempt.scenario).toMatchObject({
			id: 'disk-full',
			version: 1,
			hash: expect.stringMatching(/^[0-9a-f]{64}$/)
		});
		expect(attempt.drillCode).toBe(code);
		await trainee.close();

		// The lead's board has the file: the result is verified by replay.
		await gotoReady(page, '/team/board/');
		await page.getByLabel('Drill code').fill(code);
		await page.getByRole('button', { name: 'Use this code' }).click();
		await expect(page.getByText(`Only results of team drill ${code}`)).toContainText(compiled.scenario.title);
		const files = page.getByLabel('Result files', { exact: true });
		const upload = { name: result.name, mimeType: 'application/json', buffer: Buffer.from(result.text) };
		await files.setInputFiles([upload]);
		await expect(page.getByTestId('board-status')).toHaveText('Checked 1 file: 1 verified.');
		await expect(page.locator('table.board tbody tr').first()).toContainText('Ana');

		// A result claiming another file of the same id and version is refused: the board never
		// takes a result's word for its scenario.
		const other = { ...attempt, id: 'other-file', scenario: { ...attempt.scenario, hash: 'f'.repeat(64) } };
		await files.setInputFiles([
			{ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) }
		]);
		await expect(page.getByTestId('refused')).toContainText(
			'other.json: a different drill: another file of scenario disk-full'
		);

		// A second board without the file refuses the result, saying what it needs; with the file added from the drill link, it verifies it.
		const lead2 = await browser.newContext();
		const bp = await lead2.newPage();
		await gotoReady(bp, '/team/board/');
		const files2 = bp.getByLabel('Result files', { exact: true });
		await files2.setInputFiles([upload]);
		await expect(bp.getByTestId('refused')).toContainText('is not on this device: add its file or open its link first');
		await bp.getByLabel('or its link').fill(link);
		await bp.getByRole('button', { name: 'Add from the link' }).click();
		await expect(bp.getByTestId('add-scenario-status')).toContainText('is on this device', { timeout: 30_000 });
		await files2.setInputFiles([upload]);
		await expect(bp.getByTestId('board-status')).toHaveText('Checked 1 file: 1 verified.');
		await expectNoSeriousA11yIssues(bp);
		await bp.screenshot({ path: `${SCREENSHOTS}/team-board-imported.png`, fullPage: true });
		await lead2.close();
	});
});
