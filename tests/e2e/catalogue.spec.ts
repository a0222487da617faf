/**
 * The catalogue's filters, as a trainee uses them: a search box, a skill or tag and a
 * difficulty, all by keyboard; the filter kept in the URL (a link or a reload keeps it); a
 * clear "no scenario matches" with a way out; imported scenarios filtered with the rest.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { catalogueOrder } from '../../src/lib/engine/precompute.ts';
import { matchesFilter } from '../../src/lib/scenarios/catalogue-filter.ts';
import type { Difficulty } from '../../src/lib/vocabulary.ts';
import { expectNoHorizontalScroll, expectNoSeriousA11yIssues, SCREENSHOTS } from './helpers.ts';

/** The bundled scenarios as their files say: title, tags, difficulty. */
const bundled = readdirSync(resolve(import.meta.dirname, '../../scenarios'))
	.filter((f) => f.endsWith('.yaml'))
	.map(
		(f) =>
			parse(readFileSync(resolve(import.meta.dirname, '../../scenarios', f), 'utf8')) as {
				id: string;
				title: string;
				summary: string;
				tags: string[];
				learningGoals: string[];
				difficulty: Difficulty;
			}
	);
const introductory = bundled.filter((s) => s.difficulty === 'introductory');
const freeze = bundled.find((s) => s.id === 'freeze-triage')!;

const cards = (page: Page) => page.locator('.cards > li');
const titles = (page: Page) => page.locator('.cards > li h2 a');

/** The catalogue, once its script runs (the filters answer only then). */
async function openCatalogue(page: Page, query = '') {
	await page.goto(`/${query}`);
	await expect(page.getByRole('button', { name: 'Filter', exact: true })).toHaveCount(0);
}

test('searching, picking a tag and a difficulty narrow the catalogue, and the URL keeps the filter', async ({
	page
}) => {
	await openCatalogue(page);
	await expect(cards(page)).toHaveCount(bundled.length);

	// Keyboard only: the search box, then the two pickers, reached with Tab.
	await page.getByRole('searchbox', { name: 'Search' }).focus();
	// "NMI" is in freeze-triage's learning goals, not its title or summary: the goals load for the search.
	await page.keyboard.type('NMI');
	const nmi = bundled.filter((s) => matchesFilter(s, { q: 'NMI', tag: '', difficulty: '' })).sort(catalogueOrder);
	expect(nmi).toContain(freeze);
	await expect(titles(page)).toHaveText(nmi.map((s) => s.title));
	await expect(page.getByTestId('catalogue-count')).toHaveText(
		`Showing ${nmi.length} of ${bundled.length} scenarios: “NMI”.`
	);
	await expect(page).toHaveURL(/\?q=NMI$/);

	await page.getByRole('searchbox', { name: 'Search' }).fill('');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Skill or tag')).toBeFocused();
	await page.getByLabel('Skill or tag').selectOption('failover');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Difficulty')).toBeFocused();
	await page.getByLabel('Difficulty').selectOption('advanced');
	const expected = bundled
		.filter((s) => s.tags.includes('failover') && s.difficulty === 'advanced')
		.sort(catalogueOrder);
	await expect(titles(page)).toHaveText(expected.map((s) => s.title));
	await expect(page).toHaveURL(/\?tag=failover&difficulty=advanced$/);
	await expectNoSeriousA11yIssues(page);

	// A reload, or the link sent to a colleague, opens the same list.
	await page.reload();
	await expect(page.getByLabel('Skill or tag')).toHaveValue('failover');
	await expect(page.getByLabel('Difficulty')).toHaveValue('advanced');
	await expect(titles(page)).toHaveText(expected.map((s) => s.title));

	// Clearing gives the whole catalogue back, and its plain address.
	await page.getByRole('button', { name: 'Clear filters' }).click();
	await expect(cards(page)).toHaveCount(bundled.length);
	await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
	await expect(page).toHaveURL(/\/$/);
});

test('a search that matches nothing says so, and one button clears it', async ({ page }) => {
	await openCatalogue(page, '?q=mainframe+tape&difficulty=introductory');
	await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('mainframe tape');
	await expect(cards(page)).toHaveCount(0);
	const empty = page.getByTestId('no-match');
	await expect(empty.getByRole('heading', { name: 'No scenario matches' })).toBeVisible();
	await expect(empty).toContainText('“mainframe tape” · Introductory');
	await expectNoSeriousA11yIssues(page);
	await page.screenshot({ path: `${SCREENSHOTS}/catalogue-no-match.png`, fullPage: true });
	await empty.getByRole('button', { name: 'Clear filters' }).press('Enter');
	await expect(cards(page)).toHaveCount(bundled.length);
});

test('the filters read well on a phone and on a desktop', async ({ page }) => {
	await openCatalogue(page, '?difficulty=introductory');
	await expect(cards(page)).toHaveCount(introductory.length);
	await expectNoHorizontalScroll(page);
	await page.screenshot({ path: `${SCREENSHOTS}/catalogue-filtered.png`, fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await expectNoHorizontalScroll(page);
	await expectNoSeriousA11yIssues(page);
	await page.screenshot({ path: `${SCREENSHOTS}/catalogue-filtered-phone.png`, fullPage: true });
});

test('an imported scenario is searched and filtered with the bundled ones', async ({ page }) => {
	const file = resolve(import.meta.dirname, '../fixtures/scenarios/disk-full.yaml');
	await page.goto('/author/');
	await page.getByLabel('Scenario file', { exact: true }).setInputFiles(file);
	await expect(page.getByTestId('author-status')).toContainText('passes every check', { timeout: 30_000 });
	await page.getByRole('button', { name: 'Add to my scenarios' }).click();
	await expect(page.getByTestId('scenario-actions-status')).toContainText('Added “Disk full on web1”');

	// Its learning goal ("Look before deleting") finds it; its tag is in the picker.
	await openCatalogue(page, '?q=before+deleting');
	await expect(page.getByTestId('imported-card')).toHaveCount(1);
	await expect(page.getByTestId('imported-card')).toContainText('Imported');
	const words = bundled.filter((s) => matchesFilter(s, { q: 'before deleting', tag: '', difficulty: '' }));
	await expect(cards(page)).toHaveCount(words.length + 1);
	await page.getByRole('button', { name: 'Clear filters' }).click();
	// Bundled scenarios first, in catalogue order, then the imported one.
	await page.getByLabel('Skill or tag').selectOption('storage');
	const storage = bundled.filter((s) => s.tags.includes('storage')).sort(catalogueOrder);
	await expect(titles(page)).toHaveText([...storage.map((s) => s.title), 'Disk full on web1']);
	await page.getByLabel('Skill or tag').selectOption('');
	await page.getByLabel('Difficulty').selectOption('advanced');
	await expect(page.getByTestId('imported-card')).toHaveCount(0);
});
