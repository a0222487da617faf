import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { compileScenario } from '$lib/engine/compile.ts';
import { openDb } from '$lib/db/client.ts';
import { getInProgress } from '$lib/db/in-progress.ts';
import { addProfile, setCurrentProfile } from '$lib/db/profiles.ts';
import { listAttempts } from '$lib/db/queries.ts';
import { DrillSession } from './drill-session.svelte.ts';
import { drillRecord, drillsInProgress, prepareDrill, resumeQuery, saveDrill } from './resume.ts';
import { MemoryStore } from '../../../tests/fixtures/memory-store.ts';
import { encodeDrillCode } from '$lib/engine/drill-code.ts';
import type { InProgressRow } from '$lib/db/db.ts';
import { saveInProgress } from '$lib/db/in-progress.ts';
import { readWriteAhead, writeAhead } from '$lib/db/write-ahead.ts';
import { paramsFromCode, type DrillParams } from './drill-params.ts';
import { loadAttempt } from './attempts.ts';

// Storage opens only in the browser: here, fake-indexeddb stands in for the browser's.
vi.mock('$app/environment', () => ({ browser: true }));

const compiled = fixture('disk-full');
const params: DrillParams = { seed: 1, mode: 'guided', options: { logRotation: false }, liveClockRate: null };

async function db() {
	const opened = await openDb();
	if (!opened.ok) throw new Error(opened.reason);
	return opened.db;
}

afterEach(async () => {
	const d = await db();
	await Promise.all(d.tables.map((t) => t.clear()));
});

/** A drill with two actions taken, and where it would pick up again. */
function playedTwo(trainee = 'Ana') {
	let ms = 0;
	const clock = { now: () => ms, date: () => new Date(Date.UTC(2024, 2, 2) + ms) };
	const session = new DrillSession(compiled, params, clock, { trainee, persist: false });
	ms = 4000;
	session.act('check-disk');
	ms = 9000;
	session.act('find-big-files');
	return { session, point: session.resumePoint() };
}

/** The same scenario, one version on, with an action changed or gone. */
function nextVersion(
	change: (actions: typeof compiled.scenario.actions) => typeof compiled.scenario.actions = (a) => a
) {
	const s = compiled.scenario;
	return compileScenario({ ...s, version: s.version + 1, actions: change(s.actions) });
}

describe('prepareDrill', () => {
	it('starts a fresh drill as the current trainee when none is in progress', async () => {
		const d = await db();
		await setCurrentProfile(d, (await addProfile(d, 'Ana')).id);
		expect(await prepareDrill(compiled, params)).toEqual({ params, trainee: 'Ana', resume: null, notice: null });
	});

	it('picks a saved drill up again with its snapshot, log, wall times and trainee', async () => {
		const { session, point } = playedTwo('Bo');
		expect(await saveDrill(drillRecord(compiled, params, 'Bo', point))).toBe(true);
		const start = await prepareDrill(compiled, params);
		expect(start.trainee).toBe('Bo');
		expect(start.notice).toBe('Resumed your drill in progress (2 steps taken).');
		expect(start.resume).toEqual(point);
		// The drill page carries on from it at the same clock, evidence and actions.
		const resumed = new DrillSession(compiled, params, undefined, { resume: start.resume, persist: false });
		expect(resumed.state).toEqual(session.state);
	});

	it("rebuilds the drill from its log when the scenario's version changed since it was saved", async () => {
		const { point } = playedTwo();
		await saveDrill(drillRecord(compiled, params, 'Ana', point));
		const start = await prepareDrill(nextVersion(), params);
		expect(start.resume).toEqual({ ...point, snapshot: null });
		expect(start.notice).toBe(
			'This scenario was updated (version 1 to 2) since you started; your drill was rebuilt from its 2 steps.'
		);
	});

	it('keeps the unfinished drill in history as interrupted when another drill of the scenario starts', async () => {
		const { point } = playedTwo();
		await saveDrill(drillRecord(compiled, params, 'Ana', point));
		const start = await prepareDrill(compiled, { ...params, seed: 2 });
		expect(start.resume).toBeNull();
		expect(start.notice).toBe(
			'Your unfinished drill of this scenario (seed 1, 2 steps) is kept in History, marked interrupted.'
		);
		const { entries } = await listAttempts(await db());
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			status: 'interrupted',
			scenarioId: 'disk-full',
			trainee: 'Ana',
			reason: 'a new drill of this scenario was started before it ended'
		});
		expect(await getInProgress(await db(), 'disk-full')).toBeNull();
	});

	it('keeps the drill as interrupted, saying which step failed, when its log no longer replays after an update', async () => {
		const { point } = playedTwo();
		await saveDrill(drillRecord(compiled, params, 'Ana', point));
		const start = await prepareDrill(
			nextVersion((actions) => actions.filter((a) => a.id !== 'find-big-files')),
			params
		);
		expect(start.resume).toBeNull();
		expect(start.notice).toMatch(
			/^Your drill in progress could not be resumed: the scenario was updated \(version 1 to 2\) and its log no longer replays: step 2 .*a new drill starts here\.$/
		);
		const { entries } = await listAttempts(await db());
		expect(entries).toMatchObject([
			{ status: 'interrupted', reason: expect.stringMatching(/^the scenario was updated/) }
		]);
		expect(await getInProgress(await db(), 'disk-full')).toBeNull();
	});
});

