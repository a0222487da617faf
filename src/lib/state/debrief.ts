/**
 * The debrief, worked out from an attempt: the run is replayed (so the evidence each action
 * showed is exact), par and its path are solved, and both paths are laid out on the
 * simulated clock for the timeline chart.
 */
import type { Attempt } from '$lib/engine/attempt.ts';
import { stepsToLog } from '$lib/engine/attempt.ts';
import type { CompiledScenario } from '$lib/engine/compile.ts';
import type { DrillState } from '$lib/engine/drill.ts';
import { replay } from '$lib/engine/replay.ts';
import { hiddenForSeed, hiddenKeyOf, impactParts } from '$lib/engine/world.ts';
import { fairFor, firstDeparture, parsFor, policyPath, type Departure } from '$lib/engine/fair.ts';
import { isRestored, LAP_LABELS, LAPS } from '$lib/vocabulary.ts';
import { policyView, type PolicyViewNode } from './policy-view.ts';
import type { ActionGroup, Scenario } from '$lib/scenario/schema.ts';
import type { FairTable } from '$lib/engine/precompute.ts';

/** One bar of the timeline: an action from its start to its end on the simulated clock. */
export interface TimelineStep {
	/** 1-based position in its path. */
	n: number;
	action: string;
	label: string;
	group: ActionGroup;
	start: number;
	end: number;
	/** Live-clock thinking minutes before it. */
	idle: number;
	revealed: string[];
	useless: boolean;
}

export interface LapRow {
	phase: string;
	label: string;
	you: number | null;
	par: number | null;
}

export interface PointerRow {
	id: string;
	title: string;
	/** When the trainee saw it, or null when they never did. */
	seenAt: number | null;
}

/**
 * What the top of the debrief shows (the outcome, the figures) and what needs no fair result:
 * one replay of the trainee's log. `buildDebriefHead` works it out.
 */
export interface DebriefHead {
	/** The replayed run (null only if the log no longer replays; see `replayError`). */
	state: DrillState;
	replayError: string | null;
	restored: boolean;
	/** Minutes to restore, or null when not restored. */
	minutes: number | null;
	/** Fair par: the best from the evidence, on this variant (impact minutes). */
	par: number | null;
	/** Omniscient par: had the cause been known. */
	omniscientPar: number | null;
	/** The trainee's customer impact, as scored. */
	impact: number | null;
	/** The run's downtime (down minutes, degraded ones at their weight) and minutes of writes lost. */
	downtime: number;
	dataLost: number;
	/** What one minute of lost writes counts, in minutes down; null when the scenario never loses data. */
	dataWeight: number | null;
	/** What a degraded minute counts. */
	degradedWeight: number;
	historical: number | null;
	yourPath: TimelineStep[];
	variant: { id: string; label: string; explanation: string; historical: boolean };
	pointers: PointerRow[];
	failure: { id: string; label: string; explanation: string; at: number; cause: string | null } | null;
}

/**
 * What the debrief shows of the best play from the evidence: the fair policy's tree and path on
 * this variant, and the laps beside the trainee's. `buildDebriefBest` works it out.
 */
export interface DebriefBest {
	/** The whole decision tree (for this variant's first screen), with the trainee's path traced. */
	tree: PolicyViewNode[];
	parPath: TimelineStep[];
	laps: LapRow[];
}

export type Debrief = DebriefHead & DebriefBest;

/** Lays a replayed journal out as timeline steps. */
function timelineOf(compiled: CompiledScenario, state: DrillState): TimelineStep[] {
	const out: TimelineStep[] = [];
	for (const j of state.journal) {
		if (j.kind !== 'action') continue;
		const def = compiled.actionById.get(j.action)?.def;
		out.push({
			n: out.length + 1,
			action: j.action,
			label: def?.label ?? j.action,
			group: def?.group ?? 'diagnose',
			start: j.at,
			end: j.at + j.minutes,
			idle: j.idle,
			revealed: j.revealed,
			useless: j.useless
		});
	}
	return out;
}

/**
 * Builds the debrief for an attempt, all but where the path left the best play (that takes a
 * fair search of its own, up to seconds: `debriefDeparture`, which the page runs in a worker).
 * With the fair results worked out at build time primed (`loadFairResults`), nothing here
 * searches: two replays and a walk down the policy tree. The page builds it in two parts
 * (`buildDebriefHead`, then `buildDebriefBest`), so the top is drawn before the rest is worked out.
 * @param compiled the attempt's scenario (same version)
 */
export function buildDebrief(compiled: CompiledScenario, attempt: Attempt): Debrief {
	const head = buildDebriefHead(compiled, attempt);
	return { ...head, ...buildDebriefBest(compiled, attempt, head) };
}

const inputOf = (attempt: Attempt) => ({ seed: attempt.seed, options: attempt.options, mode: attempt.mode });

/**
 * The top of the debrief: the trainee's run replayed, its outcome and figures against par (from
 * the pars the scenario's chunk carries: no fair result needed).
 * @param compiled the attempt's scenario (same version)
 */
