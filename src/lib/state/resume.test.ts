import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { compileScenario } from '$lib/engine/compile.ts';
import { openDb } from '$lib/db/client.ts';
import { getInProgress } from '$lib/db/in-progress.ts';
import { addProfile, setCurrentProfile } from '$lib/db/profiles.ts';
import { listAttempts } from '$lib/db/queries.ts';
import { DrillSession } from './drill-session.svelte.ts';
import { prepareDrill, saveDrill } from './resume.ts';

// Storage opens only in the browser: here, fake-indexeddb stands in for the browser's.
vi.mock('$app/environment', () => ({ browser: true }));

const compiled = fixture('disk-full');
const params = { seed: 1, mode: 'guided' as const, options: { logRotation: false }, liveClockRate: null };

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
		expect(await prepareDrill(compiled, params)).toEqual({ trainee: 'Ana', resume: null, notice: null });
	});

	it('picks a saved drill up again with its snapshot, log, wall times and trainee', async () => {
		const { session, point } = playedTwo('Bo');
		expect(await saveDrill(compiled, params, 'Bo', point)).toBe(true);
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
		await saveDrill(compiled, params, 'Ana', point);
		const start = await prepareDrill(nextVersion(), params);
		expect(start.resume).toEqual({ ...point, snapshot: null });
		expect(start.notice).toBe(
			'This scenario was updated (version 1 to 2) since you started; your drill was rebuilt from its 2 steps.'
		);
	});

	it('keeps the unfinished drill in history as interrupted when another drill of the scenario starts', async () => {
		const { point } = playedTwo();
		await saveDrill(compiled, params, 'Ana', point);
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
		await saveDrill(compiled, params, 'Ana', point);
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

describe('saveDrill', () => {
	it('saves after each action: the latest save is the drill in progress', async () => {
		const { session, point } = playedTwo();
		await saveDrill(compiled, params, 'Ana', point);
		session.act('truncate-log');
		await saveDrill(compiled, params, 'Ana', session.resumePoint());
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
		expect(await fresh.saveDrill(compiled, params, 'Ana', playedTwo().point)).toBe(false);
		expect(storageStatus.problem).toBe('storage exists only in the browser');
		expect(await fresh.prepareDrill(compiled, params)).toEqual({ trainee: 'You', resume: null, notice: null });
		vi.doUnmock('$app/environment');
	});
});
