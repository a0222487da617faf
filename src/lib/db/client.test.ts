import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeStorageError, openDb, watchDb, type Subscribe } from './client.ts';
import { addProfile } from './profiles.ts';

// The opener works only in the browser: here, fake-indexeddb stands in for the browser's.
vi.mock('$app/environment', () => ({ browser: true }));

afterEach(async () => {
	const opened = await openDb();
	if (opened.ok) await Promise.all(opened.db.tables.map((t) => t.clear()));
});

/** Subscribes, collecting what comes back. */
function collect<T>(subscribe: Subscribe<T>) {
	const values: T[] = [];
	const errors: unknown[] = [];
	const stop = subscribe(
		(v) => values.push(v),
		(e) => errors.push(e)
	);
	return { values, errors, stop };
}

async function addTrainee(name: string) {
	const opened = await openDb();
	if (!opened.ok) throw new Error(opened.reason);
	await addProfile(opened.db, name);
}

describe('describeStorageError', () => {
	it('says in words a trainee understands that storage is full, missing, newer or refused', () => {
		const named = (name: string) => Object.assign(new Error('x'), { name });
		expect(describeStorageError(named('QuotaExceededError'))).toBe("this device's storage is full");
		expect(describeStorageError(named('MissingAPIError'))).toMatch(/no IndexedDB storage \(private mode/);
		expect(describeStorageError(named('VersionError'))).toMatch(/newer version of Nightshift; reload/);
		expect(describeStorageError(named('InvalidStateError'))).toBe('this browser refuses storage for this site');
		expect(describeStorageError(named('SecurityError'))).toBe('this browser refuses storage for this site');
	});

	it('looks inside the error Dexie wraps around the browser one', () => {
		const wrapped = Object.assign(new Error('aborted'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
		expect(describeStorageError(wrapped)).toBe("this device's storage is full");
	});

	it('otherwise says storage failed, with the message cut short, whatever was thrown', () => {
		expect(describeStorageError(new Error('disk on fire'))).toBe('storage failed (disk on fire)');
		expect(describeStorageError(new Error('x'.repeat(500)))).toBe(`storage failed (${'x'.repeat(160)})`);
		expect(describeStorageError('odd')).toBe('storage failed (odd)');
		expect(describeStorageError(null)).toBe('storage failed (null)');
	});
});

describe('watchDb', () => {
	const count = watchDb((db) => db.profiles.count());

	it("sends the query's result, then again whenever what it read changes", async () => {
		const w = collect(count);
		await vi.waitFor(() => expect(w.values).toEqual([0]));
		await addTrainee('Ana');
		await vi.waitFor(() => expect(w.values).toEqual([0, 1]));
		expect(w.errors).toEqual([]);
		w.stop();
	});

	it('sends nothing more once stopped, even when stopped before the database opened', async () => {
		const early = collect(count);
		early.stop();
		const stopped = collect(count);
		await vi.waitFor(() => expect(stopped.values).toEqual([0]));
		stopped.stop();
		// A watcher still running shows the change went out; the stopped ones got none of it.
		const running = collect(count);
		await addTrainee('Bo');
		await vi.waitFor(() => expect(running.values.at(-1)).toBe(1));
		running.stop();
		expect(early.values).toEqual([]);
		expect(stopped.values).toEqual([0]);
	});

	it("passes the query's error on", async () => {
		const w = collect(
			watchDb(async () => {
				throw new Error('bad query');
			})
		);
		await vi.waitFor(() => expect(w.errors).toHaveLength(1));
		expect((w.errors[0] as Error).message).toBe('bad query');
		expect(w.values).toEqual([]);
		w.stop();
	});

	it("says why through the error callback when the database can't open", async () => {
		// A fresh copy of the module, as if prerendering: no browser, so no database.
		vi.resetModules();
		vi.doMock('$app/environment', () => ({ browser: false }));
		const fresh = await import('./client.ts');
		expect(await fresh.openDb()).toEqual({ ok: false, reason: 'storage exists only in the browser' });
		const w = collect(fresh.watchDb((db) => db.profiles.count()));
		await vi.waitFor(() => expect(w.errors).toHaveLength(1));
		expect((w.errors[0] as Error).message).toBe('storage exists only in the browser');
		vi.doUnmock('$app/environment');
	});
});
