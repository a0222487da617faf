import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { resolveOptions } from '../../src/lib/engine/world.ts';
import { encodeDrillCode } from '../../src/lib/engine/drill-code.ts';
import { solvePar } from '../../src/lib/engine/solver.ts';
import {
	bundledScenario,
	expectChartsDrawn,
	expectNoHorizontalScroll,
	expectNoSeriousA11yIssues,
	labelOf,
	playByLabels,
	SCREENSHOTS
} from './helpers.ts';

const http4 = bundledScenario('http4-night')!;
const SEED = 3;

async function readDownload(page: Page, click: () => Promise<void>) {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

test.describe('team drills', () => {
	test('a lead creates a drill, a trainee plays it from the link and hands in a result, the board verifies it', async ({
		page,
		browser
	}) => {
		// The lead sets the drill up.
		await page.goto('/');
		await page.getByRole('link', { name: 'Team' }).click();
		await page.getByRole('link', { name: 'Create a drill' }).click();
		await page.getByLabel('Scenario').selectOption('http4-night');
		await page.getByLabel('Seed').fill(String(SEED));
		await expect(page.getByLabel('Drill', { exact: true })).toBeChecked();
		const code = (await page.getByTestId('drill-code').textContent())!;
		expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
		const link = (await page.getByTestId('drill-link').textContent())!;
		expect(link).toBe(new URL(`/join/?code=${code}`, page.url()).href);
		await expect(page.getByRole('img', { name: 'QR code of the drill link' })).toBeVisible();
		await expectNoSeriousA11yIssues(page);
		await page.screenshot({ path: `${SCREENSHOTS}/team-create.png`, fullPage: true });

		// A trainee on another device opens the link: the briefing is the drill's, locked.
		const trainee = await browser.newContext({ viewport: { width: 1024, height: 768 } });
		const tp = await trainee.newPage();
		await tp.goto(link);
		await expect(tp.getByRole('heading', { name: `Team drill ${code}` })).toBeVisible();
		await expect(tp.locator('.locked')).toContainText(String(SEED));
		await expect(tp.getByLabel('Seed')).toHaveCount(0);
		await tp.getByLabel('New trainee').fill('Ana');
		await tp.getByRole('button', { name: 'Add' }).click();
		await expect(tp.getByLabel('Playing as')).toHaveValue(/.+/);
		await expectNoSeriousA11yIssues(tp);
		await expectNoHorizontalScroll(tp);
		await tp.screenshot({ path: `${SCREENSHOTS}/team-briefing.png`, fullPage: true });
		await tp.getByRole('button', { name: 'Start the drill' }).click();
		await expect(tp).toHaveURL(new RegExp(`drill=${code}`));
		const par = solvePar(http4, SEED, {})!;
		await playByLabels(
			tp,
			par.path.map((p) => labelOf(http4, p.action))
		);
		await tp.getByRole('button', { name: 'Open the debrief' }).click();
		await expect(tp.getByRole('heading', { name: 'Hand in your result' })).toBeVisible();
		const result = await readDownload(tp, () => tp.getByRole('button', { name: 'Save result file' }).click());
		expect(result.name).toMatch(/^nightshift-http4-night-ana-\d{4}-\d\d-\d\d\.json$/);
		const attempt = JSON.parse(result.text);
		expect(attempt).toMatchObject({
			format: 'nightshift-attempt',
			trainee: 'Ana',
			drillCode: code,
			seed: SEED,
			mode: 'drill'
		});
		await expect(tp.getByRole('status').filter({ hasText: 'Saved' })).toContainText(result.name);
		await expectNoSeriousA11yIssues(tp);
		await tp.getByRole('heading', { name: 'Hand in your result' }).scrollIntoViewIfNeeded();
		await tp.screenshot({ path: `${SCREENSHOTS}/debrief-hand-in.png` });
		await trainee.close();

		// The lead's board: the result is verified by replay.
		let dialogs = 0;
		page.on('dialog', (d) => {
			dialogs++;
			void d.dismiss();
		});
		await page.getByRole('link', { name: 'Open the team board' }).click();
		await expect(page.getByRole('heading', { name: 'Team board', level: 1 })).toBeVisible();
		await page.getByLabel('Drill code').fill(code.toLowerCase());
		await page.getByRole('button', { name: 'Use this code' }).click();
		await expect(page.getByText(`Only results of team drill ${code}`)).toBeVisible();
		const files = page.getByLabel('Result files', { exact: true });
		await files.setInputFiles([{ name: result.name, mimeType: 'application/json', buffer: Buffer.from(result.text) }]);
		await expect(page.getByTestId('board-status')).toHaveText('Checked 1 file: 1 verified.');
		const rows = page.locator('table.board tbody tr');
		await expect(rows).toHaveCount(1);
		await expect(rows.first()).toContainText('Ana');
		await expect(rows.first()).toContainText('verified');

		// A tampered copy, a file that is not JSON, and markup in a name.
		const tampered = {
			...attempt,
			id: 'tampered-1',
			score: { ...attempt.score, total: attempt.score.total === 100 ? 99 : attempt.score.total + 1 }
		};
		const evilName = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
		const evil = { ...attempt, id: 'evil-1', trainee: evilName };
		await files.setInputFiles([
			{ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) },
			{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('these are not results') },
			{ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(evil)) }
		]);
		await expect(page.getByTestId('board-status')).toHaveText('Checked 3 files: 1 verified, 2 refused.');
		const refused = page.getByTestId('refused');
		await expect(refused).toContainText('tampered.json: score does not match the replay');
		await expect(refused).toContainText('notes.txt: the file is not JSON');
		await expect(rows).toHaveCount(2);
		const evilCell = page.locator('table.board tbody th', { hasText: '<script>' });
		expect(await evilCell.textContent()).toBe(evilName);
		await expect(page.locator('table.board img')).toHaveCount(0);
		expect(dialogs).toBe(0);
		await expect(page.getByRole('img', { name: /Time to restore per trainee/ })).toBeVisible();
		await expectChartsDrawn(page);
		await expectNoSeriousA11yIssues(page);
		await page.screenshot({ path: `${SCREENSHOTS}/team-board.png`, fullPage: true });

		// The CSV: a header and one line per verified result, the name defused and quoted.
		const csv = await readDownload(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
		expect(csv.name).toMatch(/^nightshift-board-\d{4}-\d\d-\d\d\.csv$/);
		const lines = csv.text.trim().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(/^"trainee","scenario","seed","mode","outcome"/);
		const minutes = par.minutes;
		expect(lines.find((l) => l.startsWith('"Ana",'))).toContain(
			`"Ana","http4-night","${SEED}","drill","restored","","${minutes}","${attempt.score.par}","${attempt.score.total}","${attempt.score.grade}","0"`
		);
		expect(lines.find((l) => l.startsWith('"<img'))).toBeDefined();

		// Kept on the device: a reload shows the same board; Remove and Clear work.
		await page.reload();
		await expect(rows).toHaveCount(2);
		await page.getByRole('button', { name: "Remove Ana's result" }).click();
		await expect(rows).toHaveCount(1);
		page.removeAllListeners('dialog');
		page.once('dialog', (d) => void d.accept());
		await page.getByRole('button', { name: 'Clear board' }).click();
		await expect(rows).toHaveCount(0);
		expect(dialogs).toBe(0);
	});

	test('a mistyped code is refused with a clear message', async ({ page }) => {
		await page.goto('/join/?code=7Q2M-0K4V-X9TB-3Z');
		await expect(page.getByRole('alert')).toContainText(
			/This link's code can't be used: (This code has a typo|This drill is for a scenario)/
		);
		await page.goto('/team/');
		await page.getByLabel('Drill code').fill('7Q2M-0K4V');
		await page.getByRole('button', { name: 'Join the drill' }).click();
		await expect(page.getByRole('alert')).toHaveText('A drill code has 14 characters; this one has 8.');
		await expect(page.getByLabel('Drill code')).toHaveAttribute('aria-invalid', 'true');
		await page.getByLabel('Drill code').fill('7Q2M-0K4V-X9TB-U0');
		await page.getByRole('button', { name: 'Join the drill' }).click();
		await expect(page.getByRole('alert')).toHaveText('"U" can\'t appear in a drill code.');
		await expectNoSeriousA11yIssues(page);
	});

	test('with no network after one visit, a drill link opens, plays, hands in, and the board verifies the result', async ({
		page,
		context
	}) => {
		const options = resolveOptions(http4);
		const code = encodeDrillCode(
			{ scenario: 'http4-night', seed: 5, options, mode: 'guided', liveClockRate: 0 },
			{ id: 'http4-night', optionIds: http4.optionIds }
		);
		await page.goto('/');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
		await context.setOffline(true);

		await page.goto(`/join/?code=${code.toLowerCase()}`);
		await expect(page.getByRole('heading', { name: `Team drill ${code}` })).toBeVisible();
		await page.getByRole('button', { name: 'Start the drill' }).click();
		const par = solvePar(http4, 5, options)!;
		await playByLabels(
			page,
			par.path.map((p) => labelOf(http4, p.action))
		);
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		const result = await readDownload(page, () => page.getByRole('button', { name: 'Save result file' }).click());
		expect(JSON.parse(result.text)).toMatchObject({ drillCode: code, seed: 5, mode: 'guided' });

		await page.goto('/team/board/');
		await expect(page.getByText('No verified results yet')).toBeVisible();
		await page.getByLabel('Paste result text').fill(result.text);
		await page.getByRole('button', { name: 'Check pasted result' }).click();
		await expect(page.getByTestId('board-status')).toHaveText('Checked 1 file: 1 verified.');
		await expect(page.locator('table.board tbody tr')).toHaveCount(1);
	});

	test('the board takes dropped files and refuses huge ones unread', async ({ page }) => {
		await page.goto('/team/board/');
		await expect(page.getByText('No verified results yet')).toBeVisible();
		const drop = await page.evaluateHandle(() => {
			const dt = new DataTransfer();
			dt.items.add(new File(['x'.repeat(2 * 1024 * 1024)], 'huge.json', { type: 'application/json' }));
			dt.items.add(new File(['<b>not a result</b>'], 'page.html', { type: 'text/html' }));
			return dt;
		});
		await page.getByRole('group', { name: 'Drop result files here' }).dispatchEvent('drop', { dataTransfer: drop });
		await expect(page.getByTestId('board-status')).toHaveText('Checked 2 files: 0 verified, 2 refused.');
		const refused = page.getByTestId('refused');
		await expect(refused).toContainText('huge.json: the file is larger than 1 MiB');
		await expect(refused).toContainText('page.html: the file is not JSON');
		await expect(refused.locator('b')).toHaveCount(0);
	});
});
