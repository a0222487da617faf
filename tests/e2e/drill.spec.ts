import { expect, test, type Locator } from '@playwright/test';
import { resolveOptions, hiddenForSeed } from '../../src/lib/engine/world.ts';
import { fairFor, parsFor, policyPath } from '../../src/lib/engine/fair.ts';
import { solvePar } from '../../src/lib/engine/solver.ts';
import { replay } from '../../src/lib/engine/replay.ts';
import { scoreState } from '../../src/lib/engine/attempt.ts';
import { formatDuration } from '../../src/lib/engine/time.ts';
import {
	actionButton,
	bundledScenario,
	expectChartsDrawn,
	expectNoHorizontalScroll,
	expectNoSeriousA11yIssues,
	labelOf,
	pathToFailure,
	playByLabels,
	SCREENSHOTS
} from './helpers.ts';

const http4 = bundledScenario('http4-night');

/** The seed in 1..20 whose par path (default options) has the most steps: the richest run to play. */
function richestSeed() {
	let best = { seed: 1, steps: -1 };
	for (let seed = 1; seed <= 20; seed++) {
		const steps = solvePar(http4!, seed, {})?.path.length ?? -1;
		if (steps > best.steps) best = { seed, steps };
	}
	return best.seed;
}

test.describe('http4-night', () => {
	test('plays the best play from the evidence in guided mode and the debrief says it was at par', async ({ page }) => {
		const compiled = http4!;
		const seed = richestSeed();
		const pars = parsFor(compiled, seed, {})!;
		const policy = policyPath(fairFor(compiled, {})!, pars.variant.key);
		const par = { minutes: pars.variant.clock };
		const labels = policy.map((p) => labelOf(compiled, p.action));
		// The grade the engine gives this run (no status update posted; a degraded restore costs points too).
		const run = replay(
			compiled,
			{ seed },
			policy.map((p) => ({ type: 'action', action: p.action }))
		);
		const grade = scoreState(compiled, run.state)!.grade;

		await page.goto(`/scenarios/http4-night/?seed=${seed}&mode=guided`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(compiled.scenario.title);
		await expectNoSeriousA11yIssues(page);
		await page.screenshot({ path: `${SCREENSHOTS}/briefing.png` });
		await page.getByRole('button', { name: 'Start the drill' }).click();

		await expect(page.getByRole('timer')).toContainText(compiled.scenario.start.time);
		await expectNoSeriousA11yIssues(page);
		const middle = Math.floor(labels.length / 2);
		await playByLabels(page, labels, async (i) => {
			if (i !== middle - 1) return;
			await expectNoSeriousA11yIssues(page);
			await expectNoHorizontalScroll(page);
			await page.screenshot({ path: `${SCREENSHOTS}/drill-guided.png` });
		});

		await expect(page.getByRole('status')).toContainText('Service restored');
		const open = page.getByRole('button', { name: 'Open the debrief' });
		await expect(open).toBeFocused();
		await open.click();

		await expect(page.getByRole('heading', { level: 1 })).toContainText('Restored');
		await expect(page.getByRole('navigation', { name: 'Breadcrumbs' })).toHaveText(
			`Scenarios › ${compiled.scenario.title} › Debrief`
		);
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(par.minutes));
		await expect(page.getByTestId('par')).toHaveText(formatDuration(Math.round(pars.fair)));
		await expect(page.getByText('at par', { exact: true })).toBeVisible();
		await expect(page.getByTestId('departure')).toHaveText('Your path followed the best play from the evidence.');
		await expect(page.getByRole('img', { name: /^Timeline:/ })).toBeVisible();
		await expectChartsDrawn(page);
		// The tree is wider than its box: it opens with every move the trainee made in view.
		const region = page.getByRole('region', { name: 'Best play from the evidence, drawn' });
		await region.scrollIntoViewIfNeeded();
		await expect(page.getByText(/Scroll the drawing sideways/)).toBeVisible();
		const box = (await region.boundingBox())!;
		const mine = page.locator('[data-testid="policy-tree"] g.node.followed');
		await expect(mine.first()).toBeVisible();
		expect(await mine.count()).toBeGreaterThan(3);
		for (const b of await Promise.all((await mine.all()).map((n) => n.boundingBox())))
			expect(b!.x >= box.x && b!.x + b!.width <= box.x + box.width).toBe(true);
		await expectNoSeriousA11yIssues(page);
		await expectNoHorizontalScroll(page);
		await page.screenshot({ path: `${SCREENSHOTS}/debrief-restored.png`, fullPage: true });
		// On a phone it fits the screen's width, its tables opened too (wider, and a phone shrinks
		// the whole page to fit it), once laid out again (the chart's canvas takes its new width
		// a frame after the window's).
		await page.getByText('Both paths, step by step').click();
		await expect(page.getByRole('table', { name: 'Your path' })).toBeVisible();
		await page.setViewportSize({ width: 412, height: 823 });
		await expect
			.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), {
				message: 'horizontal overflow in px on a phone'
			})
			.toBeLessThanOrEqual(0);
		await page.setViewportSize({ width: 1366, height: 768 });

		// A reload of the debrief still shows the attempt (kept in IndexedDB).
		await page.reload();
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(par.minutes));

		// The catalogue now shows the best result.
		await page.goto('/');
		await expect(page.getByRole('listitem').filter({ hasText: compiled.scenario.title })).toContainText(
			`Grade ${grade}`
		);
	});

	test('failing over without fencing, then repairing http4, ends in split-brain and a failed debrief', async ({
		page
	}) => {
		const compiled = http4!;
		const failure = compiled.scenario.failures.find((f) => f.id === 'split-brain');
		expect(failure, 'http4-night declares a split-brain failure').toBeDefined();
		const options = resolveOptions(compiled, Object.fromEntries(compiled.scenario.options.map((o) => [o.id, true])));
		let seed = 1;
		let path: string[] | null = null;
		for (; seed <= 20 && !path; seed++) path = pathToFailure(compiled, { seed, options }, 'split-brain');
		seed--;
		expect(path, 'a path into split-brain').not.toBeNull();
		const labels = path!.map((id) => labelOf(compiled, id));

		const query = new URLSearchParams({ seed: String(seed), mode: 'practice' });
		for (const [k, v] of Object.entries(options)) query.set(`opt.${k}`, v ? '1' : '0');
		await page.goto(`/scenarios/http4-night/play/?${query}`);
		await playByLabels(page, labels);
		await expect(page.getByRole('status')).toContainText('Drill failed');
		await page.getByRole('button', { name: 'Open the debrief' }).click();

		await expect(page.getByRole('heading', { level: 1 })).toContainText(`Drill failed: ${failure!.label}`);
		await expect(page.getByTestId('time-to-restore')).toHaveText('not restored');
		const wrong = page.getByRole('region', { name: 'What went wrong' });
		await expect(wrong).toContainText(failure!.label);
		await expect(wrong).toContainText(`right after ${labels[labels.length - 1]}`);
		await expect(page.getByText('F', { exact: true })).toBeVisible();
		// The coaching names the first move off the best play from the evidence, and what was best.
		const best = policyPath(fairFor(compiled, options)!, hiddenForSeed(compiled, seed).key);
		const off = path!.findIndex((id, i) => best[i]?.action !== id);
		const departure = page.getByTestId('departure');
		await expect(departure).toContainText(`(your action ${off + 1}) you chose ${labels[off]}`);
		await expect(departure).toContainText(`the best move was ${best[off]!.label}`);
		// The tree is drawn when it comes into view.
		await page.getByRole('region', { name: 'Best play from the evidence, drawn' }).scrollIntoViewIfNeeded();
		await expect(page.getByTestId('policy-tree')).toBeVisible();
		await page.getByText('The tree as text').click();
		await expect(page.locator('.text-version').getByText('(you left the best play here)')).toBeVisible();
		await expectChartsDrawn(page);
		await expectNoSeriousA11yIssues(page);
		await page.screenshot({ path: `${SCREENSHOTS}/debrief-failed.png`, fullPage: true });
	});

	test('keyboard only: catalogue to debrief along the par path', async ({ page }) => {
		const compiled = http4!;
		const seed = richestSeed();
		const par = solvePar(compiled, seed, {})!;
		const labels = par.path.map((p) => labelOf(compiled, p.action));

		/** Presses Tab (only Tab) until the element has focus. */
		async function tabTo(target: Locator, max = 250) {
			for (let i = 0; i < max; i++) {
				if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
				await page.keyboard.press('Tab');
			}
			await expect(target).toBeFocused();
		}

		await page.goto('/');
		await tabTo(page.getByRole('link', { name: compiled.scenario.title }));
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/scenarios\/http4-night\/$/);
		// Practice mode, with the seed typed in.
		await tabTo(page.getByRole('radio', { name: 'Guided' }));
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		await expect(page.getByRole('radio', { name: 'Practice' })).toBeChecked();
		await tabTo(page.getByRole('textbox', { name: 'Seed' }));
		await page.keyboard.press('Control+A');
		await page.keyboard.type(String(seed));
		await tabTo(page.getByRole('button', { name: 'Start the drill' }));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('timer')).toBeVisible();

		for (const label of labels) {
			await tabTo(actionButton(page, label));
			await page.keyboard.press('Enter');
			await expect(page.getByRole('status')).not.toBeEmpty();
		}
		await expect(page.getByRole('status')).toContainText('Service restored');
		await expect(page.getByRole('button', { name: 'Open the debrief' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(par.minutes));
	});
});

