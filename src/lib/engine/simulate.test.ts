import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { replay } from './replay.ts';
import { createRng } from './rng.ts';
import { playRandomly, simulate } from './simulate.ts';
import { solveVariant } from './solver.ts';

const disk = fixture('disk-full');

describe('playRandomly', () => {
	it('plays a drill to its end with legal actions only: its log replays to the same state', () => {
		const random = createRng(5);
		for (let seed = 0; seed < 20; seed++) {
			const state = playRandomly(disk, seed, {}, random);
			expect(state.outcome).not.toBe('playing');
			const log = state.journal.map((j) =>
				j.kind === 'action' ? { type: 'action' as const, action: j.action } : { type: 'hint' as const }
			);
			const run = replay(disk, { seed, options: {}, mode: 'practice' }, log);
			expect(run.error).toBeNull();
			expect(run.state.clock).toBe(state.clock);
			expect(run.state.outcome).toBe(state.outcome);
		}
	});
});

describe('simulate', () => {
	const report = simulate(disk, { runs: 200, seed: 1, options: {} });

	it('counts every run once by how it ended, and each failure by its id', () => {
		expect(report.runs).toBe(200);
		expect(report.restored + report.degraded + report.failed + report.timeout).toBe(200);
		expect(Object.values(report.failures).reduce((a, b) => a + b, 0)).toBe(report.failed);
		// The fixture's blind players lose data (wiping /var) and restore, both.
		expect(Object.keys(report.failures)).toEqual(['data-loss']);
		expect(report.restored + report.degraded).toBeGreaterThan(0);
		expect(report.actions).toBeGreaterThanOrEqual(200);
	});

	it('never restores faster than par, and spreads its times from fastest to slowest', () => {
		const fastestPar = Math.min(...disk.variantIds.map((v) => solveVariant(disk, v, {})!.minutes));
		const m = report.minutes!;
		expect(m.min).toBeGreaterThanOrEqual(fastestPar);
		expect(m.min).toBeLessThanOrEqual(m.median);
		expect(m.median).toBeLessThanOrEqual(m.p90);
		expect(m.p90).toBeLessThanOrEqual(m.max);
		expect(m.max).toBeLessThanOrEqual(disk.scenario.limitMinutes);
	});

	it('gives the same report for the same seed, and another for another seed', () => {
		expect(simulate(disk, { runs: 200, seed: 1, options: {} })).toEqual(report);
		expect(simulate(disk, { runs: 200, seed: 2, options: {} })).not.toEqual(report);
	});

	it('reports no spread of times when nothing was restored (no runs)', () => {
		const none = simulate(disk, { runs: 0, seed: 1, options: {} });
		expect(none.minutes).toBeNull();
		expect([none.actions, none.restored, none.degraded, none.failed, none.timeout]).toEqual([0, 0, 0, 0, 0]);
		expect(none.failures).toEqual({});
	});
});
