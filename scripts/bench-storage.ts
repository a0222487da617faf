/**
 * Storage benchmark: `npm run bench:storage` (after `npm run build`). Prints figures and ratios
 * against the targets; never fails on time.
 *
 * In Chromium (the same launch options as playwright.config.ts) against `vite preview`, which
 * it starts and stops itself:
 * - saving after an action, from the click (the click event's own timestamp) to the drill in
 *   progress written: to the write-ahead record (localStorage, what survives the tab closing or
 *   crashing) and to IndexedDB (what survives the whole browser going), and the IndexedDB write
 *   alone (the app's "nightshift:save" measure); medians over the par paths of seeds 1 to 12;
 * - opening the history page with 10,000 stored attempts (navigation start until the table's
 *   caption counts them all), median of 5 loads. The attempts are copies of a real finished
 *   attempt, written straight into the app's IndexedDB database from the page; the first open
 *   (timed apart) finds them past the history's index and builds it (src/lib/db/summary.ts).
 */
import { solvePar } from '../src/lib/engine/solver.ts';
import { loadScenario, median, openApp } from './browser-harness.ts';

/** BENCH_PORT lets two checkouts on one machine benchmark side by side. */
const PORT = Number(process.env.BENCH_PORT ?? 4181);
const ATTEMPTS = 10_000;
const TARGET_SAVE_MS = 2;
const TARGET_HISTORY_MS = 300;

const http4 = loadScenario('http4-night');
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

const { base: BASE, browser, close } = await openApp(PORT);
try {
	const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });

	// 1. Saving after each action, along the par paths of seeds 1..12.
	const toWriteAhead: number[] = [];
	const toSaved: number[] = [];
	const saves: number[] = [];
	for (let seed = 1; seed <= 12; seed++) {
		const par = solvePar(http4, seed, {});
		if (!par) continue;
		await page.goto(`${BASE}/scenarios/http4-night/play/?seed=${seed}&mode=practice`);
		await page.evaluate(() => {
			const w = window as unknown as { clicks: number[] };
			w.clicks = [];
			document.addEventListener('click', (e) => w.clicks.push(e.timeStamp), { capture: true });
		});
		for (const [i, step] of par.path.entries()) {
			const label = http4.actionById.get(step.action)!.def.label;
			const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			await page.getByRole('button', { name: new RegExp(`^${escaped} (up to )?\\d+ min`) }).click();
			// A trainee reads the outcome before the next action: let this save finish first, so
			// one save is not timed while the next action is being drawn.
			await page.waitForFunction((n) => performance.getEntriesByName('nightshift:save').length >= n, i + 1);
		}
		await page.getByRole('button', { name: 'Open the debrief' }).waitFor();
		const got = await page.evaluate(() => ({
			clicks: (window as unknown as { clicks: number[] }).clicks,
			ahead: performance.getEntriesByName('nightshift:write-ahead').map((e) => e.startTime + e.duration),
			saved: performance
				.getEntriesByName('nightshift:save')
				.map((e) => ({ end: e.startTime + e.duration, d: e.duration }))
		}));
		for (const [i, click] of got.clicks.entries()) {
			toWriteAhead.push(got.ahead[i]! - click);
			toSaved.push(got.saved[i]!.end - click);
			saves.push(got.saved[i]!.d);
		}
		await page.getByRole('button', { name: 'Open the debrief' }).click();
		await page.getByTestId('time-to-restore').waitFor();
	}

	// 2. 10,000 attempts: copies of a real one, written straight into the database's attempts
	// (the first open of the history builds its index from them, as after an upgrade).
	const stored = await page.evaluate(async (count) => {
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open('nightshift');
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		});
		type Row = Record<string, unknown> & { record: Record<string, unknown> & { score: Record<string, unknown> } };
		const tx = db.transaction('attempts', 'readwrite');
		const attempts = tx.objectStore('attempts');
		const template = await new Promise<Row>(
			(ok) => (attempts.getAll().onsuccess = (e) => ok((e.target as IDBRequest<Row[]>).result[0]!))
		);
		const modes = ['guided', 'drill', 'practice'];
		const trainees = ['Ana', 'Bo', 'Chris', 'Dee'];
		for (let i = 0; i < count; i++) {
			const id = `bench-${i}`;
			const finishedAt = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
			const mode = modes[i % 3]!;
			const trainee = trainees[i % 4]!;
			const minutes = (template.record.score.par as number) + (i % 90);
			const record = {
				...template.record,
				id,
				mode,
				trainee,
				finishedAt,
				score: { ...template.record.score, minutes }
			};
			attempts.put({ ...template, id, mode, trainee, finishedAt, record });
		}
		await new Promise((ok) => (tx.oncomplete = ok));
		const total = await new Promise<number>(
			(ok) =>
				(db.transaction('attempts').objectStore('attempts').count().onsuccess = (e) =>
					ok((e.target as IDBRequest<number>).result))
		);
		db.close();
		return total;
	}, ATTEMPTS);
	const shows = (n: number) =>
		page.waitForFunction(
			(count) => document.querySelector('table.attempts caption')?.textContent?.startsWith(`${count} attempts`),
			n,
			{ timeout: 120_000 }
		);
	// The first open finds no index for the attempts written by hand, lists them from the
	// attempts themselves and builds the index (timed apart: what an upgrade costs once).
	await page.goto(`${BASE}/history/`);
	await shows(stored);
	const firstOpen = await page.evaluate(() => performance.now());
	await page.waitForTimeout(2000);

	// 3. Open the history page with them.
	const opens: number[] = [];
	for (let i = 0; i < 5; i++) {
		await page.goto(`${BASE}/history/`);
		await shows(stored);
		opens.push(await page.evaluate(() => performance.now()));
	}

	const save = median(toSaved);
	const open = median(opens);
	console.log('Storage benchmark (Chromium, production build)\n');
	console.log(`saving after an action, ${toSaved.length} actions (medians; p90 in brackets):`);
	console.log(
		`  click to the drill written to IndexedDB   ${ms(save)} (p90 ${ms(p90(toSaved))}); target ${TARGET_SAVE_MS} ms; ratio ${(save / TARGET_SAVE_MS).toFixed(2)}`
	);
	console.log(
		`  click to the write-ahead record written   ${ms(median(toWriteAhead))} (p90 ${ms(p90(toWriteAhead))}): survives the tab closing or crashing`
	);
	console.log(`  the IndexedDB write alone ("nightshift:save")   ${ms(median(saves))} (p90 ${ms(p90(saves))})`);
	console.log(
		`history page, first open (no index yet: listed from the attempts, index built): ${firstOpen.toFixed(0)} ms`
	);
	console.log(
		`history page, ${stored} attempts   median ${open.toFixed(0)} ms from navigation start to the table (runs: ${opens.map((x) => x.toFixed(0)).join(', ')}); target ${TARGET_HISTORY_MS} ms; ratio ${(open / TARGET_HISTORY_MS).toFixed(2)}`
	);
} finally {
	await close();
}