export function buildDebriefHead(compiled: CompiledScenario, attempt: Attempt): DebriefHead {
	const s = compiled.scenario;
	const run = replay(compiled, inputOf(attempt), stepsToLog(attempt.steps));
	const state = run.state;
	const pars = parsFor(compiled, attempt.seed, attempt.options);
	const restored = isRestored(state.outcome);

	const v = s.variants.find((x) => x.id === state.variant)!;
	const evidence = new Map(s.evidence.map((e) => [e.id, e]));
	const pointers: PointerRow[] = v.pointers.map((id) => ({
		id,
		title: evidence.get(id)?.title ?? id,
		seenAt: state.seen[id] ?? null
	}));

	let failure: DebriefHead['failure'] = null;
	if (state.outcome === 'failed' && state.failure) {
		const f = s.failures.find((x) => x.id === state.failure);
		const last = [...state.journal].reverse().find((j) => j.kind === 'action');
		failure = {
			id: state.failure,
			label: f?.label ?? state.failure,
			explanation: f?.explanation ?? '',
			at: state.clock,
			cause: last && last.kind === 'action' ? (compiled.actionById.get(last.action)?.def.label ?? last.action) : null
		};
	}

	return {
		state,
		replayError: run.error,
		restored,
		minutes: restored ? state.clock : null,
		par: pars?.fair ?? null,
		omniscientPar: pars?.omniscient ?? null,
		impact: attempt.score.impact ?? null,
		...impactParts(compiled, state),
		dataWeight: [...s.actions, ...s.events].some((a) => a.effects.some((e) => e.loseData))
			? compiled.impact.dataWeight
			: null,
		degradedWeight: compiled.impact.degradedWeight,
		historical: s.historical?.minutes ?? null,
		yourPath: timelineOf(compiled, state),
		variant: { id: v.id, label: v.label, explanation: v.explanation, historical: v.historical },
		pointers,
		failure
	};
}

/**
 * The best play from the evidence on this attempt's variant: the fair policy's path (replayed),
 * its tree with the trainee's moves traced, and the phase laps of both. Needs the fair results
 * primed (`loadFairResults`), or it searches.
 * @param head the attempt's `buildDebriefHead`
 */
export function buildDebriefBest(compiled: CompiledScenario, attempt: Attempt, head: DebriefHead): DebriefBest {
	const s = compiled.scenario;
	const state = head.state;
	const fair = fairFor(compiled, attempt.options);
	const hidden = hiddenKeyOf(state);
	const policy = fair ? policyPath(fair, hidden) : [];
	// The par path shown is the fair policy's on this variant: the best play from the evidence.
	const parRun = fair
		? replay(
				compiled,
				inputOf(attempt),
				policy.map((p) => ({ type: 'action' as const, action: p.action }))
			)
		: null;
	const traineeActions = attempt.steps.flatMap((st) => (st.type === 'action' ? [st.action] : []));

	const phases = LAPS.filter(
		(p) => p === 'acknowledged' || p === 'restored' || s.phases[p as keyof typeof s.phases] !== undefined
	);
	const laps: LapRow[] = phases.map((phase) => ({
		phase,
		label: LAP_LABELS[phase],
		you: state.laps[phase] ?? null,
		par: parRun?.state.laps[phase] ?? null
	}));
	const root = fair?.roots.find((r) => r.variants.includes(hidden))?.policy;
	return {
		tree: root ? policyView(root, hidden, traineeActions) : [],
		parPath: parRun ? timelineOf(compiled, parRun.state) : [],
		laps
	};
}

/** What finding an attempt's departure from the best play needs: plain data, so a worker can take it. */
export interface DepartureQuery {
	scenario: { id: string; version: number; hash?: string };
	options: Record<string, boolean>;
	/** The seed (it picks the variant and the durations drawn: the fair policy's branch). */
	seed: number;
	/** The trainee's actions in order (hints left out). */
	actions: string[];
	/**
	 * An imported scenario, carried along (the worker can't load it by id as it loads a bundled
	 * one): the scenario as checked, and its fair results.
	 */
	carried?: { scenario: Scenario; fair: FairTable };
}

/**
 * The departure query for an attempt.
 * @param carried for an imported scenario: the scenario itself and its fair results
 */
export function departureQuery(attempt: Attempt, carried?: DepartureQuery['carried']): DepartureQuery {
	const query: DepartureQuery = {
		scenario: attempt.scenario,
		options: attempt.options,
		seed: attempt.seed,
		actions: attempt.steps.flatMap((st) => (st.type === 'action' ? [st.action] : []))
	};
	return carried ? { ...query, carried } : query;
}

/** Where the path first left the best play from the evidence (null: it never did). */
export function debriefDeparture(compiled: CompiledScenario, query: DepartureQuery): Departure | null {
	return firstDeparture(compiled, query.options, hiddenForSeed(compiled, query.seed).key, query.actions);
}
