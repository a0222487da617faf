/**
 * Team drills: checking a trainee's result file against the lead's drill, and the board's rows
 * and CSV. A result is trusted only when it replays: the engine plays its action log again and
 * its recorded path, outcome, laps and score must be what the replay gives.
 */
import { verifyAttempt, type Attempt, type FindScenario } from './attempt.ts';
import { parseAttempt } from './attempt-schema.ts';
import type { CompiledScenario } from './compile.ts';
import type { DrillSpec } from './drill-code.ts';
import { solvePar } from './solver.ts';
import { sameOptions, type Outcome } from '../vocabulary.ts';

export type CheckedResult = { ok: true; attempt: Attempt; row: BoardRow } | { ok: false; reason: string };

/** One verified result, as the board shows it. */
export interface BoardRow {
	id: string;
	trainee: string;
	scenario: string;
	seed: number;
	mode: string;
	outcome: Outcome;
	failure: string | null;
	/** Time to restore in simulated minutes; null when not restored. */
	minutes: number | null;
	par: number;
	total: number;
	grade: string;
	laps: Record<string, number>;
	hints: number;
	/** Where the path left the par path: the first action not on it, or null if it never did. */
	detour: { step: number; action: string; label: string; minutes: number } | null;
	/** The trainee's actions with their simulated start and length, for the chart. */
	path: Array<{ action: string; label: string; at: number; minutes: number }>;
}

/**
 * Where a path left the par path: the first action that is not on the par path (a detour
 * costs its minutes at least). Order within the par path doesn't count as leaving it.
 */
function firstDetour(compiled: CompiledScenario, attempt: Attempt): BoardRow['detour'] {
	const par = solvePar(compiled, attempt.seed, attempt.options);
	const onPar = new Set(par?.path.map((s) => s.action) ?? []);
	let n = 0;
	for (const step of attempt.steps) {
		if (step.type !== 'action') continue;
		n++;
		if (!onPar.has(step.action)) {
			const label = compiled.actionById.get(step.action)?.def.label ?? step.action;
			return { step: n, action: step.action, label, minutes: step.minutes };
		}
	}
	return null;
}

/** The board's row for a verified attempt. */
export function boardRow(compiled: CompiledScenario, attempt: Attempt): BoardRow {
	return {
		id: attempt.id,
		trainee: attempt.trainee,
		scenario: attempt.scenario.id,
		seed: attempt.seed,
		mode: attempt.mode,
		outcome: attempt.outcome,
		failure: attempt.failure,
		minutes: attempt.score.minutes,
		par: attempt.score.par,
		total: attempt.score.total,
		grade: attempt.score.grade,
		laps: attempt.laps,
		hints: attempt.steps.filter((s) => s.type === 'hint').length,
		detour: firstDetour(compiled, attempt),
		path: attempt.steps.flatMap((s) =>
			s.type === 'action'
				? [
						{
							action: s.action,
							label: compiled.actionById.get(s.action)?.def.label ?? s.action,
							at: s.at,
							minutes: s.minutes
						}
					]
				: []
		)
	};
}

/**
 * Checks one result file for a board: readable, an attempt, for this drill, and verified by
 * replay. Never throws; every refusal has a reason a lead can pass on.
 * @param text the file's contents
 * @param drill the board's drill (null: any drill)
 * @param findScenario looks up a compiled scenario by id, version and (imported) content hash
 */
export function checkResult(text: string, drill: DrillSpec | null, findScenario: FindScenario): CheckedResult {
	const parsed = parseAttempt(text);
	if (!parsed.ok) return parsed;
	const a = parsed.attempt;
	if (a.outcome === 'playing') return { ok: false, reason: 'the drill was not finished' };
	if (drill) {
		const differs =
			a.scenario.id !== drill.scenario
				? `scenario ${a.scenario.id}, not ${drill.scenario}`
				: (a.scenario.hash ?? null) !== (drill.scenarioHash ?? null)
					? `another file of scenario ${a.scenario.id} (content hash ${a.scenario.hash?.slice(0, 12) ?? 'none: the bundled one'})`
					: a.seed !== drill.seed
						? `seed ${a.seed}, not ${drill.seed}`
						: !sameOptions(a.options, drill.options)
							? 'other preparedness options'
							: a.mode !== drill.mode
								? `${a.mode} mode, not ${drill.mode}`
								: null;
		if (differs) return { ok: false, reason: `a different drill: ${differs}` };
	}
	const verified = verifyAttempt(a, findScenario);
	if (!verified.ok) return verified;
	return { ok: true, attempt: a, row: boardRow(findScenario(a.scenario.id, a.scenario.version, a.scenario.hash)!, a) };
}
