/**
 * Random legal play, for balancing: how long restores take and how often drills fail when
 * actions are picked blindly. Seeded, so a report is reproducible.
 */
import type { CompiledScenario } from './compile.ts';
import { performAction, startDrill, type DrillState } from './drill.ts';
import { createRng } from './rng.ts';
import { availability } from './world.ts';
import { isRestored, MAX_SEED } from '../vocabulary.ts';

export interface SimulationReport {
	runs: number;
	/** Actions taken across all runs. */
	actions: number;
	restored: number;
	degraded: number;
	failed: number;
	timeout: number;
	failures: Record<string, number>;
	/** Spread of time to restore (restored and degraded runs), or null when none restored. */
	minutes: { min: number; median: number; p90: number; max: number } | null;
}

/**
 * Plays one drill to its end with actions drawn from `random` among those available.
 * @returns the final state
 */
export function playRandomly(
	compiled: CompiledScenario,
	seed: number,
	options: Record<string, boolean>,
	random: () => number
): DrillState {
	let state = startDrill(compiled, { seed, options, mode: 'practice' });
	while (state.outcome === 'playing') {
		const open = compiled.actions.filter((a) => availability(compiled, state, a.def.id).available);
		if (open.length === 0) break;
		state = performAction(compiled, state, open[Math.floor(random() * open.length)]!.def.id);
	}
	return state;
}

/**
 * Plays `runs` random drills; each run draws its own drill seed, so variants vary by weight.
 */
export function simulate(
	compiled: CompiledScenario,
	{ runs, seed, options }: { runs: number; seed: number; options: Record<string, boolean> }
): SimulationReport {
	const random = createRng(seed);
	const report: SimulationReport = {
		runs,
		actions: 0,
		restored: 0,
		degraded: 0,
		failed: 0,
		timeout: 0,
		failures: {},
		minutes: null
	};
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const state = playRandomly(compiled, Math.floor(random() * MAX_SEED), options, random);
		report.actions += state.journal.length;
		if (isRestored(state.outcome)) times.push(state.clock);
		if (state.outcome === 'failed' && state.failure)
			report.failures[state.failure] = (report.failures[state.failure] ?? 0) + 1;
		if (state.outcome !== 'playing') report[state.outcome]++;
	}
	if (times.length > 0) {
		times.sort((a, b) => a - b);
		const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
		report.minutes = { min: times[0]!, median: at(0.5), p90: at(0.9), max: times[times.length - 1]! };
	}
	return report;
}
