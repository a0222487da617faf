/**
 * Writes the drill in progress with IndexedDB alone (no Dexie): what the save worker runs
 * (save-worker.ts), kept apart from the worker's wiring so unit tests drive it with
 * fake-indexeddb.
 *
 * Why a worker writes the save: a transaction's `complete` event is delivered on the thread that
 * made it, and on the drill page that thread is busy drawing the outcome of the action for the
 * next 5 to 15 ms (Svelte's update, then style, layout and paint). The commit itself takes about
 * a millisecond, but the page could only learn of it, and so clear the write-ahead record, once
 * the frame was drawn. A worker's transaction commits and completes while the page draws.
 */
import type { InProgressRow } from './db.ts';

/** One save, as the page posts it to the worker. */
export interface SaveRequest {
	/** The page's running number for the save (the reply names it). */
	n: number;
	/** The database's name (the app's, or a test's). */
	name: string;
	/** The drill to put; null only opens the database (before the first action). */
	row: InProgressRow | null;
}

/**
 * The worker's answer: written (`at`, when the transaction completed, in milliseconds since the
 * Unix epoch at sub-millisecond precision: `performance.timeOrigin + performance.now()`), or why not.
 */
export type SaveReply = { n: number; ok: true; at: number } | { n: number; ok: false; name: string; message: string };

/**
 * Puts a drill in progress in the inProgress table, in a relaxed-durability transaction of its
 * own that is committed at once. Left to commit on its own, a transaction waits for the put's
 * success to come back to this thread, and only then asks the database to commit: one more trip
 * between processes (on a busy tablet each trip waits for a free core), for nothing, since no
 * other request follows the put.
 * @param idb an open connection (the worker's, or the page's own where there is no worker)
 * @returns when the transaction completed, as this thread saw it
 */
export function putRow(idb: IDBDatabase, row: InProgressRow): Promise<void> {
	return new Promise((done, fail) => {
		const tx = idb.transaction('inProgress', 'readwrite', { durability: 'relaxed' });
		tx.oncomplete = () => done();
		tx.onabort = tx.onerror = () => fail(tx.error ?? new DOMException('the save was aborted', 'AbortError'));
		tx.objectStore('inProgress').put(row);
		// Older browsers without commit() commit on their own, one trip later.
		tx.commit?.();
	});
}

/** The connections a writer keeps open, one per database name. */
export class InProgressWriter {
	#factory: IDBFactory;
	#clock: () => number;
	#open = new Map<string, Promise<IDBDatabase>>();

	/**
	 * @param factory IndexedDB (the worker's own `indexedDB`, or fake-indexeddb in tests)
	 * @param clock when a save completed, as `SaveReply.at` reports it
	 */
	constructor(factory: IDBFactory, clock: () => number = () => performance.timeOrigin + performance.now()) {
		this.#factory = factory;
		this.#clock = clock;
	}

	/**
	 * The open connection to a database, opened at whatever version it has: the page's Dexie has
	 * created and upgraded it. A database that is not there is not created (the page's Dexie
	 * does that, with its tables), and a newer version elsewhere (another tab upgrading) gets the
	 * connection closed at once, so the writer never blocks an upgrade; the next save reopens.
	 */
	#db(name: string): Promise<IDBDatabase> {
		const known = this.#open.get(name);
		if (known) return known;
		const opening = new Promise<IDBDatabase>((ok, fail) => {
			const req = this.#factory.open(name);
			req.onupgradeneeded = () => req.transaction?.abort();
			req.onerror = () => fail(req.error ?? new DOMException('the database did not open', 'UnknownError'));
			req.onsuccess = () => {
				const db = req.result;
				const forget = () => {
					db.close();
					if (this.#open.get(name) === opening) this.#open.delete(name);
				};
				db.onversionchange = forget;
				db.onclose = forget;
				ok(db);
			};
		});
		this.#open.set(name, opening);
		opening.catch(() => this.#open.delete(name));
		return opening;
	}

	/**
	 * Puts the row in the database's inProgress table, in a transaction of its own with relaxed
	 * durability: the write-ahead record (write-ahead.ts) already holds the step through the tab
	 * closing or crashing, and relaxed durability still survives the browser being killed (the
	 * operating system has the data; only a power cut within a second or so could cost the step
	 * IndexedDB holds, never the one the write-ahead record holds before it is cleared).
	 * The transaction is committed as soon as the put is made (`putRow`).
	 * @returns the reply to post back; it never throws
	 */
	async write(request: SaveRequest): Promise<SaveReply> {
		try {
			const db = await this.#db(request.name);
			const row = request.row;
			if (row) await putRow(db, row);
			return { n: request.n, ok: true, at: this.#clock() };
		} catch (error) {
			// A connection that failed is dropped; the next save opens afresh.
			this.#open.delete(request.name);
			const e = error as { name?: unknown; message?: unknown } | null;
			return {
				n: request.n,
				ok: false,
				name: typeof e?.name === 'string' ? e.name : 'Error',
				message: typeof e?.message === 'string' ? e.message : String(error)
			};
		}
	}

	/** Closes every connection (tests). */
	async close(): Promise<void> {
		const all = [...this.#open.values()];
		this.#open.clear();
		for (const p of all) (await p.catch(() => null))?.close();
	}
}
