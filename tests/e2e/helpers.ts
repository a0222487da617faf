/**
 * Shared e2e helpers: the engine, run in node, says which path to play (par, or a path into a
 * failure); the browser plays it by clicking buttons by their labels, as a trainee would.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { compileScenario, type CompiledScenario } from '../../src/lib/engine/compile.ts';
import { performAction, startDrill, type DrillState } from '../../src/lib/engine/drill.ts';
import { availability } from '../../src/lib/engine/world.ts';
import { codesOf, stateKey } from '../../src/lib/engine/solver.ts';
import { parseScenario } from '../../src/lib/scenario/parse.ts';
import { seedForHidden } from '../../src/lib/engine/check.ts';
import { fairFor, policyPath } from '../../src/lib/engine/fair.ts';
import { replay } from '../../src/lib/engine/replay.ts';
import { scoreState } from '../../src/lib/engine/attempt.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * A bundled scenario, compiled (the build has already checked it), or null when its file is
 * not in scenarios/ yet.
 */
export function bundledScenario(id: string): CompiledScenario | null {
	const file = resolve(ROOT, 'scenarios', `${id}.yaml`);
	if (!existsSync(file)) return null;
	const parsed = parseScenario(readFileSync(file, 'utf8'), `scenarios/${id}.yaml`);
	if (!parsed.ok) throw new Error(`scenarios/${id}.yaml does not parse`);
	return compileScenario(parsed.value);
}

/**
 * A bundled scenario's fair policy, played by the engine under the default options on the
 * hidden world (variant and drawn durations) whose policy takes the most moves (the richest
 * run, past the first diagnosis): the seed to open the drill with, the moves to click, the run
 * and the score it earns.
 */
export function fairPolicyRun(id: string) {
	const compiled = bundledScenario(id);
	if (!compiled) throw new Error(`scenarios/${id}.yaml is not there`);
	const fair = fairFor(compiled, {});
	if (!fair) throw new Error(`${id}: no fair policy under the default options`);
	const [richest] = fair.variants
		.filter((v) => Number.isFinite(v.omniscientMinutes))
		.map((v) => ({ variant: v.key, moves: policyPath(fair, v.key).map((m) => m.action) }))
		.sort((a, b) => b.moves.length - a.moves.length);
	if (!richest) throw new Error(`${id}: no variant is restored`);
	const seed = seedForHidden(compiled, richest.variant)!;
	const run = replay(
		compiled,
		{ seed },
		richest.moves.map((action) => ({ type: 'action', action }))
	);
	return { compiled, seed, ...richest, run, score: scoreState(compiled, run.state) };
}

/**
 * Plays a fair-policy run (`fairPolicyRun`) in the browser, on a practice drill with its seed,
 * to the restore and into its debrief.
 */
export async function playFairRunToDebrief(page: Page, run: ReturnType<typeof fairPolicyRun>) {
	const { compiled, seed, moves } = run;
	await page.goto(`/scenarios/${compiled.scenario.id}/play/?seed=${seed}&mode=practice`);
	await expect(page.getByRole('timer')).toContainText(compiled.scenario.start.time);
	await playByLabels(
		page,
		moves.map((m) => labelOf(compiled, m))
	);
	await expect(page.getByRole('main').getByRole('status')).toContainText('Service restored');
	await page.getByRole('button', { name: 'Open the debrief' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Restored');
}

/**
 * The shortest path (fewest actions, then least time) from the start into the named failure.
 * @returns action ids, or null when none is found within `maxDepth` actions
 */
export function pathToFailure(
	compiled: CompiledScenario,
	input: { seed: number; options: Record<string, boolean> },
	failure: string,
	maxDepth = 14
): string[] | null {
	type Node = { state: DrillState; path: string[] };
	let frontier: Node[] = [{ state: startDrill(compiled, { ...input, mode: 'practice' }), path: [] }];
	const seen = new Set<string>();
	for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
		const next: Node[] = [];
		for (const node of frontier) {
			for (const a of compiled.actions) {
				if (!availability(compiled, node.state, a.def.id).available) continue;
				const state = performAction(compiled, node.state, a.def.id);
				const path = [...node.path, a.def.id];
				if (state.outcome === 'failed' && state.failure === failure) return path;
				if (state.outcome !== 'playing') continue;
				const key = stateKey(compiled, state, codesOf(compiled, state));
				if (seen.has(key)) continue;
				seen.add(key);
				next.push({ state, path });
			}
		}
		frontier = next;
	}
	return null;
}

/** The label of an action. */
export function labelOf(compiled: CompiledScenario, id: string): string {
	return compiled.actionById.get(id)!.def.label;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An action's button: its accessible name begins with the label, then who does it (when
 * someone else works on it), then its cost: minutes, a range of them, "up to" some, or "until
 * then" for a wait on others' work; the team panel's wait for the next one has no cost.
 */
export function actionButton(page: Page, label: string) {
	return page.getByRole('button', {
		name: new RegExp(`^${escape(label)}(( [^·]+ ·)? ((up to )?\\d+(–\\d+)? min|until then)|$)`)
	});
}

/**
 * Clicks each action's button by its label, checking each was taken: the status line names it
 * (or, for a wait on others' work, says how long it waited).
 */
export async function playByLabels(page: Page, labels: readonly string[], onStep?: (i: number) => Promise<void>) {
	for (let i = 0; i < labels.length; i++) {
		const label = labels[i]!;
		const button = actionButton(page, label);
		await expect(button, `step ${i + 1}: "${label}" is available`).not.toHaveAttribute('aria-disabled', 'true');
		await button.click();
		await expect(page.getByRole('status')).toContainText(
			i === labels.length - 1 ? /./ : new RegExp(`${escape(label)}|^Waited until`)
		);
		if (onStep) await onStep(i);
	}
}

/** Loads a page and waits until the app has taken it over (the layout marks it once mounted). */
export async function gotoReady(page: Page, url: string) {
	await page.goto(url);
	await page.locator('html[data-ready]').waitFor({ state: 'attached' });
}

/** Runs axe and fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yIssues(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
		'serious or critical axe violations'
	).toEqual([]);
}

/**
 * Scrolls to each chart on the page, as a reader would, and waits until each has drawn on its
 * canvas (Chart.js loads lazily, when a chart comes into view).
 */
export async function expectChartsDrawn(page: Page) {
	const blank = (only?: number) =>
		page.evaluate((only) => {
			const canvases = [...document.querySelectorAll('canvas')].filter((_, i) => only === undefined || i === only);
			const drawn = (c: HTMLCanvasElement) =>
				c.width > 0 &&
				c
					.getContext('2d')!
					.getImageData(0, 0, c.width, c.height)
					.data.some((v, i) => i % 4 === 3 && v > 0);
			return canvases.length === 0 ? -1 : canvases.filter((c) => !drawn(c)).length;
		}, only);
	const count = await page.locator('canvas').count();
	for (let i = 0; i < count; i++) {
		await page.locator('canvas').nth(i).scrollIntoViewIfNeeded();
		await expect.poll(() => blank(i), { message: `chart ${i + 1} of ${count} left blank once in view` }).toBe(0);
	}
	await expect.poll(() => blank(), { message: 'charts left blank (-1: no chart on the page)' }).toBe(0);
}

/** Fails when the page scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

/**
 * Where the screenshots taken along the way go: test-results/screenshots/, looked at after a
 * run and never committed; with UPDATE_SCREENSHOTS=1, docs/screenshots/, the README's pictures
 * (so a plain test run leaves the tracked images alone).
 */
export const SCREENSHOTS = resolve(
	ROOT,
	process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots'
);
