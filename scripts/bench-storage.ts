/**
 * Storage benchmark: `npm run bench:storage` (after `npm run build`). Prints figures and ratios
 * against the targets; never fails on time.
 *
 * In Chromium (the same launch options as playwright.config.ts) against `vite preview`, which
 * it starts and stops itself:
 * - the time to save the drill in progress after an action (the app records each save as the
 *   performance measure "nightshift:save"; it starts once the outcome is on screen, and
 *   "nightshift:action-to-saved" covers the whole way from the action), median over the par
 *   paths of seeds 1 to 12;
 * - the time to open the history page with 5,000 stored attempts (navigation start until the
 *   table shows them), median of 5 loads. The attempts are copies of a real finished attempt,
 *   written straight into the app's IndexedDB database from the page.
 */
import { solvePar } from '../src/lib/engine/solver.ts';
import { loadScenario, median, openApp } from './browser-harness.ts';

/** BENCH_PORT lets two checkouts on one machine benchmark side by side. */
const PORT = Number(process.env.BENCH_PORT ?? 4181);
const ATTEMPTS = 5000;
const TARGET_SAVE_MS = 5;
const TARGET_HISTORY_MS = 500;

const http4 = loadScenario('http4-night');

const { base: BASE, browser, close } = await openApp(PORT);
try {
	const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });

	// 1. Save after each action, over the par paths of seeds 1..6.
	const saves: number[] = [];
	const actionToSaved: number[] = [];
	for (let seed = 1; seed <= 12; seed++) {
		const par = solvePar(http4, seed, {});
		if (!par) continue;
		await page.goto(`${BASE}/scenarios/http4-night/play/?seed=${seed}&mode=practice`);
		for (const [i, step] of par.path.entries()) {
			const label = http4.actionById.get(step.action)!.def.label;
			const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			await page.getByRole('button', { name: new RegExp(`^${escaped} (up to )?\\d+ min`) }).click();
			// A trainee reads the outcome before the next action: let this save finish first, so
			// one save is not timed while the next action is being drawn.
			await page.waitForFunction((n) => performance.getEntriesByName('nightshift:action-to-saved').length >= n, i + 1);
		}
		await page.getByRole('button', { name: 'Open the debrief' }).waitFor();
		await page.waitForFunction((n) => performance.getEntriesByName('nightshift:save').length >= n, par.path.length);
		await page.waitForFunction(
			(n) => performance.getEntriesByName('nightshift:action-to-saved').length >= n,
			par.path.length
		);
		saves.push(...(await page.evaluate(() => performance.getEntriesByName('nightshift:save').map((e) => e.duration))));
		actionToSaved.push(
			...(await page.evaluate(() => performance.getEntriesByName('nightshift:action-to-saved').map((e) => e.duration)))
		);
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await page.getByTestId('time-to-restore').waitFor();
	}

	// 2. 5,000 attempts: copies of a real one, written straight into the app's database.
	const stored = await page.evaluate(async (count) => {
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open('nightshift');
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		});
		const tx = db.transaction('attempts', 'readwrite');
		const store = tx.objectStore('attempts');
		const template = await new Promise<
			Record<string, unknown> & { record: Record<string, unknown> & { score: Record<string, unknown> } }
		>((ok) => (store.getAll().onsuccess = (e) => ok((e.target as IDBRequest).result[0])));
		const modes = ['guided', 'drill', 'practice'];
		const trainees = ['Ana', 'Bo', 'Chris', 'Dee'];
		for (let i = 0; i < count; i++) {
			const id = `bench-${i}`;
			const finishedAt = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
			const mode = modes[i % 3]!;
			const trainee = trainees[i % 4]!;
			const minutes = (template.record.score.par as number) + (i % 90);
			store.put({
				...template,
				id,
				mode,
				trainee,
				finishedAt,
				record: { ...template.record, id, mode, trainee, finishedAt, score: { ...template.record.score, minutes } }
			});
		}
		await new Promise((ok) => (tx.oncomplete = ok));
		const total = await new Promise<number>(
			(ok) =>
				(db.transaction('attempts').objectStore('attempts').count().onsuccess = (e) =>
					ok((e.target as IDBRequest).result))
		);
		db.close();
		return total;
	}, ATTEMPTS);

	// 3. Open the history page with them.
	const opens: number[] = [];
	for (let i = 0; i < 5; i++) {
		await page.goto(`${BASE}/history/`);
		await page.waitForFunction(
			(n) => document.querySelector('table.attempts caption')?.textContent?.startsWith(`${n} attempts`),
			stored,
			{ timeout: 60_000 }
		);
		opens.push(await page.evaluate(() => performance.now()));
	}

	const save = median(saves);
	const open = median(opens);
	console.log('Storage benchmark (Chromium, production build)\n');
	console.log(
		`save after an action   median ${save.toFixed(2)} ms over ${saves.length} saves (p90 ${[...saves].sort((a, b) => a - b)[Math.floor(saves.length * 0.9)]!.toFixed(2)} ms); target ${TARGET_SAVE_MS} ms; ratio ${(save / TARGET_SAVE_MS).toFixed(2)}`
	);
	console.log(
		`  (the save starts once the action's outcome is on screen; from the click to the save written: median ${median(actionToSaved).toFixed(2)} ms)`
	);
	console.log(
		`history page, ${stored} attempts   median ${open.toFixed(0)} ms from navigation start to the table (runs: ${opens.map((x) => x.toFixed(0)).join(', ')}); target ${TARGET_HISTORY_MS} ms; ratio ${(open / TARGET_HISTORY_MS).toFixed(2)}`
	);
} finally {
	await close();
}
