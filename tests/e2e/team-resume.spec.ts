import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { resolveOptions } from '../../src/lib/engine/world.ts';
import { encodeDrillCode } from '../../src/lib/engine/drill-code.ts';
import { solvePar } from '../../src/lib/engine/solver.ts';
import { bundledScenario, labelOf, playByLabels } from './helpers.ts';

const http4 = bundledScenario('http4-night')!;
const SEED = 4;

test.describe('a team drill resumed', () => {
	test('keeps its code through a reload and a resume from the catalogue, and the result carries it', async ({
		page
	}) => {
		const code = encodeDrillCode(
			{ scenario: 'http4-night', seed: SEED, options: resolveOptions(http4), mode: 'drill', liveClockRate: 0 },
			{ id: 'http4-night', optionIds: http4.optionIds }
		);
		const labels = solvePar(http4, SEED, {})!.path.map((p) => labelOf(http4, p.action));
		expect(labels.length).toBeGreaterThan(2);

		await page.goto(`/join/?code=${code}`);
		await page.getByRole('button', { name: 'Start the drill' }).click();
		await playByLabels(page, labels.slice(0, 1));
		await page.reload();
		await expect(page.getByTestId('resume-notice')).toContainText('Resumed your drill in progress (1 step taken)');
		await playByLabels(page, labels.slice(1, 2));

		// The tab is closed; the trainee comes back from the catalogue.
		await page.goto('/');
		const resume = page.getByRole('link', { name: 'Resume drill in progress' });
		await expect(resume).toHaveAttribute('href', new RegExp(`drill=${code}`));
		await resume.click();
		await expect(page.getByTestId('resume-notice')).toContainText('Resumed your drill in progress (2 steps taken)');
		await playByLabels(page, labels.slice(2));
		await expect(page.getByRole('status')).toContainText('Service restored');
		await page.getByRole('button', { name: 'Open the debrief' }).click();

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Save result file' }).click()
		]);
		const attempt = JSON.parse(readFileSync((await download.path())!, 'utf8'));
		expect(attempt).toMatchObject({ drillCode: code, seed: SEED, mode: 'drill', outcome: 'restored' });
		expect(attempt.steps).toHaveLength(labels.length);
	});
});
