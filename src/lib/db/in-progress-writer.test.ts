import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb, type InProgressRow, type NightshiftDb } from './db.ts';
import { InProgressWriter, type SaveReply, type SaveRequest } from './in-progress-writer.ts';
import { getInProgress } from './in-progress.ts';

const row = (steps: number): InProgressRow => ({
	scenarioId: 'disk-full',
	scenarioVersion: 1,
	input: { seed: 7, options: { logRotation: false }, mode: 'drill' },
	liveClockRate: null,
	snapshot: null,
	log: Array.from({ length: steps }, () => ({ type: 'action' as const, action: 'check-disk', idle: 0 })),
	wallMs: Array.from({ length: steps }, (_, i) => 1000 * i),
	elapsedMs: 1000 * steps,
	trainee: 'Ana',
	startedAt: '2024-03-02T10:00:00.000Z',
	savedAt: '2024-03-02T10:01:35.000Z',
	drillCode: null,
	scenarioHash: null
});

let n = 0;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	for (const c of cleanup.splice(0)) await c();
	vi.unstubAllGlobals();
	vi.resetModules();
});

async function database(): Promise<NightshiftDb> {
	const db = createDb(`writer-${n++}`);
	await db.open();
	cleanup.push(() => db.close());
	return db;
}

function writer(): InProgressWriter {
	const w = new InProgressWriter(indexedDB, () => 1234.5);
	cleanup.push(() => w.close());
	return w;
}

describe('the save worker’s writer', () => {
	it('writes the drill in progress where the app reads it back', async () => {
		const db = await database();
		expect(await writer().write({ n: 1, name: db.name, row: row(2) })).toEqual({ n: 1, ok: true, at: 1234.5 });
		expect(await getInProgress(db, 'disk-full')).toEqual(row(2));
	});

	it('keeps the newest of saves made one after another', async () => {
		const db = await database();
		const w = writer();
		const replies = await Promise.all([1, 2, 3].map((steps) => w.write({ n: steps, name: db.name, row: row(steps) })));
		expect(replies.map((r) => r.ok)).toEqual([true, true, true]);
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(3);
	});

	it('never creates a database the app has not made, and says why it could not save', async () => {
		const name = `writer-missing-${n++}`;
		const reply = await writer().write({ n: 1, name, row: row(1) });
		expect(reply.ok).toBe(false);
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
	});

	it('steps aside for another tab upgrading the database, and saves again afterwards', async () => {
		const db = await database();
		const w = writer();
		await w.write({ n: 1, name: db.name, row: row(1) });
		db.close();
		// A newer version of the app in another tab: its upgrade must not wait on the writer.
		const upgraded = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open(db.name, db.verno * 10 + 1);
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
			req.onblocked = () => fail(new Error('blocked by the writer'));
		});
		upgraded.close();
		expect((await w.write({ n: 2, name: db.name, row: row(2) })).ok).toBe(true);
		await db.open();
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(2);
	});

	it('commits the save as soon as the row is put, without waiting for the put to be answered', async () => {
		const db = await database();
		let answered = false;
		const answeredAtCommit: boolean[] = [];
		const { put } = IDBObjectStore.prototype;
		const { commit } = IDBTransaction.prototype;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
			const request = put.apply(this, args);
			request.addEventListener('success', () => (answered = true));
			return request;
		});
		vi.spyOn(IDBTransaction.prototype, 'commit').mockImplementation(function (this: IDBTransaction) {
			answeredAtCommit.push(answered);
			commit.call(this);
		});
		cleanup.push(() => vi.restoreAllMocks());
		expect((await writer().write({ n: 1, name: db.name, row: row(1) })).ok).toBe(true);
		expect(answeredAtCommit).toEqual([false]);
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(1);
	});

	it('names the error of a save the database refuses', async () => {
		const db = await database();
		const reply = await writer().write({ n: 1, name: db.name, row: { ...row(1), scenarioId: undefined as never } });
		expect(reply).toMatchObject({ n: 1, ok: false, name: 'DataError' });
	});
});

/**
 * A stand-in for the browser's module worker: runs the writer, as save-worker.ts does, and
 * replies as the worker would; `refuse` makes the n-th save fail.
 */
function fakeWorker(options: { refuse?: number; fails?: boolean } = {}) {
	const posted: SaveRequest[] = [];
	class FakeWorker extends EventTarget {
		#writer = new InProgressWriter(indexedDB);
		constructor() {
			super();
			cleanup.push(() => this.#writer.close());
			if (options.fails) setTimeout(() => this.dispatchEvent(new Event('error')));
		}
		postMessage(request: SaveRequest) {
			posted.push(request);
			if (options.fails) return;
			void this.#writer.write(request).then((reply) => {
				const answer: SaveReply =
					request.n === options.refuse ? { n: request.n, ok: false, name: 'UnknownError', message: 'refused' } : reply;
				this.dispatchEvent(new MessageEvent('message', { data: answer }));
			});
		}
		terminate() {}
	}
	vi.stubGlobal('Worker', FakeWorker);
	return posted;
}

describe('saving through the worker', () => {
	it('hands each save to the worker, and says when it was written on the page’s clock', async () => {
		const posted = fakeWorker();
		const { prepareSaves, saveInProgress } = await import('./in-progress.ts');
		const db = await database();
		prepareSaves(db);
		const at = await saveInProgress(db, row(1));
		expect(posted.map((p) => p.row?.log.length ?? null)).toEqual([null, 1]);
		expect(at).toBeGreaterThan(0);
		expect(at).toBeLessThanOrEqual(performance.now());
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(1);
	});

	it('writes the newest drill itself when the worker fails a save, and no longer uses it', async () => {
		const posted = fakeWorker({ refuse: 2 });
		const { saveInProgress } = await import('./in-progress.ts');
		const db = await database();
		await Promise.all([saveInProgress(db, row(1)), saveInProgress(db, row(2)), saveInProgress(db, row(3))]);
		// The refused second save is covered by the third, written last: never the older drill.
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(3);
		await saveInProgress(db, row(4));
		expect(posted).toHaveLength(3);
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(4);
	});

	it('saves on the page’s thread when the worker does not start', async () => {
		fakeWorker({ fails: true });
		const { saveInProgress } = await import('./in-progress.ts');
		const db = await database();
		await saveInProgress(db, row(2));
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(2);
	});
});