const scenario = { id: 'disk-full', optionIds: compiled.optionIds };
const fixedClock = () => ({ now: () => 0, date: () => new Date(Date.UTC(2024, 2, 2)) });
let store: MemoryStore;
beforeEach(() => {
	store = new MemoryStore();
});

/** A drill played for `ids` without saving, and its record. */
function played(p: DrillParams, ...ids: string[]) {
	const s = new DrillSession(compiled, p, fixedClock(), { trainee: 'Ana', persist: false });
	for (const id of ids) s.act(id);
	return { s, row: drillRecord(compiled, p, 'Ana', JSON.parse(JSON.stringify(s.resumePoint()))) };
}

describe('saving the drill in progress', () => {
	it('writes each step ahead at once, and clears the record when IndexedDB has caught up', async () => {
		const s = new DrillSession(compiled, params, fixedClock(), { trainee: 'Ana', store });
		s.act('check-disk');
		// Synchronously, before any save could have run.
		expect(readWriteAhead(store, 'disk-full')?.log).toEqual([{ type: 'action', action: 'check-disk', idle: 0 }]);
		await s.save();
		expect((await getInProgress(await db(), 'disk-full'))?.log).toHaveLength(1);
		expect(readWriteAhead(store, 'disk-full')).toBeNull();
	});

	it('keeps a record that is ahead of the save that just landed', async () => {
		const one = played(params, 'check-disk').row;
		writeAhead(store, played(params, 'check-disk', 'truncate-log').row);
		expect(await saveDrill(one, store)).toBe(true);
		expect(readWriteAhead(store, 'disk-full')?.log).toHaveLength(2);
	});
});

describe('prepareDrill with a write-ahead record', () => {
	it('resumes from the write-ahead record when it is ahead of IndexedDB, then saves it there', async () => {
		await saveInProgress(await db(), played(params, 'check-disk').row);
		const ahead = played(params, 'check-disk', 'truncate-log');
		writeAhead(store, ahead.row);
		const start = await prepareDrill(compiled, params, store);
		expect(start.notice).toBe('Resumed your drill in progress (2 steps taken).');
		expect(start.resume?.snapshot).toBeNull();
		const r = new DrillSession(compiled, start.params, fixedClock(), {
			trainee: start.trainee,
			resume: start.resume,
			store
		});
		expect(r.state).toEqual(ahead.s.state);
		await r.save();
		const saved = await getInProgress(await db(), 'disk-full');
		expect(saved?.log).toHaveLength(2);
		expect(saved?.snapshot).not.toBeNull();
		expect(readWriteAhead(store, 'disk-full')).toBeNull();
	});

	it('resumes from the write-ahead record alone when IndexedDB never got the drill', async () => {
		writeAhead(store, played(params, 'check-disk').row);
		const start = await prepareDrill(compiled, params, store);
		expect(start.resume?.log).toHaveLength(1);
		expect((await drillsInProgress(store)).map((r) => r.log.length)).toEqual([1]);
	});

	it('prefers the saved snapshot when IndexedDB is as far along as the record', async () => {
		const { row } = played(params, 'check-disk');
		await saveInProgress(await db(), row);
		writeAhead(store, row);
		expect((await prepareDrill(compiled, params, store)).resume?.snapshot).not.toBeNull();
	});

	it('a new drill with another seed keeps the old one as interrupted and forgets its record', async () => {
		const { row } = played(params, 'check-disk');
		writeAhead(store, row);
		const start = await prepareDrill(compiled, { ...params, seed: 2 }, store);
		expect(start.resume).toBeNull();
		expect(start.notice).toContain('kept in History, marked interrupted');
		expect(readWriteAhead(store, 'disk-full')).toBeNull();
		expect((await listAttempts(await db())).entries.map((e) => e.status)).toEqual(['interrupted']);
	});

	it('a record whose log does not replay is kept as interrupted, saying why', async () => {
		const { row } = played(params, 'check-disk');
		writeAhead(store, { ...row, log: [...row.log, { type: 'action', action: 'check-disk' }] });
		const start = await prepareDrill(compiled, params, store);
		expect(start.resume).toBeNull();
		expect(start.notice).toContain('step 2 ("check-disk") was not possible: Already done.');
	});
});

