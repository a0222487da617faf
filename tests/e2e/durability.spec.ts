/**
 * No action lost: the tab is closed or its renderer crashed right after actions, and the drill
 * reopened in the same browser must show what the screen had shown. The walk and the moments
 * come from a seeded generator, so a failure replays the same way.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { performAction, startDrill, type DrillState } from '../../src/lib/engine/drill.ts';
import { availability } from '../../src/lib/engine/world.ts';
import { createRng } from '../../src/lib/engine/rng.ts';
import { timeAt } from '../../src/lib/engine/time.ts';
import { actionButton, bundledScenario, labelOf } from './helpers.ts';

const http4 = bundledScenario('http4-night')!;
const SEED = 3;
const ROUNDS = 30;
/** The tab dies this long after the page handled the click, at most. */
const MAX_DELAY_MS = 80;
const URL = `/scenarios/http4-night/play/?seed=${SEED}&mode=practice`;

/**
 * A reproducible walk through http4-night: at each step a seeded draw picks one of the actions
 * available then that keeps the drill going, so every step can be followed by another.
 */
function randomWalk(steps: number, random: () => number): string[] {
	let state: DrillState = startDrill(http4, { seed: SEED, mode: 'practice' });
	const path: string[] = [];
	for (let i = 0; i < steps; i++) {
		const choices = http4.actions.filter(
			(a) =>
				availability(http4, state, a.def.id).available && performAction(http4, state, a.def.id).outcome === 'playing'
		);
		const pick = choices[Math.floor(random() * choices.length)]!;
		state = performAction(http4, state, pick.def.id);
		path.push(pick.def.id);
	}
	return path;
}

/** What the drill screen shows: the clock, the evidence log and how many actions it lists. */
async function shown(page: Page) {
	return {
		clock: (await page.getByRole('timer').textContent())!,
		log: await page.locator('.log-col').innerText(),
		actions: await page.locator('.log-col li.action').count()
	};
}

/** Opens the drill in a new tab of the same browser, as a trainee coming back would. */
async function reopen(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	await page.goto(URL);
	await expect(page.getByRole('timer')).toBeVisible();
	await expect(page.getByRole('region', { name: 'World status and guide' })).toBeVisible();
	return page;
}

/**
 * Clicks an action as a trainee would (a mouse click on the button) and returns once the page
 * has handled it: the outcome is in the DOM and drawn with the next frame. The kill that
 * follows is timed from here, so a save that waits for anything after the click can be beaten.
 */
async function take(page: Page, id: string) {
	const button = actionButton(page, labelOf(http4, id));
	await button.scrollIntoViewIfNeeded();
	const box = (await button.boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

test.describe('durability', () => {
	test('an action the screen has shown survives the tab closing or crashing 0-80 ms later', async ({
		browser,
		context
	}) => {
		test.setTimeout(90_000);
		const random = createRng(20_240_302);
		const path = randomWalk(ROUNDS, random);
		// The same walk in another browser context, never killed: the screen as the trainee saw it.
		const reference = await browser.newContext();
		const seen = await reopen(reference);
		const lost: string[] = [];
		let page = await reopen(context);
		for (let round = 0; round < ROUNDS; round++) {
			// Catch up on any action a kill did lose (counted below), so the walk goes on.
			const now = await shown(page);
			for (let i = now.actions; i < round; i++) {
				await take(page, path[i]!);
				await expect(page.locator('.log-col li.action')).toHaveCount(i + 1);
			}
			const crash = round % 2 === 1;
			const cdp = crash ? await context.newCDPSession(page) : null;
			// Anywhere in 0-80 ms, but most often in the first few, where an asynchronous save is
			// still on its way (the draw's cube piles the moments up near zero).
			const delay = Math.floor(random() ** 3 * (MAX_DELAY_MS + 1));
			await take(page, path[round]!);
			await new Promise((done) => setTimeout(done, delay));
			if (cdp) {
				const crashed = page.waitForEvent('crash');
				cdp.send('Page.crash').catch(() => {});
				await crashed;
			}
			await page.close();

			await actionButton(seen, labelOf(http4, path[round]!)).click();
			await expect(seen.locator('.log-col li.action')).toHaveCount(round + 1);
			const expected = await shown(seen);
			page = await reopen(context);
			const after = await shown(page);
			if (after.actions !== round + 1 || after.clock !== expected.clock || after.log !== expected.log)
				lost.push(
					`round ${round + 1} (${crash ? 'crash' : 'close'} after ${delay} ms): shown ${round + 1} actions at ` +
						`${expected.clock}, reopened with ${after.actions} at ${after.clock}`
				);
		}
		// The walk ends where the engine says it does.
		const end = path.reduce(
			(s, id) => performAction(http4, s, id),
			startDrill(http4, { seed: SEED, mode: 'practice' })
		);
		await expect(page.getByRole('timer')).toContainText(timeAt(end.clock, http4.scenario.start.time));
		await reference.close();
		console.log(`durability: ${lost.length} of ${ROUNDS} reopened drills lost an action`);
		expect(lost, `${lost.length} of ${ROUNDS} lost`).toEqual([]);
	});
});
