import { expect, test } from '@playwright/test';
import { seedForHidden } from '../../src/lib/engine/check.ts';
import {
	labelOf,
	actionButton,
	bundledScenario,
	expectNoHorizontalScroll,
	expectNoSeriousA11yIssues,
	SCREENSHOTS
} from './helpers.ts';

const http4 = bundledScenario('http4-night')!;
// The real night's variant, with the board swap drawn at 30 minutes: it ends at 01:32.
const SEED = seedForHidden(http4, 'card-driver~swap-motherboard=30')!;
const URL = `/scenarios/http4-night/play/?seed=${SEED}&mode=practice`;
const label = (id: string) => labelOf(http4, id);

test.describe('people working at once on http4-night', () => {
	test('the admin works while the technician swaps the board, waits for him, and finds the same drill after a reload', async ({
		page
	}) => {
		await page.goto(URL);
		const team = page.getByRole('region', { name: 'Who is doing what' });
		const clock = page.getByRole('timer');
		await expect(clock).toContainText('01:02');

		// Starting the technician's work takes no time: the clock stays, the panel shows the job and its end.
		const swap = actionButton(page, label('swap-motherboard'));
		await expect(swap).toHaveAccessibleName(/20–30 min/);
		await swap.click();
		await expect(clock).toContainText('01:02');
		await expect(team).toContainText(label('swap-motherboard'));
		await expect(team).toContainText('ends between 01:22 and 01:32');

		// The admin's own work meanwhile: a status notice, then the BMC log.
		await actionButton(page, label('post-status-update')).click();
		await expect(clock).toContainText('01:07');
		await actionButton(page, label('read-sel')).click();
		await expect(clock).toContainText('01:12');
		await expect(team).toContainText(label('swap-motherboard'));
		await page.screenshot({ path: `${SCREENSHOTS}/drill-team.png`, fullPage: true });
		await expectNoSeriousA11yIssues(page);

		// A reload mid-drill keeps the clock, the work in progress and the log.
		const log = page.getByRole('region', { name: /evidence/i });
		const before = await log.textContent();
		await page.reload();
		await expect(clock).toContainText('01:12');
		await expect(team).toContainText(label('swap-motherboard'));
		await expect.poll(() => log.textContent()).toBe(before);

		// The wait: the first customer tickets arrive at 01:22 on their own, announced.
		const wait = team.getByRole('button', { name: 'Wait for the next one to finish' });
		await wait.click();
		await expect(clock).toContainText('01:22');
		await expect(page.getByRole('status')).toContainText('Customer tickets arrive');
		await expect(log).toContainText('Support queue: the first customer tickets');

		// Waiting again: the swap ends at 01:32, the new board stops at POST, and the desk moves its ETA.
		await wait.click();
		await expect(clock).toContainText('01:32');
		await expect(log).toContainText('POST after the board swap: memory errors');
		await expect(log).toContainText('Ticket #48213: the swap runs late, new ETA');
		await expect(page.getByRole('status')).toContainText("The provider's desk moves its ETA");
		await expect(team).not.toContainText(label('swap-motherboard'));
		await page.screenshot({ path: `${SCREENSHOTS}/drill-team-events.png` });

		await page.reload();
		await expect(clock).toContainText('01:32');
		await expect(log).toContainText('Ticket #48213: the swap runs late, new ETA');

		// On to a restore: new memory, then a different kernel on the same machine, prepared and booted.
		for (const id of ['replace-all-ram', 'boot-rescue-mode', 'prepare-provider-kernel', 'boot-provider-kernel']) {
			await actionButton(page, label(id)).click();
			await expect(page.getByRole('status')).toContainText(/./);
		}
		await expect(page.getByRole('status')).toContainText(/restored/i);
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(/Restored/);
	});

	test('shows the team panel on a phone without sideways scrolling', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(URL);
		await actionButton(page, label('swap-motherboard')).click();
		await actionButton(page, label('post-status-update')).click();
		const team = page.getByRole('region', { name: 'Who is doing what' });
		await team.scrollIntoViewIfNeeded();
		await expect(team).toContainText('ends between 01:22 and 01:32');
		await expectNoHorizontalScroll(page);
		await page.screenshot({ path: `${SCREENSHOTS}/drill-team-phone.png`, fullPage: true });
	});
});
