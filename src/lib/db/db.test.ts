import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { createAttempt, type Attempt } from '$lib/engine/attempt.ts';
import { replay } from '$lib/engine/replay.ts';
import {
	createDb,
	SCHEMA_V1,
	SCHEMA_V2,
	SCHEMA_V3,
	SCHEMA_V4,
	type AttemptRow,
	type ImportedScenarioRow,
	type NightshiftDb
} from './db.ts';
import { readAttemptIndex, repairAttemptIndex } from './summary.ts';
import { boardRow } from '$lib/engine/team.ts';
// Through the one door, as the app reaches them.
import {
	addProfile,
	attemptFacets,
	clearBoardResults,
	clearInProgress,
	currentProfile,
	deleteAttempt,
	deleteBoardResult,
	deleteImported,
	finishDrill,
	finishedRow,
	getAttempt,
	getBoardDrill,
	getImported,
	getInProgress,
	listAttempts,
	listBoardResults,
	listImported,
	listProfiles,
	putAttempt,
	putAttemptRows,
	putBoardResults,
	putImported,
	putInterrupted,
	saveInProgress,
	setBoardDrill,
	setCurrentProfile
} from './index.ts';

const compiled = fixture('disk-full');

function attempt(over: { id: string; trainee?: string; mode?: Attempt['mode']; finishedAt?: string }): Attempt {
	const run = replay(compiled, { seed: 1, options: {}, mode: over.mode ?? 'guided' }, [
		{ type: 'action', action: 'check-disk' },
		{ type: 'action', action: 'truncate-log' },
		{ type: 'action', action: 'restart' }
	]);
	return createAttempt(compiled, run.state, {
		id: over.id,
		trainee: over.trainee ?? 'Ana',
		startedAt: '2024-03-02T10:00:00.000Z',
		finishedAt: over.finishedAt ?? '2024-03-02T10:05:00.000Z',
		wallMs: [1000, 2000, 3000]
	});
}

let n = 0;
const opened: Dexie[] = [];
const fresh = () => {
	const db = createDb(`test-${n++}`);
	opened.push(db);
	return db;
};

/** Closes a database written as an older version wrote it, and opens it with the current schema. */
async function upgrade(old: Dexie): Promise<NightshiftDb> {
	old.close();
	const db: NightshiftDb = createDb(old.name);
	opened.push(db);
	await db.open();
	expect(db.verno).toBe(5);
	return db;
}

/** A drill in progress as versions 1 and 2 stored it. */
const oldProgress = (log: unknown[], wallMs: number[]) => ({
	scenarioId: 'disk-full',
	scenarioVersion: 1,
	input: { seed: 1, options: {}, mode: 'guided' },
	liveClockRate: null,
	snapshot: { x: 1 },
	log,
	wallMs,
	elapsedMs: wallMs.reduce((a, b) => a + b, 0),
	trainee: 'Ana',
	startedAt: 'S',
	savedAt: 'T'
});

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

/** A database as an older app version declared it: schema versions 1 to `upTo`. */
function oldDatabase(name: string, upTo: 1 | 2 | 3 | 4): Dexie {
	const db = new Dexie(name);
	[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4].slice(0, upTo).forEach((schema, i) => db.version(i + 1).stores(schema));
	return db;
}

