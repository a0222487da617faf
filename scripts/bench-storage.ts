/**
 * Storage benchmark: `npm run bench:storage` (after `npm run build`). Prints figures and ratios
 * against the targets; never fails on time.
 *
 * In Chromium (the same launch options as playwright.config.ts) against `vite preview`, which
 * it starts and stops itself:
 * - saving after an action, from the click (the click event's own timestamp, taken when the
 *   browser received the mouse button going up) to the drill in progress written: to the
 *   write-ahead record (localStorage, what survives the tab closing or crashing) and to
 *   IndexedDB (the transaction complete, as the thread that wrote it saw it: what survives the
 *   whole browser going); the save alone (the app's "nightshift:save" measure: from the row
 *   handed over to that transaction complete); and, apart, how long the click waited before the
 *   page ran any of its code (the first click listener), which is the machine's, not the app's.
 *   Medians over the par paths of seeds 1 to 12;
 * - opening the history page with 10,000 stored attempts: navigation start until the table's
 *   caption counts them all (seen in the page as the table goes into the document, then the
 *   frame that draws it), median of 5 loads. The attempts are copies of a real finished
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
	const waits: number[] = [];
	for (let seed = 1; seed <= 12; seed++) {
		const par = solvePar(http4, seed, {});
		if (!par) continue;
		await page.goto(`${BASE}/scenarios/http4-night/play/?seed=${seed}&mode=practice`);
		await page.evaluate(() => {
			const w = window as unknown as { clicks: number[]; handled: number[] };
			w.clicks = [];
			w.handled = [];
			window.addEventListener(
				'click',
				(e) => {
					w.clicks.push(e.timeStamp);
					w.handled.push(performance.now());
				},
				{ capture: true }
			);
		});
		for (const [i, step] of par.path.entries()) {
			const label = http4.actionById.get(step.action)!.def.label;
			const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			await page.getByRole('button', { name: new RegExp(`^${escaped}( (up to )?\\d+(–\\d+)? min|$)`) }).click();
			// A trainee reads the outcome before the next action: let this save finish first, so
			// one save is not timed while the next action is being drawn.
			await page.waitForFunction((n) => performance.getEntriesByName('nightshift:save').length >= n, i + 1);
		}
		await page.getByRole('button', { name: 'Open the debrief' }).waitFor();
		const got = await page.evaluate(() => ({
			clicks: (window as unknown as { clicks: number[] }).clicks,
			handled: (window as unknown as { handled: number[] }).handled,
			ahead: performance.getEntriesByName('nightshift:write-ahead').map((e) => e.startTime + e.duration),
			saved: performance
				.getEntriesByName('nightshift:save')
				.map((e) => ({ end: e.startTime + e.duration, d: e.duration }))
		}));
		for (const [i, click] of got.clicks.entries()) {
			toWriteAhead.push(got.ahead[i]! - click);
			toSaved.push(got.saved[i]!.end - click);
			saves.push(got.saved[i]!.d);
			waits.push(got.handled[i]! - click);
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
	// Timed in the page, from the start of each navigation: when the caption counting them all
	// goes into the document (a mutation observer, before anything is drawn), and the end of the
	// frame that draws it (a task posted from the next animation frame runs after its paint).
	// Asking from here once it is there would add this script's round trip to the figure.
	await page.addInitScript({
		content: `(() => {
			const want = ${JSON.stringify(`${stored} attempts`)};
			const seen = new MutationObserver(() => {
				const caption = document.querySelector('table.attempts caption');
				if (!caption || !caption.textContent.startsWith(want)) return;
				seen.disconnect();
				const inDocument = performance.now();
				requestAnimationFrame(() => {
					const ch = new MessageChannel();
					ch.port1.onmessage = () => (window.historyShown = { inDocument, drawn: performance.now() });
					ch.port2.postMessage(0);
				});
			});
			seen.observe(document, { childList: true, subtree: true, characterData: true });
		})();`
	});
	const open = async () => {
		await page.goto(`${BASE}/history/`);
		const shown = await page.waitForFunction(
			() => (window as unknown as { historyShown?: { inDocument: number; drawn: number } }).historyShown,
			null,
			{ timeout: 120_000 }
		);
		return (await shown.jsonValue())!;
	};
	// The first open finds no index for the attempts written by hand, lists them from the
	// attempts themselves and builds the index (timed apart: what an upgrade costs once).
	const firstOpen = (await open()).drawn;
	await page.waitForTimeout(2000);

	// 3. Open the history page with them.
	const opens: number[] = [];
	const inDocument: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t = await open();
		opens.push(t.drawn);
		inDocument.push(t.inDocument);
	}

	const save = median(toSaved);
	const shown = median(opens);
	console.log('Storage benchmark (Chromium, production build)\n');
	console.log(`saving after an action, ${toSaved.length} actions (medians; p90 in brackets):`);
	console.log(`  click to the drill written to IndexedDB   ${ms(save)} (p90 ${ms(p90(toSaved))})`);
	console.log(
		`  click to the write-ahead record written   ${ms(median(toWriteAhead))} (p90 ${ms(p90(toWriteAhead))}): survives the tab closing or crashing`
	);
	console.log(
		`  the save alone ("nightshift:save": row handed over to written)   ${ms(median(saves))} (p90 ${ms(p90(saves))}); target ${TARGET_SAVE_MS} ms; ratio ${(median(saves) / TARGET_SAVE_MS).toFixed(2)}`
	);
	console.log(
		`  of which the click waited before the page ran   ${ms(median(waits))} (p90 ${ms(p90(waits))}): input delivery on this machine`
	);
	console.log(
		`history page, first open (no index yet: listed from the attempts, index built): ${firstOpen.toFixed(0)} ms`
	);
	console.log(
		`history page, ${stored} attempts   median ${shown.toFixed(0)} ms from navigation start to the table drawn (runs: ${opens.map((x) => x.toFixed(0)).join(', ')}); target ${TARGET_HISTORY_MS} ms; ratio ${(shown / TARGET_HISTORY_MS).toFixed(2)}`
	);
	console.log(`  the table in the document (before its frame)   median ${median(inDocument).toFixed(0)} ms`);
} finally {
	await close();
}
