import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../tests/fixtures/memory-store.ts';
import type { InProgressRow } from './db.ts';
import { clearWriteAhead, furthest, listWriteAhead, readWriteAhead, writeAhead } from './write-ahead.ts';

const row = (steps: number, over: Partial<InProgressRow> = {}): InProgressRow => ({
	scenarioId: 'disk-full',
	scenarioVersion: 1,
	input: { seed: 1, options: { logRotation: false }, mode: 'guided' },
	liveClockRate: null,
	drillCode: null,
	scenarioHash: null,
	snapshot: { status: 'active' },
	log: Array.from({ length: steps }, () => ({ type: 'action' as const, action: 'restart', idle: 0 })),
	wallMs: Array.from({ length: steps }, (_, i) => 1000 * (i + 1)),
	elapsedMs: 1000 * steps,
	trainee: 'Ana',
	startedAt: '2024-03-02T10:00:00.000Z',
	savedAt: `2024-03-02T10:00:0${steps}.000Z`,
	...over
});

describe('write-ahead record', () => {
	it('reads back what was written, without the snapshot (the log rebuilds the drill)', () => {
		const store = new MemoryStore();
		expect(writeAhead(store, row(2))).toBe(true);
		expect(readWriteAhead(store, 'disk-full')).toEqual({ ...row(2), snapshot: null });
		expect(readWriteAhead(store, 'http4-night')).toBeNull();
	});

	it('a refused or missing store writes and reads nothing, and never throws', () => {
		const store = new MemoryStore();
		store.refuse = true;
		expect(writeAhead(store, row(1))).toBe(false);
		expect(readWriteAhead(store, 'disk-full')).toBeNull();
		expect(writeAhead(null, row(1))).toBe(false);
		expect(listWriteAhead(null)).toEqual([]);
		expect(() => clearWriteAhead(null, 'disk-full')).not.toThrow();
	});

	it('ignores a damaged record, or one another program left', () => {
		const store = new MemoryStore();
		store.setItem('nightshift:drill-in-progress:disk-full', '{"format":"nightshift-write-ahead","row":{"log":"x"}}');
		expect(readWriteAhead(store, 'disk-full')).toBeNull();
		store.setItem('nightshift:drill-in-progress:disk-full', 'not json');
		expect(readWriteAhead(store, 'disk-full')).toBeNull();
		store.setItem('other', JSON.stringify(row(1)));
		expect(listWriteAhead(store)).toEqual([]);
	});

	it('is cleared by a save that holds as much of the same drill, and kept when it is ahead', () => {
		const store = new MemoryStore();
		writeAhead(store, row(3));
		clearWriteAhead(store, 'disk-full', { startedAt: row(2).startedAt, steps: 2 });
		expect(readWriteAhead(store, 'disk-full')?.log).toHaveLength(3);
		clearWriteAhead(store, 'disk-full', { startedAt: 'another drill', steps: 3 });
		expect(readWriteAhead(store, 'disk-full')).not.toBeNull();
		clearWriteAhead(store, 'disk-full', { startedAt: row(3).startedAt, steps: 3 });
		expect(readWriteAhead(store, 'disk-full')).toBeNull();
	});

	it('lists the records with at least one step', () => {
		const store = new MemoryStore();
		writeAhead(store, row(2));
		writeAhead(store, row(0, { scenarioId: 'http4-night' }));
		expect(listWriteAhead(store).map((r) => r.scenarioId)).toEqual(['disk-full']);
	});
});

describe('furthest', () => {
	it('takes the record further along the same drill, else the saved row', () => {
		expect(furthest(row(2), row(3))?.log).toHaveLength(3);
		expect(furthest(row(3), row(3))).toEqual(row(3));
		expect(furthest(null, row(1))).toEqual(row(1));
		expect(furthest(row(1), null)).toEqual(row(1));
	});

	it('of two different drills, takes the one saved last', () => {
		const other = row(1, { startedAt: '2024-03-02T11:00:00.000Z', savedAt: '2024-03-02T11:00:01.000Z' });
		expect(furthest(row(4), other)).toBe(other);
		expect(furthest(other, row(4))).toBe(other);
	});
});
