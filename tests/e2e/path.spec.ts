/**
 * The learning path, followed as a new technician would: the steps in order with what each
 * teaches, each to its briefing; a drill restored marks its step done and sends the trainee on
 * to the next; the page works offline after one visit.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { learningPath } from '../../src/lib/learning-path.ts';
import {
	bundledScenario,
	expectNoHorizontalScroll,
	expectNoSeriousA11yIssues,
	fairPolicyRun,
	playFairRunToDebrief,
	SCREENSHOTS
} from './helpers.ts';

/** The path's steps whose scenario is bundled, in order, with their titles. */
const bundledIds = new Set(
	readdirSync(resolve(import.meta.dirname, '../../scenarios'))
		.filter((f) => f.endsWith('.yaml'))
		.map((f) => f.replace(/\.yaml$/, ''))
);
const steps = learningPath()
	.filter((s) => bundledIds.has(s.id))
	.map((s) => ({
		...s,
		title: bundledScenario(s.id)!.scenario.title
	}));

const step = (page: Page, n: number) => page.getByTestId('path-step').nth(n);

test('the path lists every bundled scenario in order, from the header, each step to its briefing', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Learning path' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learning path');
	await expect(page.getByTestId('path-step').getByRole('heading')).toHaveText(
		steps.map((s, i) => `Step ${i + 1}: ${s.title}`)
	);
	for (const [i, s] of steps.entries()) await expect(step(page, i)).toContainText(s.teaches);
	await expect(page.getByTestId('path-progress')).toContainText(`0 of ${steps.length} steps done`);
	await expect(step(page, 0).getByTestId('path-mark')).toHaveText('→ Next');
	await expectNoSeriousA11yIssues(page);
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: `${SCREENSHOTS}/path.png`, fullPage: true });

	await step(page, 1).getByRole('link', { name: steps[1]!.title }).click();
	await expect(page).toHaveURL(new RegExp(`/scenarios/${steps[1]!.id}/$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(steps[1]!.title);
});

test('a restored drill marks its step done, and the next step is where the path sends you', async ({ page }) => {
	const first = steps[0]!;
	const fair = fairPolicyRun(first.id);
	// The attempt is kept when the drill ends; the debrief opens it from the database.
	await playFairRunToDebrief(page, fair);

	await page.goto('/path/');
	await expect(page.getByTestId('path-progress')).toContainText(`You: 1 of ${steps.length} steps done`);
	await expect(step(page, 0).getByTestId('path-mark')).toHaveText(
		`✓ Done: restored once, best grade ${fair.score!.grade}`
	);
	await expect(step(page, 1).getByTestId('path-mark')).toHaveText('→ Next');
	await expect(page.getByTestId('path-progress')).toContainText(`Next: step 2, ${steps[1]!.title}.`);
	await expectNoSeriousA11yIssues(page);
	await page.screenshot({ path: `${SCREENSHOTS}/path-progress.png`, fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: `${SCREENSHOTS}/path-progress-phone.png`, fullPage: true });

	// Keyboard: the next step's briefing is one link away.
	const next = page.getByRole('link', { name: 'Open the briefing of step 2' });
	await next.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(steps[1]!.title);
});

test('after one visit the path opens with no network', async ({ page, context }) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	await context.setOffline(true);
	const response = await page.goto('/path/');
	expect(response?.fromServiceWorker(), 'the path came from the service worker').toBe(true);
	await expect(page.getByTestId('path-step')).toHaveCount(steps.length);
	await expect(page.getByTestId('path-progress')).toContainText(`0 of ${steps.length} steps done`);
	await step(page, 0).getByRole('link', { name: steps[0]!.title }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(steps[0]!.title);
});