test('the catalogue lists every bundled scenario and passes axe at 1366 and 1024 wide', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
	const cards = page.locator('.cards > li');
	expect(await cards.count()).toBeGreaterThan(0);
	for (const card of await cards.all()) await expect(card).toContainText(/Par.+of downtime/);
	await expectNoSeriousA11yIssues(page);
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: `${SCREENSHOTS}/catalogue.png` });
	await page.setViewportSize({ width: 1024, height: 768 });
	await expectNoHorizontalScroll(page);
});

test('the drill screen fits a 1024x768 tablet', async ({ page }) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.goto('/');
	await page.locator('.cards > li a').first().click();
	await page.getByRole('button', { name: 'Start the drill' }).click();
	await expect(page.getByRole('timer')).toBeVisible();
	await expectNoHorizontalScroll(page);
	await expectNoSeriousA11yIssues(page);
	await page.screenshot({ path: `${SCREENSHOTS}/drill-1024.png` });
});

test('a debrief with no attempt says so and links to the briefing', async ({ page }) => {
	await page.goto('/');
	const href = await page.locator('.cards > li a').first().getAttribute('href');
	await page.goto(`${href}debrief/?attempt=missing`);
	await expect(page.getByText('There is no finished attempt to show here')).toBeVisible();
	await expectNoSeriousA11yIssues(page);
});
