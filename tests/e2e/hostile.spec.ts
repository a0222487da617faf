/**
 * A stranger's file runs nothing: the hostile corpus the CLI refuses (tests/fixtures/hostile.ts)
 * is refused on the authoring page too, each with its reason, while the page keeps answering
 * (the checks run in a worker); a file that would keep the checker busy is stopped at its time
 * budget; and every page carries a Content Security Policy that forbids inline script and eval.
 */
import { expect, test, type Page } from '@playwright/test';
import { explodingScenario, hostileCorpus } from '../fixtures/hostile.ts';
import { SCREENSHOTS } from './helpers.ts';

/** Starts counting the longest gap between animation frames (a frozen tab shows as a long gap). */
async function watchFrames(page: Page) {
	await page.evaluate(() => {
		const w = window as unknown as { __longest: number; __last: number };
		w.__longest = 0;
		w.__last = performance.now();
		const tick = (now: number) => {
			w.__longest = Math.max(w.__longest, now - w.__last);
			w.__last = now;
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
}

const longestFrameGap = (page: Page) => page.evaluate(() => (window as unknown as { __longest: number }).__longest);

test.describe('a stranger’s file', () => {
	test('each hostile file is refused with its reason, and the page answers meanwhile', async ({ page }) => {
		let dialogs = 0;
		page.on('dialog', (d) => {
			dialogs++;
			void d.dismiss();
		});
		await page.goto('/author/');
		await watchFrames(page);
		const status = page.getByTestId('author-status');
		for (const f of hostileCorpus()) {
			await page.getByLabel('Scenario file', { exact: true }).setInputFiles({
				name: f.name,
				mimeType: 'text/yaml',
				buffer: Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content)
			});
			await expect(status, f.what).toHaveText(/problems? to fix|Refused/, { timeout: 30_000 });
			await expect(page.getByRole('main'), f.what).toContainText(f.refusal);
			// Nothing to play, add or share.
			await expect(page.getByRole('button', { name: 'Play it now' })).toHaveCount(0);
		}
		await expect(page.locator('main img, main script')).toHaveCount(0);
		expect(dialogs, 'no script from a file ran (no alert)').toBe(0);
		expect(await longestFrameGap(page), 'the longest time the page did not draw, in ms').toBeLessThan(1000);
		await page.screenshot({ path: `${SCREENSHOTS}/author-hostile.png` });
	});

	test('a file that would keep the checker busy is stopped at its time budget, the page answering all along', async ({
		page
	}) => {
		await page.goto('/author/?budget=3');
		await expect(page.getByText('A check that runs past 3 seconds is stopped')).toBeVisible();
		await watchFrames(page);
		await page.getByLabel('Scenario file', { exact: true }).setInputFiles({
			name: 'state-explosion.yaml',
			mimeType: 'text/yaml',
			buffer: Buffer.from(explodingScenario())
		});
		const status = page.getByTestId('author-status');
		await expect(status).toContainText('Checking state-explosion.yaml…');
		// The page takes input while the worker works.
		await page.getByLabel('Scenario text', { exact: true }).press('End');
		await page.getByLabel('Scenario text', { exact: true }).pressSequentially('# still typing');
		await expect(page.getByLabel('Scenario text', { exact: true })).toHaveValue(/# still typing$/);
		await expect(status).toHaveText(
			/Refused: state-explosion\.yaml: checking took longer than 3 s, so it was stopped: the scenario has too many states to explore/,
			{ timeout: 15_000 }
		);
		expect(await longestFrameGap(page)).toBeLessThan(1000);
	});

	test('every page carries a Content Security Policy that forbids inline script and eval', async ({
		page,
		request
	}) => {
		for (const path of ['/', '/author/', '/imported/', '/open/', '/scenarios/http4-night/play/', '/team/board/']) {
			const html = await (await request.get(path)).text();
			const csp = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)"/)?.[1];
			expect(csp, `${path} has a CSP`).toBeTruthy();
			const scriptSrc = csp!.split(';').find((d) => d.trim().startsWith('script-src'))!;
			expect(scriptSrc, path).not.toContain("'unsafe-inline'");
			expect(scriptSrc, path).not.toContain("'unsafe-eval'");
			expect(csp, path).toContain("object-src 'none'");
		}
		const violations: string[] = [];
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
		});
		await page.goto('/author/');
		// The app itself runs under the policy: the checker's worker, a full check, the map.
		await page.getByLabel('Scenario file', { exact: true }).setInputFiles('tests/fixtures/scenarios/disk-full.yaml');
		await expect(page.getByTestId('author-status')).toContainText('passes every check', { timeout: 30_000 });
		await page.getByRole('region', { name: /the fair policy as a decision tree/ }).scrollIntoViewIfNeeded();
		await expect(page.locator('[data-testid="policy-tree"]')).toBeVisible();
		expect(violations, 'the app breaks none of its own policy').toEqual([]);
		// What a page might be tricked into running is blocked: strings evaluated as code, inline
		// event handlers, inline scripts. (Code Playwright evaluates is itself exempt from the
		// policy, so eval is tried the way a page's own code would reach it: a timer given a string.)
		const blocked = await page.evaluate(async () => {
			const w = window as unknown as Record<string, unknown>;
			const violations: string[] = [];
			document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
			setTimeout('window.__evaluated = true', 0);
			const button = document.createElement('button');
			button.setAttribute('onclick', 'window.__handler = true');
			document.body.append(button);
			button.click();
			const script = document.createElement('script');
			script.textContent = 'window.__injected = true';
			document.head.append(script);
			await new Promise((r) => setTimeout(r, 200));
			return {
				ran: [w.__evaluated, w.__handler, w.__injected].some(Boolean),
				violations: violations.sort()
			};
		});
		expect(blocked).toEqual({ ran: false, violations: ['script-src', 'script-src-attr', 'script-src-elem'] });
	});
});