describe('a team drill resumed', () => {
	const code = encodeDrillCode(
		{ scenario: 'disk-full', seed: 9, options: {}, mode: 'drill', liveClockRate: 0 },
		scenario
	);
	const team = paramsFromCode(code, compiled)!;

	it('keeps its code when the page opens without it, and the finished attempt carries it', async () => {
		await saveInProgress(await db(), played(team, 'check-disk').row);
		// The catalogue's resume link carries the code.
		const [row] = await drillsInProgress(store);
		expect(new URLSearchParams(resumeQuery(row!)).get('drill')).toBe(code);
		// Even a link without it (an older catalogue) gets it back from the saved drill.
		const start = await prepareDrill(compiled, { ...team, drillCode: null }, store);
		expect(start.params.drillCode).toBe(code);
		const r = new DrillSession(compiled, start.params, fixedClock(), { trainee: 'Ana', resume: start.resume, store });
		r.act('find-big-files');
		r.act('truncate-log');
		r.act('restart');
		expect(r.over).toBe(true);
		expect((await loadAttempt(await r.finish()))?.drillCode).toBe(code);
	});

	it('an older saved drill without a code still resumes, as a drill with no code', async () => {
		const older: Partial<InProgressRow> = played(team, 'check-disk').row;
		delete older.drillCode;
		await (await db()).inProgress.put(older as InProgressRow);
		const start = await prepareDrill(compiled, { ...team, drillCode: null }, store);
		expect(start.resume?.log).toHaveLength(1);
		expect(start.params.drillCode).toBeNull();
	});

	it('drops a saved code that names another drill', async () => {
		const other = encodeDrillCode(
			{ scenario: 'disk-full', seed: 10, options: {}, mode: 'drill', liveClockRate: 0 },
			scenario
		);
		await saveInProgress(await db(), { ...played(team, 'check-disk').row, drillCode: other });
		const start = await prepareDrill(compiled, { ...team, drillCode: null }, store);
		expect(start.resume?.log).toHaveLength(1);
		expect(start.params.drillCode).toBeNull();
	});
});

describe('saveDrill', () => {
	it('saves after each action: the latest save is the drill in progress', async () => {
		const { session, point } = playedTwo();
		await saveDrill(drillRecord(compiled, params, 'Ana', point));
		session.act('truncate-log');
		await saveDrill(drillRecord(compiled, params, 'Ana', session.resumePoint()));
		const row = await getInProgress(await db(), 'disk-full');
		expect(row).toMatchObject({
			scenarioVersion: 1,
			input: { seed: 1, mode: 'guided', options: { logRotation: false } },
			trainee: 'Ana',
			wallMs: [4000, 9000, 9000]
		});
		expect(row?.log.map((s) => (s.type === 'action' ? s.action : 'hint'))).toEqual([
			'check-disk',
			'find-big-files',
			'truncate-log'
		]);
	});

	it('says so, and the drill starts fresh, when the browser has no storage', async () => {
		// A fresh copy of the modules, without a browser: the database can't open.
		vi.resetModules();
		vi.doMock('$app/environment', () => ({ browser: false }));
		const fresh = await import('./resume.ts');
		const { storageStatus } = await import('./persistence.svelte.ts');
		expect(await fresh.saveDrill(fresh.drillRecord(compiled, params, 'Ana', playedTwo().point), null)).toBe(false);
		expect(storageStatus.problem).toBe('storage exists only in the browser');
		expect(await fresh.prepareDrill(compiled, params, null)).toEqual({
			params,
			trainee: 'You',
			resume: null,
			notice: null
		});
		vi.doUnmock('$app/environment');
	});
});
