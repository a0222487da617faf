/**
 * How scripted players score: the yardsticks behind "the score measures diagnosis". Each
 * strategy is played on every variant of a scenario (with some options), scored as the app
 * scores a drill, and averaged by the variants' weights. A blind strategy that averages B or
 * better means the scenario can be won without reading the evidence.
 */
import type { CompiledAction, CompiledScenario } from './compile.ts';
import { scoreState } from './attempt.ts';
import { seedForHidden } from './check.ts';
import { applyAction, startDrill, type DrillState } from './drill.ts';
import { bestBlindSequence, fairFor, policyPath } from './fair.ts';
import { canTake, hiddenWorlds } from './world.ts';

/** A scripted player: given the drill so far, the next action, or null to stop. */
export type Strategy = (compiled: CompiledScenario, state: DrillState) => CompiledAction | null;

/** The first action available now, among the given ones in order. */
const firstOf = (state: DrillState, actions: readonly CompiledAction[]) =>
	actions.find((a) => canTake(state, a)) ?? null;

/** Fail over at once: any failover action available, else a repair, else a wait; never a diagnosis. */
const failOverAtOnce: Strategy = (compiled, state) =>
	firstOf(
		state,
		compiled.actions.filter((a) => a.def.group === 'failover')
	) ??
	firstOf(
		state,
		compiled.actions.filter((a) => a.def.group === 'repair')
	) ??
	firstOf(
		state,
		compiled.actions.filter((a) => a.until !== null)
	);

/** Click every action: the first available one in the file's order, again and again. */
const clickEverything: Strategy = (compiled, state) => firstOf(state, compiled.actions);

/** A fixed list of actions, whatever the variant: each taken in turn when it is available, skipped when not. */
function fixedSequence(ids: readonly string[]): Strategy {
	let next = 0;
	return (compiled, state) => {
		if (state.journal.length === 0) next = 0;
		while (next < ids.length) {
			const a = compiled.actionById.get(ids[next++]!);
			if (a && canTake(state, a)) return a;
		}
		return null;
	};
}

export interface StrategyScore {
	/** Average total score, weighted by the variants' weights. */
	total: number;
	/** Average time score, weighted likewise. */
	timeScore: number;
	/** Share of the weight where the drill was restored. */
	restored: number;
	perVariant: Array<{ variant: string; total: number; outcome: string; impact: number }>;
}

/** Actions a strategy may take at most in one drill (a guard against a strategy that never stops). */
const MAX_STEPS = 200;

/**
 * Plays a strategy on every hidden world (each variant, with each duration the seed can draw)
 * and scores it as the app would; `make` gets the hidden world's key.
 * @returns the weighted averages, or null when a variant can't be scored (no par)
 */
export function scoreStrategy(
	compiled: CompiledScenario,
	options: Record<string, boolean>,
	make: (variant: string) => Strategy
): StrategyScore | null {
	// Every hidden world: each variant, with every duration the seed can draw.
	const variants = hiddenWorlds(compiled);
	const weight = variants.reduce((s, v) => s + v.weight, 0);
	const out: StrategyScore = { total: 0, timeScore: 0, restored: 0, perVariant: [] };
	for (const v of variants) {
		const seed = seedForHidden(compiled, v.key);
		if (seed === null) return null;
		const play = make(v.key);
		let state = startDrill(compiled, { seed, options, mode: 'practice' });
		for (let i = 0; i < MAX_STEPS && state.outcome === 'playing'; i++) {
			const action = play(compiled, state);
			if (!action) break;
			state = applyAction(compiled, state, action);
		}
		const score = scoreState(compiled, state);
		if (!score) return null;
		out.total += (v.weight * score.total) / weight;
		out.timeScore += (v.weight * score.timeScore) / weight;
		if (score.minutes !== null) out.restored += v.weight / weight;
		out.perVariant.push({ variant: v.key, total: score.total, outcome: state.outcome, impact: state.impact });
	}
	return out;
}

/** The strategies the closing figures compare, by name (those that apply to this scenario). */
export function standardStrategies(
	compiled: CompiledScenario,
	options: Record<string, boolean>
): Array<{ name: string; blind: boolean; make: (variant: string) => Strategy }> {
	const list: Array<{ name: string; blind: boolean; make: (variant: string) => Strategy }> = [];
	const fair = fairFor(compiled, options);
	if (fair)
		list.push({
			name: 'fair policy',
			blind: false,
			make: (variant) => fixedSequence(policyPath(fair, variant).map((p) => p.action))
		});
	const blind = bestBlindSequence(compiled, options);
	if (blind) list.push({ name: 'best fixed sequence', blind: true, make: () => fixedSequence(blind.actions) });
	const historical = compiled.scenario.historical;
	if (historical) list.push({ name: 'historical path', blind: true, make: () => fixedSequence(historical.path) });
	if (compiled.actions.some((a) => a.def.group === 'failover'))
		list.push({ name: 'fail over at once', blind: true, make: () => failOverAtOnce });
	list.push({ name: 'click every action', blind: true, make: () => clickEverything });
	return list;
}
