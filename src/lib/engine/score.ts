/**
 * The score: time to restore against par, less penalties, with a grade a person reads at a
 * glance. The formula is documented in the README ("Score"); keep the two in step.
 */
import type { CompiledScenario } from './compile.ts';
import type { DrillState } from './drill.ts';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export interface Penalty {
	kind: 'hint' | 'useless' | 'risk' | 'degraded' | 'late-update';
	/** What it was for, e.g. an action's label. */
	label: string;
	points: number;
}

export interface Score {
	/** 100 × par ÷ time to restore, rounded; 0 when not restored. */
	timeScore: number;
	penalties: Penalty[];
	/** timeScore less penalties, never below 0. */
	total: number;
	grade: Grade;
	/** Time to restore in simulated minutes, or null when not restored. */
	minutes: number | null;
	par: number;
}

/** Grade boundaries on the total, highest first. F is kept for drills that did not restore. */
export const GRADE_BOUNDS: ReadonlyArray<[Grade, number]> = [
	['A', 90],
	['B', 75],
	['C', 60],
	['D', 40],
	['E', 0]
];

/**
 * Scores a finished (or abandoned) drill.
 * @param par least minutes to restore for this seed and options
 */
export function scoreDrill(compiled: CompiledScenario, state: DrillState, par: number): Score {
	const rules = compiled.scenario.scoring;
	const restored = state.outcome === 'restored' || state.outcome === 'degraded';
	const minutes = restored ? state.clock : null;
	const penalties: Penalty[] = [];
	for (const entry of state.journal) {
		if (entry.kind === 'hint') {
			penalties.push({ kind: 'hint', label: `Hint ${entry.hint + 1}`, points: rules.hintPenalty });
			continue;
		}
		const def = compiled.actionById.get(entry.action)!.def;
		// Drills saved before risks were judged per action carry no `risk`: charge the action's own.
		const risk = entry.risk ?? def.risk?.penalty ?? 0;
		if (risk > 0) penalties.push({ kind: 'risk', label: def.label, points: risk });
		if (entry.useless && rules.uselessPenalty > 0)
			penalties.push({ kind: 'useless', label: def.label, points: rules.uselessPenalty });
	}
	if (state.outcome === 'degraded' && rules.degradedPenalty > 0)
		penalties.push({ kind: 'degraded', label: 'Restored in degraded mode', points: rules.degradedPenalty });
	if (compiled.scenario.phases.statusUpdate && rules.lateUpdatePenalty > 0) {
		const lap = state.laps.statusUpdate;
		// Late means after the deadline, or never while the drill ran past it.
		if (lap === undefined ? state.clock > rules.statusUpdateWithin : lap > rules.statusUpdateWithin)
			penalties.push({
				kind: 'late-update',
				label: `No status update in the first ${rules.statusUpdateWithin} min`,
				points: rules.lateUpdatePenalty
			});
	}
	const timeScore = restored && minutes! > 0 ? Math.min(100, Math.round((100 * par) / minutes!)) : restored ? 100 : 0;
	const total = restored ? Math.max(0, timeScore - penalties.reduce((sum, p) => sum + p.points, 0)) : 0;
	const grade: Grade = restored ? GRADE_BOUNDS.find(([, min]) => total >= min)![0] : 'F';
	return { timeScore, penalties, total, grade, minutes, par };
}
