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
import { fairPolicyRun, labelOf, playByLabels } from './helpers.ts';

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
		const { compiled, seed, variant, moves, run, score } = fairPolicyRun(id);
		expect(['restored', 'degraded'], `${id}: the policy restores ${variant} in the engine`).toContain(
			run.state.outcome
		);
		const pars = parsFor(compiled, seed, {})!;

		await page.goto(`/scenarios/${compiled.scenario.id}/play/?seed=${seed}&mode=practice`);
		await expect(page.getByRole('timer')).toContainText(compiled.scenario.start.time);
		await playByLabels(
			page,
			moves.map((m) => labelOf(compiled, m))
		);
		await expect(page.getByRole('main').getByRole('status')).toContainText('Service restored');
		await page.getByRole('button', { name: 'Open the debrief' }).click();

		await expect(page.getByRole('heading', { level: 1 })).toContainText('Restored');
		await expect(page.getByTestId('time-to-restore')).toHaveText(formatDuration(run.state.clock));
		await expect(page.getByTestId('par')).toHaveText(formatDuration(Math.round(pars.fair)));
		await expect(page.getByLabel(`Grade ${score!.grade}, ${score!.total} points`)).toBeVisible();
	});
}
