import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { createAttempt, type Attempt } from '$lib/engine/attempt.ts';
import { replay } from '$lib/engine/replay.ts';
import { createDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, type NightshiftDb } from './db.ts';
import { probeStorage } from './direct.ts';
import { finishDrill, readAttemptDirect } from './index.ts';
import { DB_VERSION } from './schema-version.ts';

const compiled = fixture('disk-full');

function attempt(id: string): Attempt {
	const run = replay(compiled, { seed: 1, options: {}, mode: 'guided' }, [
		{ type: 'action', action: 'check-disk' },
		{ type: 'action', action: 'truncate-log' },
		{ type: 'action', action: 'restart' }
	]);
	return createAttempt(compiled, run.state, {
		id,
		trainee: 'Ana',
		startedAt: '2024-03-02T10:00:00.000Z',
		finishedAt: '2024-03-02T10:05:00.000Z',
		wallMs: [1000, 2000, 3000]
	});
}

let n = 0;
const names: string[] = [];
const name = () => {
	const it = `direct-${n++}`;
	names.push(it);
	return it;
};
const opened: NightshiftDb[] = [];

afterEach(async () => {
	for (const db of opened.splice(0)) db.close();
	for (const it of names.splice(0)) await Dexie.delete(it);
});

async function current(): Promise<string> {
	const db = createDb(name());
	opened.push(db);
	await db.open();
	return db.name;
}

const databases = async () => (await indexedDB.databases()).map((d) => d.name);

describe('reading an attempt without Dexie', () => {
	it('declares the version of the schema Dexie opens at', async () => {
		const db = createDb(name());
		opened.push(db);
		await db.open();
		expect(db.verno).toBe(DB_VERSION);
	});

	it('gives back a stored attempt as Dexie stored it, and null for one that is not there', async () => {
		const dbName = await current();
		await finishDrill(opened[0]!, attempt('a1'));
		expect(await readAttemptDirect('a1', indexedDB, dbName)).toEqual({ attempt: attempt('a1') });
		expect(await readAttemptDirect('nope', indexedDB, dbName)).toEqual({ attempt: null });
	});

	it('refuses a damaged record, as the history does', async () => {
		const dbName = await current();
		await opened[0]!.attempts.put({
			id: 'bad',
			scenarioId: 'disk-full',
			mode: 'guided',
			trainee: 'Ana',
			finishedAt: '2024-03-02T10:05:00.000Z',
			status: 'finished',
			interruption: null,
			record: { id: 'bad' } as unknown as Attempt,
			interrupted: null
		});
		expect(await readAttemptDirect('bad', indexedDB, dbName)).toEqual({ attempt: null });
	});

	it('never creates the database on a device that has none', async () => {
		const dbName = name();
		expect(await readAttemptDirect('a1', indexedDB, dbName)).toEqual({ attempt: null });
		expect(await databases()).not.toContain(dbName);
	});

	it('leaves a database an older version wrote to Dexie, which upgrades it', async () => {
		const old = new Dexie(name());
		[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4].forEach((schema, i) => old.version(i + 1).stores(schema));
		await old.open();
		old.close();
		expect(await readAttemptDirect('a1', indexedDB, old.name)).toBeNull();
	});

	it('leaves it to Dexie where there is no IndexedDB', async () => {
		expect(await readAttemptDirect('a1', null)).toBeNull();
	});

	it('does not hold up an upgrade in another tab', async () => {
		const dbName = await current();
		opened[0]!.close();
		const reading = readAttemptDirect('a1', indexedDB, dbName);
		const upgraded = await new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open(dbName, DB_VERSION * 10 + 1);
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
			req.onblocked = () => fail(new Error('blocked by the reader'));
		});
		upgraded.close();
		await reading;
	});
});

describe('checking storage without Dexie', () => {
	it('finds nothing wrong with a working database, or with none yet, and creates none', async () => {
		expect(await probeStorage(indexedDB, await current())).toBeNull();
		const dbName = name();
		expect(await probeStorage(indexedDB, dbName)).toBeNull();
		expect(await databases()).not.toContain(dbName);
	});

	it('says when there is no IndexedDB', async () => {
		expect(await probeStorage(null)).toMatch(/no IndexedDB/);
	});

	it('says when the browser refuses storage', async () => {
		const refusing = {
			open() {
				throw Object.assign(new Error('denied'), { name: 'SecurityError' });
			}
		} as unknown as IDBFactory;
		expect(await probeStorage(refusing)).toMatch(/refuses storage/);
	});

	it('says when a newer version of the app wrote the data', async () => {
		const dbName = name();
		await new Promise<void>((ok) => {
			const req = indexedDB.open(dbName, DB_VERSION * 10 + 10);
			req.onsuccess = () => (req.result.close(), ok());
		});
		expect(await probeStorage(indexedDB, dbName)).toMatch(/newer version/);
	});
});
