import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { seedForVariant } from './check.ts';
import { replay } from './replay.ts';
import { formatDuration, offsetOf, timeAt } from './time.ts';

const disk = fixture('disk-full');
const dumpsSeed = seedForVariant(disk, 'dumps')!;

describe('the simulated clock', () => {
	it('reads a time of day as its first occurrence at or after the start', () => {
		expect(offsetOf('01:00', '16:51')).toBe(489);
		expect(offsetOf('16:51', '16:51')).toBe(0);
		expect(offsetOf('10:00', '01:02')).toBe(538);
	});

	it('shows the local time, with the day once midnight has passed', () => {
		expect(timeAt(0, '23:30')).toBe('23:30');
		expect(timeAt(45, '23:30')).toBe('00:15 +1d');
		expect(formatDuration(555)).toBe('9 h 15 min');
		expect(formatDuration(45)).toBe('45 min');
		expect(formatDuration(120)).toBe('2 h');
	});

	it('moves only by action minutes', () => {
		const run = replay(disk, { seed: 1 }, [
			{ type: 'action', action: 'check-disk' },
			{ type: 'action', action: 'find-big-files' }
		]);
		expect(run.state.clock).toBe(15);
		expect(run.state.journal.map((j) => (j.kind === 'action' ? [j.at, j.minutes] : null))).toEqual([
			[0, 5],
			[5, 10]
		]);
	});

	it('ends a waiting action when its condition starts to hold', () => {
		// The DBA arrives at 00:30, an hour after the 23:30 start; the wait may last 120 minutes.
		const run = replay(disk, { seed: dumpsSeed }, [{ type: 'action', action: 'wait' }]);
		expect(run.state.clock).toBe(60);
		expect(run.state.laps).toMatchObject({ acknowledged: 60 });
	});

	it('keeps an action unavailable until the person it needs arrives', () => {
		const early = replay(disk, { seed: dumpsSeed }, [{ type: 'action', action: 'ask-dba' }]);
		expect(early.error).toBe('step 1 ("ask-dba") was not possible: The DBA arrives at 00:30.');
		const late = replay(disk, { seed: dumpsSeed }, [
			{ type: 'action', action: 'wait' },
			{ type: 'action', action: 'ask-dba' }
		]);
		expect(late.error).toBeNull();
		expect(late.state.clock).toBe(70);
	});

	it('adds live-clock idle minutes before the action', () => {
		const run = replay(disk, { seed: 1 }, [{ type: 'action', action: 'check-disk', idle: 7 }]);
		expect(run.state.clock).toBe(12);
		expect(run.state.journal[0]).toMatchObject({ at: 7, minutes: 5, idle: 7 });
	});

	it('ends the drill at the time limit', () => {
		const steps = [
			{ type: 'action', action: 'wait' } as const,
			...Array.from({ length: 80 }, () => ({ type: 'action', action: 'restart' }) as const)
		];
		const run = replay(disk, { seed: dumpsSeed }, steps);
		expect(run.state.outcome).toBe('timeout');
		expect(run.state.clock).toBe(240);
		expect(run.error).toMatch(/The drill is over/);
	});
});
