/**
 * The two scenarios around the http4 night, played in the browser where their fixes show: the
 * failover's wait runs through the DNS switch, and in the freeze a serving http4 is taken out
 * of service before work on it, the sites showing down meanwhile.
 */
import { expect, test, type Page } from '@playwright/test';
import { seedForVariant } from '../../src/lib/engine/check.ts';
import {
	actionButton,
	bundledScenario,
	expectNoHorizontalScroll,
	expectNoSeriousA11yIssues,
	labelOf,
	playByLabels,
	SCREENSHOTS
} from './helpers.ts';

const failover = bundledScenario('failover-or-wait')!;
const freeze = bundledScenario('freeze-triage')!;

/** The status panel's line for one item, e.g. "Customer sites on http4". */
const statusLine = (page: Page, label: string) =>
	page.getByRole('region', { name: 'World status' }).getByRole('listitem').filter({ hasText: label });

test('failover-or-wait: after fence, promotion and DNS switch, the wait runs until most clients reach Dublin', async ({
	page
}) => {
	const seed = seedForVariant(failover, 'router-reboot')!;
	const ids = ['fence-remote-hands', 'promote-dublin', 'switch-dns'];
	await page.goto(`/scenarios/failover-or-wait/play/?seed=${seed}&mode=practice`);
	await playByLabels(
		page,
		ids.map((id) => labelOf(failover, id))
	);
	await expect(page.getByRole('timer')).toContainText('03:30');
	await expect(statusLine(page, 'Customer sites on http4')).toContainText('Moving to Dublin');
	const wait = actionButton(page, labelOf(failover, 'wait-and-watch'));
	await expect(wait).not.toHaveAttribute('aria-disabled', 'true');
	await expectNoSeriousA11yIssues(page);
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: `${SCREENSHOTS}/failover-dns-moving.png`, fullPage: true });

	await wait.click();
	await expect(page.getByRole('status')).toContainText('Service restored');
	// Fenced at 03:10, promoted at 03:25, DNS switched at 03:30: most clients follow 30 min later.
	await expect(page.getByRole('timer')).toContainText('04:00');
	await expect(statusLine(page, 'Customer sites on http4')).toContainText('Served from Dublin');

	// The debrief names the first move the evidence called for: a look at the BMC, not the switch.
	await page.getByRole('button', { name: 'Open the debrief' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Restored');
	await expect(page.getByTestId('departure')).toContainText(`you chose ${labelOf(failover, 'fence-remote-hands')}`);
	await expect(page.getByTestId('departure')).toContainText(`the best move was ${labelOf(failover, 'check-bmc')}`);
	await expectNoSeriousA11yIssues(page);
	await page.screenshot({ path: `${SCREENSHOTS}/failover-debrief.png`, fullPage: true });
});

test('freeze-triage: a serving http4 goes out of service before the DIMM swap, and the sites show down meanwhile', async ({
	page
}) => {
	const seed = seedForVariant(freeze, 'bad-dimm')!;
	await page.goto(`/scenarios/freeze-triage/play/?seed=${seed}&mode=practice`);
	await playByLabels(page, [labelOf(freeze, 'restart-http4'), labelOf(freeze, 'read-sel')]);
	await expect(statusLine(page, 'Customer sites hosted on http4')).toContainText('Answering');
	const replace = actionButton(page, labelOf(freeze, 'replace-dimm'));
	await expect(replace).toHaveAttribute('aria-disabled', 'true');
	await expect(replace).toContainText('Take it out of service first');

	await playByLabels(page, [labelOf(freeze, 'shut-down-http4')]);
	await expect(statusLine(page, 'Customer sites hosted on http4')).toContainText('Unreachable');
	await expect(replace).not.toHaveAttribute('aria-disabled', 'true');
	await expectNoSeriousA11yIssues(page);
	await page.screenshot({ path: `${SCREENSHOTS}/freeze-out-of-service.png`, fullPage: true });

	await replace.click();
	await expect(page.getByRole('status')).toContainText('Service restored');
	await expect(statusLine(page, 'Customer sites hosted on http4')).toContainText('Answering');
});