describe('the database', () => {
	it('keeps a finished attempt and gives it back validated', async () => {
		const db = fresh();
		const a = attempt({ id: 'a1' });
		await putAttempt(db, a);
		expect(await getAttempt(db, 'a1')).toEqual(a);
		expect(await getAttempt(db, 'missing')).toBeNull();
	});

	it('skips a damaged record with a note instead of crashing', async () => {
		const db = fresh();
		await putAttempt(db, attempt({ id: 'good' }));
		const bad = { ...attempt({ id: 'bad' }), seed: -5 };
		const row: AttemptRow = {
			id: 'bad',
			scenarioId: 'disk-full',
			mode: 'guided',
			trainee: 'Ana',
			finishedAt: '2024',
			status: 'finished',
			interruption: null,
			record: bad,
			interrupted: null
		};
		// Damaged where the list reads it (the summary) and where the debrief does (the record).
		await putAttemptRows(db, [row]);
		const { entries, skipped } = await listAttempts(db);
		expect(entries.map((e) => e.id)).toEqual(['good']);
		expect(skipped).toEqual([expect.stringMatching(/^attempt bad is damaged \(seed: /)]);
		expect(await getAttempt(db, 'bad')).toBeNull();
	});

	it('filters attempts by scenario, mode and trainee, newest first', async () => {
		const db = fresh();
		await putAttempt(db, attempt({ id: 'old', finishedAt: '2024-03-01T00:00:00.000Z' }));
		await putAttempt(db, attempt({ id: 'new', finishedAt: '2024-03-03T00:00:00.000Z' }));
		await putAttempt(db, attempt({ id: 'bo', trainee: 'Bo', mode: 'practice' }));
		expect((await listAttempts(db)).entries.map((e) => e.id)).toEqual(['new', 'bo', 'old']);
		expect((await listAttempts(db, { trainee: 'Bo' })).entries.map((e) => e.id)).toEqual(['bo']);
		expect((await listAttempts(db, { scenarioId: 'disk-full', mode: 'guided' })).entries.map((e) => e.id)).toEqual([
			'new',
			'old'
		]);
		expect((await listAttempts(db, { scenarioId: 'other' })).entries).toEqual([]);
		expect(await attemptFacets(db)).toEqual({ trainees: ['Ana', 'Bo'], scenarios: ['disk-full'] });
		await deleteAttempt(db, 'new');
		expect((await listAttempts(db)).entries.map((e) => e.id)).toEqual(['bo', 'old']);
	});

	it('keeps interrupted attempts with their reason', async () => {
		const db = fresh();
		await putInterrupted(db, {
			id: 'i1',
			scenarioId: 'disk-full',
			mode: 'drill',
			trainee: 'Ana',
			reason: 'the scenario changed',
			record: null,
			drill: {
				scenarioVersion: 1,
				seed: 3,
				options: {},
				steps: [{ type: 'action', action: 'gone' }],
				startedAt: '2024-03-02T10:00:00.000Z'
			}
		});
		const [entry] = (await listAttempts(db)).entries;
		expect(entry).toMatchObject({ id: 'i1', status: 'interrupted', reason: 'the scenario changed', attempt: null });
	});

	it('saves the drill in progress and clears it when the drill is finished', async () => {
		const db = fresh();
		await saveInProgress(db, {
			scenarioId: 'disk-full',
			scenarioVersion: 1,
			input: { seed: 1, options: {}, mode: 'guided' },
			liveClockRate: null,
			snapshot: { status: 'active' },
			log: [{ type: 'action', action: 'check-disk' }],
			wallMs: [10],
			elapsedMs: 10,
			trainee: 'Ana',
			startedAt: '2024-03-02T10:00:00.000Z',
			savedAt: '2024-03-02T10:00:01.000Z'
		});
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(1);
		await finishDrill(db, attempt({ id: 'f1' }));
		expect(await getInProgress(db, 'disk-full')).toBeNull();
		expect(await getAttempt(db, 'f1')).not.toBeNull();
		await clearInProgress(db, 'disk-full');
	});

	it('keeps several trainee profiles and the current one', async () => {
		const db = fresh();
		const ana = await addProfile(db, ' Ana ');
		await addProfile(db, 'Bo');
		expect((await addProfile(db, 'Ana')).id).toBe(ana.id);
		expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Ana', 'Bo']);
		expect(await currentProfile(db)).toBeNull();
		await setCurrentProfile(db, ana.id);
		expect((await currentProfile(db))?.name).toBe('Ana');
		await expect(addProfile(db, '  ')).rejects.toThrow('needs a name');
	});
});

describe('migrations', () => {
	it('opens a version-1 database with the current schema and loses nothing', async () => {
		const name = `migrate-${n++}`;
		// Write the database as version 1 of the app did: attempts with no status, a drill in
		// progress and a setting.
		const v1 = new Dexie(name);
		v1.version(1).stores(SCHEMA_V1);
		const a = attempt({ id: 'v1-a', trainee: 'Ana' });
		const b = attempt({ id: 'v1-b', trainee: 'Bo', mode: 'practice' });
		const v1Row = (x: Attempt) => ({
			id: x.id,
			scenarioId: x.scenario.id,
			mode: x.mode,
			trainee: x.trainee,
			finishedAt: x.finishedAt,
			record: x
		});
		await v1.table('attempts').bulkAdd([v1Row(a), v1Row(b)]);
		const progress = oldProgress([{ type: 'action', action: 'check-disk' }], [5]);
		await v1.table('inProgress').add(progress);
		await v1.table('settings').add({ key: 'theme', value: 'dark' });
		expect(v1.verno).toBe(1);

		const db = await upgrade(v1);
		expect(await getAttempt(db, 'v1-a')).toEqual(a);
		expect(await getAttempt(db, 'v1-b')).toEqual(b);
		const rows = await db.attempts.toArray();
		expect(rows.map((r) => [r.id, r.status, r.interruption])).toEqual([
			['v1-a', 'finished', null],
			['v1-b', 'finished', null]
		]);
		// The new indexes work on migrated rows.
		expect((await listAttempts(db, { trainee: 'Bo' })).entries.map((e) => e.id)).toEqual(['v1-b']);
		expect((await listAttempts(db, { mode: 'guided' })).entries.map((e) => e.id)).toEqual(['v1-a']);
		expect(await getInProgress(db, 'disk-full')).toEqual({ ...progress, drillCode: null, scenarioHash: null });
		expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
		// Each trainee found becomes a profile.
		expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Ana', 'Bo']);
	});
});

describe('migrations to version 3', () => {
	it('opens a version-2 database with the current schema and loses nothing', async () => {
		const name = `migrate-${n++}`;
		const v2 = oldDatabase(name, 2);
		const a = attempt({ id: 'v2-a', trainee: 'Ana' });
		await v2.table('attempts').add({
			id: a.id,
			scenarioId: a.scenario.id,
			mode: a.mode,
			trainee: a.trainee,
			finishedAt: a.finishedAt,
			status: 'finished',
			interruption: null,
			record: a,
			interrupted: null
		});
		await v2.table('profiles').add({ id: 'p1', name: 'Ana', createdAt: 'C' });
		await v2.table('settings').add({ key: 'currentProfile', value: 'p1' });
		const progress = oldProgress([], []);
		await v2.table('inProgress').add(progress);
		expect(v2.verno).toBe(2);

		const db = await upgrade(v2);
		expect(await getAttempt(db, 'v2-a')).toEqual(a);
		expect((await listProfiles(db)).map((p) => [p.id, p.name])).toEqual([['p1', 'Ana']]);
		expect((await currentProfile(db))?.name).toBe('Ana');
		expect(await getInProgress(db, 'disk-full')).toEqual({ ...progress, drillCode: null, scenarioHash: null });
		expect(await listBoardResults(db)).toEqual({ results: [], skipped: [] });
	});
});

describe('migrations to version 4', () => {
	it('opens a version-3 database, gives every attempt its summary and lists them as before', async () => {
		const name = `migrate-${n++}`;
		const v3 = oldDatabase(name, 3);
		const a = attempt({ id: 'v3-a', trainee: 'Ana', finishedAt: '2024-03-02T10:05:00.000Z' });
		const b = attempt({ id: 'v3-b', trainee: 'Bo', mode: 'practice', finishedAt: '2024-03-03T10:05:00.000Z' });
		const row = (x: Attempt) => ({
			id: x.id,
			scenarioId: x.scenario.id,
			mode: x.mode,
			trainee: x.trainee,
			finishedAt: x.finishedAt,
			status: 'finished',
			interruption: null,
			record: x,
			interrupted: null
		});
		await v3.table('attempts').bulkAdd([row(a), row(b)]);
		await v3.table('attempts').add({
			id: 'v3-i',
			scenarioId: 'disk-full',
			mode: 'drill',
			trainee: 'Cy',
			finishedAt: '2024-03-01T09:00:00.000Z',
			status: 'interrupted',
			interruption: 'the scenario changed',
			record: null,
			interrupted: { scenarioVersion: 1, seed: 3, options: {}, steps: [], startedAt: '2024-03-01T09:00:00.000Z' }
		});
		await v3.table('boardResults').add({ id: 'r1', drillKey: 'K', addedAt: 'A', fileName: 'f', attempt: a, row: {} });
		expect(v3.verno).toBe(3);

		const db = await upgrade(v3);
		expect((await readAttemptIndex(db))?.id.sort()).toEqual(['v3-a', 'v3-b', 'v3-i']);
		const { entries, skipped } = await listAttempts(db);
		expect(skipped).toEqual([]);
		expect(entries.map((e) => [e.id, e.status])).toEqual([
			['v3-b', 'finished'],
			['v3-a', 'finished'],
			['v3-i', 'interrupted']
		]);
		expect(entries[0]).toMatchObject({ attempt: { trainee: 'Bo', score: { grade: b.score.grade } } });
		expect(entries[2]).toMatchObject({ trainee: 'Cy', reason: 'the scenario changed', attempt: null });
		expect(await getAttempt(db, 'v3-a')).toEqual(a);
		expect(await attemptFacets(db)).toEqual({ trainees: ['Ana', 'Bo', 'Cy'], scenarios: ['disk-full'] });
		expect(await db.boardResults.count()).toBe(1);
	});

	it("keeps the history's index in step with every write: finish, put again, delete", async () => {
		const db = fresh();
		await finishDrill(db, attempt({ id: 'f1' }));
		await putAttempt(db, attempt({ id: 'f2', trainee: 'Bo' }));
		await putAttempt(db, attempt({ id: 'f2', trainee: 'Bo' }));
		await deleteAttempt(db, 'f1');
		expect((await readAttemptIndex(db))?.id).toEqual(['f2']);
		expect((await listAttempts(db)).entries.map((e) => e.id)).toEqual(['f2']);
	});

	it('lists attempts written past the index, and the index is rebuilt to match', async () => {
		const db = fresh();
		await putAttempt(db, attempt({ id: 'kept' }));
		const a = attempt({ id: 'by-hand', trainee: 'Bo' });
		await db.attempts.put({ ...(await db.attempts.get('kept'))!, id: a.id, trainee: a.trainee, record: a });
		expect((await listAttempts(db)).entries.map((e) => e.id).sort()).toEqual(['by-hand', 'kept']);
		expect(await repairAttemptIndex(db)).toBe(true);
		expect((await readAttemptIndex(db))?.id.sort()).toEqual(['by-hand', 'kept']);
		expect(await repairAttemptIndex(db)).toBe(false);
	});
});

describe('migrations to version 5', () => {
	it('opens a version-4 database with the current schema, loses nothing, and keeps imported scenarios', async () => {
		const v4 = oldDatabase(`migrate-${n++}`, 4);
		const a = attempt({ id: 'v4-a', trainee: 'Ana' });
		await v4.table('attempts').add(finishedRow(a));
		await v4.table('boardResults').add({
			id: 'r1',
			drillKey: 'K',
			addedAt: '2024-01-01',
			fileName: 'r1.json',
			attempt: a,
			row: boardRow(compiled, a)
		});
		await v4.table('inProgress').add(oldProgress([{ type: 'action', action: 'check-disk' }], [5]));
		expect(v4.verno).toBe(4);

		const db = await upgrade(v4);
		expect(await getAttempt(db, 'v4-a')).toEqual(a);
		expect((await listAttempts(db)).entries.map((e) => e.id)).toEqual(['v4-a']);
		expect((await listBoardResults(db)).results.map((r) => r.id)).toEqual(['r1']);
		expect((await getInProgress(db, 'disk-full'))?.log).toHaveLength(1);
		// The new table is there, empty, and takes a scenario.
		expect(await listImported(db)).toEqual({ rows: [], skipped: [] });
		expect(await putImported(db, imported('a'.repeat(64), 'my-drill', 1))).toEqual({ ok: true, added: true });
		expect((await getImported(db, 'a'.repeat(64)))?.id).toBe('my-drill');
	});
});

/** An imported scenario row as "Add to my scenarios" writes it. */
function imported(
	hash: string,
	id: string,
	version: number,
	addedAt = '2024-05-01T10:00:00.000Z'
): ImportedScenarioRow {
	return {
		hash,
		id,
		version,
		title: `Drill ${id}`,
		fileName: `${id}.yaml`,
		addedAt,
		text: `id: ${id}\n`,
		entry: {
			id,
			version,
			title: `Drill ${id}`,
			summary: 'A summary.',
			difficulty: 'introductory',
			estimatedMinutes: 10,
			tags: ['disk'],
			learningGoals: ['Find what filled the disk'],
			historicalMinutes: null,
			options: [],
			presets: [],
			par: [{ options: {}, defaults: true, omniscient: { min: 5, max: 8 }, fair: { min: 6, max: 9 } }]
		},
		fair: {}
	};
}

describe('imported scenarios', () => {
	it('keeps a file once, by content hash, newest first, and removes it', async () => {
		const db = fresh();
		const one = imported('1'.repeat(64), 'drill-one', 1, '2024-05-01T10:00:00.000Z');
		const two = imported('2'.repeat(64), 'drill-two', 1, '2024-05-02T10:00:00.000Z');
		expect(await putImported(db, one)).toEqual({ ok: true, added: true });
		expect(await putImported(db, two)).toEqual({ ok: true, added: true });
		expect(await putImported(db, one)).toEqual({ ok: true, added: false });
		expect((await listImported(db)).rows.map((r) => r.id)).toEqual(['drill-two', 'drill-one']);
		await deleteImported(db, one.hash);
		expect((await listImported(db)).rows.map((r) => r.id)).toEqual(['drill-two']);
	});

	it('refuses another file with the same id and version, and takes a new version', async () => {
		const db = fresh();
		const first = imported('3'.repeat(64), 'my-drill', 1);
		await putImported(db, first);
		expect(await putImported(db, imported('4'.repeat(64), 'my-drill', 1))).toEqual({ ok: false, conflict: first });
		expect(await putImported(db, imported('5'.repeat(64), 'my-drill', 2))).toEqual({ ok: true, added: true });
	});

	it('lists a row added before entries carried learning goals, with none', async () => {
		const db = fresh();
		const row = imported('a'.repeat(64), 'older', 1);
		const older: Partial<typeof row.entry> = { ...row.entry };
		delete older.learningGoals;
		await db.scenarios.put({ ...row, entry: older as typeof row.entry });
		expect((await listImported(db)).rows[0]!.entry.learningGoals).toEqual([]);
	});

	it('skips a damaged row with a note', async () => {
		const db = fresh();
		await putImported(db, imported('6'.repeat(64), 'fine', 1));
		await db.scenarios.put({ ...imported('7'.repeat(64), 'bad', 1), version: -1 });
		expect(await listImported(db)).toEqual({
			rows: [expect.objectContaining({ id: 'fine' })],
			skipped: ['imported scenario 777777777777 is damaged and was skipped']
		});
	});

	it('go into the backup and come back only once checked again', async () => {
		const { exportBackup, importBackup } = await import('./backup.ts');
		const from = fresh();
		await putImported(from, imported('8'.repeat(64), 'kept', 1));
		await putImported(from, imported('9'.repeat(64), 'tampered', 1));
		const backup = await exportBackup(from);
		expect(backup.scenarios.map((s) => s.id)).toEqual(['kept', 'tampered']);
		const to = fresh();
		const result = await importBackup(
			to,
			JSON.stringify(backup),
			() => 'unused',
			async (row) =>
				row.id === 'tampered' ? 'its text does not match its content hash' : { ...row, title: 'Checked again' }
		);
		expect(result).toMatchObject({
			ok: true,
			report: {
				added: { scenarios: 1 },
				errors: ['scenarios[1] (tampered.yaml): its text does not match its content hash']
			}
		});
		expect((await listImported(to)).rows.map((r) => [r.id, r.title])).toEqual([['kept', 'Checked again']]);
	});
});

describe('the team board', () => {
	const result = (id: string, trainee: string, addedAt: string) => {
		const a = attempt({ id, trainee });
		return { id, drillKey: 'K', addedAt, fileName: `${id}.json`, attempt: a, row: boardRow(compiled, a) };
	};

	it('keeps verified results in import order, removes one, clears them and skips damaged ones', async () => {
		const db = fresh();
		await putBoardResults(db, [result('r2', 'Bo', '2024-01-02'), result('r1', 'Ana', '2024-01-01')]);
		expect((await listBoardResults(db)).results.map((r) => r.row.trainee)).toEqual(['Ana', 'Bo']);
		await db.boardResults.put({ ...result('bad', 'X', '2024-01-03'), attempt: { nope: true } as never });
		expect((await listBoardResults(db)).skipped).toEqual(['board result bad is damaged and was skipped']);
		await deleteBoardResult(db, 'r1');
		await deleteBoardResult(db, 'bad');
		expect((await listBoardResults(db)).results.map((r) => r.id)).toEqual(['r2']);
		await clearBoardResults(db);
		expect((await listBoardResults(db)).results).toEqual([]);
	});

	it('remembers the drill the board is for', async () => {
		const db = fresh();
		expect(await getBoardDrill(db)).toBeNull();
		await setBoardDrill(db, 'ABCD');
		expect(await getBoardDrill(db)).toBe('ABCD');
		await setBoardDrill(db, null);
		expect(await getBoardDrill(db)).toBeNull();
	});
});

describe('backup', () => {
	const boardResult = (id: string, trainee: string) => {
		const a = attempt({ id, trainee });
		return {
			id,
			drillKey: 'K',
			addedAt: '2024-01-01T00:00:00.000Z',
			fileName: `${id}.json`,
			attempt: a,
			row: boardRow(compiled, a)
		};
	};
	// The app rebuilds a board result's row by replay; here, from the fixture.
	const recheck = (a: Attempt) => boardRow(compiled, a);

	it('exports everything and imports it into another device, skipping what is already there', async () => {
		const { exportBackup, importBackup } = await import('./backup.ts');
		const from = fresh();
		await putAttempt(from, attempt({ id: 'b1' }));
		await putAttempt(from, attempt({ id: 'b2', trainee: 'Bo' }));
		await addProfile(from, 'Ana');
		await putBoardResults(from, [boardResult('t1', 'Cy')]);
		const text = JSON.stringify(await exportBackup(from));

		const to = fresh();
		await putAttempt(to, attempt({ id: 'b1', trainee: 'Kept' }));
		const result = await importBackup(to, text, recheck);
		expect(result).toEqual({
			ok: true,
			report: {
				added: { profiles: 1, attempts: 1, settings: 0, boardResults: 1, scenarios: 0 },
				present: 1,
				errors: []
			}
		});
		// Nothing overwritten: b1 is still the one that was here.
		expect((await getAttempt(to, 'b1'))?.trainee).toBe('Kept');
		expect((await getAttempt(to, 'b2'))?.trainee).toBe('Bo');
		// Imported attempts are listed in the history (their summaries came with them).
		expect((await listAttempts(to)).entries.map((e) => e.id).sort()).toEqual(['b1', 'b2']);
		expect((await listBoardResults(to)).results.map((r) => r.row.trainee)).toEqual(['Cy']);
	});

	it('trusts no board result from a file: each is replayed, and one that fails is named', async () => {
		const { importBackup } = await import('./backup.ts');
		const db = fresh();
		const tampered = { ...boardResult('t2', 'Dee'), row: { trainee: 'Dee', total: 100 } };
		const text = JSON.stringify({
			format: 'nightshift-backup',
			formatVersion: 1,
			exportedAt: new Date().toISOString(),
			profiles: [],
			attempts: [],
			settings: [],
			boardResults: [tampered, boardResult('t3', 'Eve')]
		});
		const result = await importBackup(db, text, (a) =>
			a.trainee === 'Dee' ? 'score does not match the replay' : recheck(a)
		);
		expect(result).toMatchObject({
			ok: true,
			report: { added: { boardResults: 1 }, errors: ['boardResults[0] (id t2): score does not match the replay'] }
		});
		// The stored row is the replay's, not the file's.
		expect((await listBoardResults(db)).results.map((r) => r.row.trainee)).toEqual(['Eve']);
	});

	it('refuses bad files with the reason and names each bad record', async () => {
		const { importBackup } = await import('./backup.ts');
		const db = fresh();
		expect(await importBackup(db, 'nope', recheck)).toEqual({ ok: false, reason: 'the file is not JSON' });
		expect(await importBackup(db, '{"format":"x"}', recheck)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/not a Nightshift backup/)
		});
		const bad = { ...attempt({ id: 'bad' }), seed: 'seven' };
		const text = JSON.stringify({
			format: 'nightshift-backup',
			formatVersion: 1,
			exportedAt: new Date().toISOString(),
			profiles: [],
			attempts: [attempt({ id: 'ok' }), bad],
			settings: []
		});
		const result = await importBackup(db, text, recheck);
		expect(result).toMatchObject({
			ok: true,
			report: { added: { attempts: 1 }, errors: [expect.stringMatching(/^attempts\[1\] \(id bad\): seed: /)] }
		});
	});
});
