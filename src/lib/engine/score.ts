/**
 * The score: customer impact against fair par, less penalties, with a grade a person reads at
 * a glance. The formula is documented in the README ("Score"); keep the two in step.
 */
import { GRADE_BOUNDS, isRestored, type Grade, type PenaltyKind } from '../vocabulary.ts';
import type { CompiledScenario } from './compile.ts';
import { isUpdate, type DrillState } from './drill.ts';
import { formatDuration } from './time.ts';

export interface Penalty {
	kind: PenaltyKind;
	/** What it was for, e.g. an action's label. */
	label: string;
	points: number;
}

export interface Score {
	/** 100 × fair par ÷ the trainee's impact, rounded, at most 100; 0 when not restored. */
	timeScore: number;
	penalties: Penalty[];
	/** timeScore less penalties, never below 0. */
	total: number;
	grade: Grade;
	/** Time to restore in simulated minutes, or null when not restored. */
	minutes: number | null;
	/** Fair par: the fair policy's impact on this drill's variant. */
	par: number;
	/** Omniscient par: the least impact had the cause been known ("if you had known"). */
	omniscientPar?: number;
	/** The trainee's customer impact in minutes, as counted against par (updates on time are not charged). */
	impact?: number;
	/** Minutes of customers' writes lost, counted in the impact at the scenario's weight. */
	dataLost?: number;
}

/** The two yardsticks for one drill. */
export interface Pars {
	fair: number;
	omniscient: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Updates to customers on time, and the impact they are not charged for: the first update,
 * then one per `statusUpdateEvery` minutes. A trainee who keeps customers told as asked loses
 * no time score for it.
 */
function updateCredit(compiled: CompiledScenario, state: DrillState): { credit: number; times: number[] } {
	const every = compiled.scenario.scoring.statusUpdateEvery;
	let credit = 0;
	let last = -Infinity;
	const times: number[] = [];
	for (const entry of state.journal) {
		if (entry.kind !== 'action' || !isUpdate(compiled.actionById.get(entry.action)!)) continue;
		times.push(entry.at);
		const onCadence = times.length === 1 || (every !== undefined && entry.at - last >= every / 2);
		if (!onCadence) continue;
		last = entry.at;
		const total = entry.minutes + entry.idle;
		credit += total > 0 ? ((entry.impact ?? 0) * entry.minutes) / total : 0;
	}
	return { credit, times };
}

/** Penalties for leaving customers uninformed: a late first update, then each gap longer than asked while the outage lasts. */
function updatePenalties(compiled: CompiledScenario, state: DrillState, times: number[]): Penalty[] {
	const rules = compiled.scenario.scoring;
	if (rules.lateUpdatePenalty === 0 || !compiled.actions.some(isUpdate)) return [];
	const end = state.laps.restored ?? state.clock;
	const out: Penalty[] = [];
	const first = times[0];
	if (first === undefined ? end > rules.statusUpdateWithin : first > rules.statusUpdateWithin)
		out.push({
			kind: 'late-update',
			label: `No status update in the first ${rules.statusUpdateWithin} min`,
			points: rules.lateUpdatePenalty
		});
	const every = rules.statusUpdateEvery;
	if (every !== undefined && first !== undefined) {
		const marks = [...times.filter((t) => t < end), end];
		for (let i = 1; i < marks.length; i++) {
			const gap = marks[i]! - marks[i - 1]!;
			if (gap > every)
				out.push({
					kind: 'late-update',
					label: `${formatDuration(gap)} without an update (one every ${every} min is asked)`,
					points: rules.lateUpdatePenalty
				});
		}
	}
	return out;
}

/**
 * Scores a finished (or abandoned) drill.
 * @param pars fair and omniscient par for this drill's variant and options
 */
export function scoreDrill(compiled: CompiledScenario, state: DrillState, pars: Pars): Score {
	const rules = compiled.scenario.scoring;
	const restored = isRestored(state.outcome);
	const minutes = restored ? state.clock : null;
	const penalties: Penalty[] = [];
	for (const entry of state.journal) {
		if (entry.kind === 'hint') {
			penalties.push({ kind: 'hint', label: `Hint ${entry.hint + 1}`, points: rules.hintPenalty });
			continue;
		}
		if (entry.kind !== 'action') continue;
		const def = compiled.actionById.get(entry.action)!.def;
		// Drills saved before risks were judged per action carry no `risk`: charge the action's own.
		const risk = entry.risk ?? def.risk?.penalty ?? 0;
		if (risk > 0) penalties.push({ kind: 'risk', label: def.label, points: risk });
		if (entry.useless && rules.uselessPenalty > 0)
			penalties.push({ kind: 'useless', label: def.label, points: rules.uselessPenalty });
	}
	if (state.outcome === 'degraded' && rules.degradedPenalty > 0)
		penalties.push({ kind: 'degraded', label: 'Restored in degraded mode', points: rules.degradedPenalty });
	const { credit, times } = updateCredit(compiled, state);
	penalties.push(...updatePenalties(compiled, state, times));
	const impact = Math.max(0, state.impact - credit);
	const timeScore = !restored ? 0 : impact <= pars.fair ? 100 : Math.min(100, Math.round((100 * pars.fair) / impact));
	const total = restored ? Math.max(0, timeScore - penalties.reduce((sum, p) => sum + p.points, 0)) : 0;
	const grade: Grade = restored ? GRADE_BOUNDS.find(([, min]) => total >= min)![0] : 'F';
	return {
		timeScore,
		penalties,
		total,
		grade,
		minutes,
		par: round1(pars.fair),
		omniscientPar: round1(pars.omniscient),
		impact: round1(impact),
		...(state.dataLost ? { dataLost: state.dataLost } : {})
	};
}
