import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './db.ts';
import { getInProgress, listInProgress, readDrillRecord } from './in-progress.ts';

/** A drill in progress as version 0.1 of the app saved it: no drill code. */
const older = {
	scenarioId: 'disk-full',
	scenarioVersion: 1,
	input: { seed: 7, options: { logRotation: false }, mode: 'drill' },
	liveClockRate: 2,
	snapshot: { status: 'active', context: {} },
	log: [{ type: 'action', action: 'check-disk', idle: 3 }, { type: 'hint' }],
	wallMs: [90_000, 95_000],
	elapsedMs: 95_000,
	trainee: 'Ana',
	startedAt: '2024-03-02T10:00:00.000Z',
	savedAt: '2024-03-02T10:01:35.000Z'
};

describe('readDrillRecord', () => {
	it('reads a drill saved before drill codes were kept, with no code', () => {
		expect(readDrillRecord(older)).toEqual({ ...older, drillCode: null, scenarioHash: null });
	});

	it('keeps a well-formed drill code and drops a malformed one, not the drill', () => {
		expect(readDrillRecord({ ...older, drillCode: '7Q2M-0K4V-X9TB-3D' })?.drillCode).toBe('7Q2M-0K4V-X9TB-3D');
		expect(readDrillRecord({ ...older, drillCode: 42 })?.drillCode).toBeNull();
		expect(readDrillRecord({ ...older, drillCode: '<script>' })?.drillCode).toBeNull();
	});

	it('refuses a drill whose set-up or log would not replay', () => {
		expect(readDrillRecord(null)).toBeNull();
		expect(readDrillRecord({ ...older, log: 'check-disk' })).toBeNull();
		expect(readDrillRecord({ ...older, log: [{ type: 'action' }] })).toBeNull();
		expect(readDrillRecord({ ...older, log: [{ type: 'action', action: 'x', idle: -1 }] })).toBeNull();
		expect(readDrillRecord({ ...older, input: { ...older.input, seed: -1 } })).toBeNull();
		expect(readDrillRecord({ ...older, input: { ...older.input, mode: 'arcade' } })).toBeNull();
		expect(readDrillRecord({ ...older, input: { ...older.input, options: { logRotation: 'yes' } } })).toBeNull();
		expect(readDrillRecord({ ...older, scenarioVersion: 0 })).toBeNull();
	});

	it('falls back to defaults for what only the screen uses', () => {
		const row = readDrillRecord({ ...older, wallMs: 'x', elapsedMs: -5, trainee: 3, liveClockRate: 500 });
		expect(row).toMatchObject({ wallMs: [], elapsedMs: 0, trainee: 'You', liveClockRate: null });
	});
});

describe('drills in progress in IndexedDB', () => {
	const db = createDb('in-progress-test');
	afterAll(() => db.delete());

	it('loads a row an older version saved, and skips a damaged one', async () => {
		await db.inProgress.bulkPut([
			older as never,
			{ ...older, scenarioId: 'broken', input: null } as never,
			{ ...older, scenarioId: 'empty', log: [] } as never
		]);
		expect((await getInProgress(db, 'disk-full'))?.drillCode).toBeNull();
		expect(await getInProgress(db, 'broken')).toBeNull();
		expect((await listInProgress(db)).map((r) => r.scenarioId)).toEqual(['disk-full']);
	});
});
