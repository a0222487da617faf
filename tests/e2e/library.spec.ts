/**
 * Every bundled scenario, played in Chromium along its fair policy to a restore. The list is
 * read from scenarios/ when the suite runs, so a scenario added there is played with no change
 * here. For each, the engine (in node) works out the fair policy under the default options and
 * the score the run earns; the browser plays the policy's moves on a fixed seed, as a trainee
 * would, and the debrief must show that restore and that score.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { parsFor } from '../../src/lib/engine/fair.ts';
import { formatDuration } from '../../src/lib/engine/time.ts';
import { fairPolicyRun, playFairRunToDebrief } from './helpers.ts';

const files = readdirSync(resolve(import.meta.dirname, '../../scenarios'))
	.filter((f) => f.endsWith('.yaml'))
	.sort();

test('finds the bundled scenarios to play in scenarios/', () => {
	expect(files.length, 'scenario files').toBeGreaterThan(0);
});

for (const file of files) {
	const id = file.replace(/\.yaml$/, '');
	test(`${id}: the fair policy plays to a restore in the browser, and the debrief shows its score`, async ({
		page
	}) => {
		const fair = fairPolicyRun(id);
		const { compiled, seed, variant, run, score } = fair;
		expect(['restored', 'degraded'], `${id}: the policy restores ${variant} in the engine`).toContain(
			run.state.outcome
		);
		const pars = parsFor(compiled, seed, {})!;

		await playFairRunToDebrief(page, fair);
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(run.state.clock));
		await expect(page.getByTestId('par')).toHaveText(formatDuration(Math.round(pars.fair)));
		await expect(page.getByLabel(`Grade ${score!.grade}, ${score!.total} points`)).toBeVisible();
	});
}
