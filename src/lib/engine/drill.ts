/**
 * The drill's state and its pure step functions. The XState machine (machine.ts) calls these
 * from its guards and actions; the solver calls `advance` directly. Nothing here has side
 * effects: every function returns a new state.
 */
import type { Scalar } from '../scenario/schema.ts';
import type { CompiledAction, CompiledReveal, CompiledScenario } from './compile.ts';
import type { WorldView } from './conditions.ts';
import { createRng, pickWeighted } from './rng.ts';

export const MODES = ['guided', 'drill', 'practice'] as const;
export type Mode = (typeof MODES)[number];

export type Outcome = 'playing' | 'restored' | 'degraded' | 'failed' | 'timeout';

/** The part of a drill's state that decides what can happen next. */
export interface World extends WorldView {
	outcome: Outcome;
	/** The failure's id when the outcome is `failed`. */
	failure: string | null;
}

/** One line of the drill's journal: what the trainee did and what it showed. */
export type JournalEntry =
	| {
			kind: 'action';
			action: string;
			/** Clock when the action started (after any idle minutes). */
			at: number;
			/** Simulated minutes it took (less than its cost when interrupted or waiting). */
			minutes: number;
			/** Minutes of live-clock thinking time before it. */
			idle: number;
			revealed: string[];
			useless: boolean;
			/** Score points the action's risk cost, judged when it was chosen (0: none). */
			risk: number;
			/** The drill ended (restore or failure) before the action finished. */
			interrupted: boolean;
	  }
	| { kind: 'hint'; at: number; hint: number };

export interface DrillInput {
	seed: number;
	options?: Record<string, boolean>;
	mode?: Mode;
}

/** A drill's whole state: the machine's context. Plain JSON, so snapshots persist as they are. */
export interface DrillState extends World {
	scenario: string;
	version: number;
	seed: number;
	mode: Mode;
	/** Evidence shown at the start, before any action. */
	initial: string[];
	journal: JournalEntry[];
	hintsUsed: number[];
	/** Phase (and `restored`) to the clock when it was reached. */
	laps: Record<string, number>;
}

/** The variant a seed picks: the seed's first draw, by weight. */
export function variantForSeed(compiled: CompiledScenario, seed: number): string {
	return pickWeighted(compiled.scenario.variants, createRng(seed)())!.id;
}

/** The scenario's options with defaults filled in and unknown names dropped. */
export function resolveOptions(compiled: CompiledScenario, options: Record<string, boolean> = {}) {
	const out: Record<string, boolean> = {};
	for (const o of compiled.scenario.options) out[o.id] = options[o.id] ?? o.default;
	return out;
}

/** Evidence from `reveals` that holds in `world` and has not been seen yet, in order. */
function revealNew(reveals: CompiledReveal[], world: WorldView): string[] {
	let out: string[] | null = null;
	for (const r of reveals) {
		if (world.seen[r.evidence] !== undefined || out?.includes(r.evidence)) continue;
		if (r.when === null || r.when(world)) (out ??= []).push(r.evidence);
	}
	return out ?? NONE;
}

const NONE: string[] = [];

/** `seen` with new evidence added at a clock; the same object when there is none. */
function withSeen(seen: Readonly<Record<string, number>>, ids: string[], at: number) {
	if (ids.length === 0) return seen;
	const next = { ...seen };
	for (const id of ids) next[id] = at;
	return next;
}

/**
 * The drill at its start: variant picked by the seed, flags at their initial values,
 * initial evidence shown.
 */
export function startDrill(compiled: CompiledScenario, input: DrillInput): DrillState {
	const s = compiled.scenario;
	const base: World = {
		clock: 0,
		variant: variantForSeed(compiled, input.seed),
		options: resolveOptions(compiled, input.options),
		flags: { ...s.flags },
		doneAt: {},
		seen: {},
		outcome: 'playing',
		failure: null
	};
	const initial = revealNew(compiled.initialReveals, base);
	return {
		...base,
		seen: withSeen(base.seen, initial, 0),
		scenario: s.id,
		version: s.version,
		seed: input.seed,
		mode: input.mode ?? 'practice',
		initial,
		journal: [],
		hintsUsed: [],
		laps: {}
	};
}

export type Availability = { available: true } | { available: false; reason: string; hidden: boolean };

/** Whether an action can be taken now, and if not, why. */
export function availability(compiled: CompiledScenario, world: World, actionId: string): Availability {
	const action = compiled.actionById.get(actionId);
	if (!action) return { available: false, reason: `Unknown action "${actionId}".`, hidden: true };
	const hidden = action.def.hiddenUntilAvailable;
	if (world.outcome !== 'playing') return { available: false, reason: 'The drill is over.', hidden };
	if (!action.def.repeatable && world.doneAt[actionId] !== undefined)
		return { available: false, reason: 'Already done.', hidden };
	for (const r of action.requires) if (!r.when(world)) return { available: false, reason: r.reason, hidden };
	if (action.until?.(world))
		return { available: false, reason: 'Nothing to wait for: that has already happened.', hidden };
	return { available: true };
}

/** `availability` without the reason: the hot path of the solver and the checker. */
export function canTake(world: World, action: CompiledAction): boolean {
	if (world.outcome !== 'playing') return false;
	if (!action.def.repeatable && world.doneAt[action.def.id] !== undefined) return false;
	for (const r of action.requires) if (!r.when(world)) return false;
	return !action.until?.(world);
}

/** Which end, if any, holds in this world: a failure, a restore, or the time limit. */
function endOf(compiled: CompiledScenario, world: World): Pick<World, 'outcome' | 'failure'> | null {
	for (const f of compiled.failures) if (f.when(world)) return { outcome: 'failed', failure: f.id };
	if (compiled.restoreFull(world)) return { outcome: 'restored', failure: null };
	if (compiled.restoreDegraded?.(world)) return { outcome: 'degraded', failure: null };
	if (world.clock >= compiled.scenario.limitMinutes) return { outcome: 'timeout', failure: null };
	return null;
}

/** Clock minutes in (from, to) at which a time condition may change value, in order. */
function crossings(compiled: CompiledScenario, world: World, from: number, to: number): number[] {
	let out: number[] | null = null;
	for (const t of compiled.thresholds) {
		if (t >= to) break;
		if (t > from) (out ??= []).push(t);
	}
	for (const { action, minutes } of compiled.sinceRefs) {
		const done = world.doneAt[action];
		if (done !== undefined && done + minutes > from && done + minutes < to) (out ??= []).push(done + minutes);
	}
	if (out === null) return NONE_AT;
	return out.length > 1 ? [...new Set(out)].sort((a, b) => a - b) : out;
}

const NONE_AT: number[] = [];

/** What one action did to the world. */
export interface Advance {
	world: World;
	/** Clock when the action proper started (after idle minutes). */
	startedAt: number;
	revealed: string[];
	flagsChanged: boolean;
	interrupted: boolean;
}

/**
 * Carries out one action on the world (the caller checks availability first). Time passes
 * first (idle minutes, then the action's own); if the service comes back or a failure happens
 * while it passes, the drill ends there. Then effects apply, reveals are shown, and the ends
 * are checked.
 */
export function advance(compiled: CompiledScenario, world: World, action: CompiledAction, idle = 0): Advance {
	const startedAt = world.clock + idle;
	const to = startedAt + action.def.minutes;
	// Time passing: stop early where an end (or, for waits, `until`) begins to hold.
	for (const t of crossings(compiled, world, world.clock, to)) {
		const probe: World = { ...world, clock: t };
		const end = endOf(compiled, probe);
		if (end)
			return {
				world: { ...probe, ...end },
				startedAt: Math.min(startedAt, t),
				revealed: [],
				flagsChanged: false,
				interrupted: true
			};
		if (t >= startedAt && action.until?.(probe)) return finish(compiled, world, action, startedAt, t);
	}
	return finish(compiled, world, action, startedAt, to);
}

function finish(
	compiled: CompiledScenario,
	before: World,
	action: CompiledAction,
	startedAt: number,
	clock: number
): Advance {
	const world: World = { ...before, clock, doneAt: { ...before.doneAt, [action.def.id]: clock } };
	let flagsChanged = false;
	for (const e of action.effects) {
		if (e.when && !e.when(world)) continue;
		if (e.fail) {
			world.outcome = 'failed';
			world.failure = e.fail;
			return { world, startedAt, revealed: NONE, flagsChanged, interrupted: false };
		}
		for (const k in e.set) {
			const v = e.set[k]!;
			if (world.flags[k] === v) continue;
			// Copy the flags once, on the first change.
			if (!flagsChanged) world.flags = { ...world.flags };
			(world.flags as Record<string, Scalar>)[k] = v;
			flagsChanged = true;
		}
	}
	// Reveals see the world after the effects; evidence counts as seen from this clock on.
	const revealed = revealNew(action.reveals, world);
	world.seen = withSeen(world.seen, revealed, clock);
	const end = endOf(compiled, world);
	if (end) Object.assign(world, end);
	return { world, startedAt, revealed, flagsChanged, interrupted: false };
}

function takeLaps(compiled: CompiledScenario, state: DrillState): Record<string, number> {
	let laps = state.laps;
	for (const { phase, when } of compiled.phases) {
		if (laps[phase] === undefined && when(state)) laps = { ...laps, [phase]: state.clock };
	}
	if (laps.acknowledged === undefined && state.journal.length > state.hintsUsed.length)
		laps = { ...laps, acknowledged: state.clock };
	if ((state.outcome === 'restored' || state.outcome === 'degraded') && laps.restored === undefined)
		laps = { ...laps, restored: state.clock };
	return laps;
}

/**
 * The trainee takes an action. Returns the state unchanged when the action isn't available.
 * @param idle live-clock minutes the trainee spent deciding (drill mode)
 */
export function performAction(compiled: CompiledScenario, state: DrillState, actionId: string, idle = 0): DrillState {
	if (!availability(compiled, state, actionId).available) return state;
	return applyAction(compiled, state, compiled.actionById.get(actionId)!, idle);
}

/** `performAction` for a caller that has checked availability already (the machine's guard). */
export function applyAction(
	compiled: CompiledScenario,
	state: DrillState,
	action: CompiledAction,
	idle = 0
): DrillState {
	const actionId = action.def.id;
	const step = advance(compiled, state, action, idle);
	const ended = step.world.outcome !== 'playing';
	const entry: JournalEntry = {
		kind: 'action',
		action: actionId,
		at: step.startedAt,
		minutes: step.world.clock - step.startedAt,
		idle: step.startedAt - state.clock,
		revealed: step.revealed,
		useless: false,
		risk: action.def.risk && (action.riskWhen === null || action.riskWhen(state)) ? action.def.risk.penalty : 0,
		interrupted: step.interrupted
	};
	// `advance` copies the state it is given into a fresh object, so that object is the next
	// state already: fill in the journal rather than copying every field once more.
	const next = step.world as DrillState;
	next.journal = [...state.journal, entry];
	next.laps = takeLaps(compiled, next);
	// Useless: it showed nothing new, changed nothing, ended nothing and reached no phase.
	// Waiting is never useless: time passing is what it is for.
	entry.useless =
		!step.interrupted &&
		!ended &&
		!step.flagsChanged &&
		step.revealed.length === 0 &&
		!action.until &&
		next.laps === state.laps;
	return next;
}

/** The next hint that applies now, or null (none left, or drill mode, or the drill is over). */
export function nextHint(compiled: CompiledScenario, state: DrillState): number | null {
	if (state.mode === 'drill' || state.outcome !== 'playing') return null;
	const index = compiled.hints.findIndex((h, i) => !state.hintsUsed.includes(i) && (h.when === null || h.when(state)));
	return index === -1 ? null : index;
}

/** The trainee asks for a hint: it costs score, not time. */
export function takeHint(compiled: CompiledScenario, state: DrillState): DrillState {
	const hint = nextHint(compiled, state);
	if (hint === null) return state;
	return {
		...state,
		hintsUsed: [...state.hintsUsed, hint],
		journal: [...state.journal, { kind: 'hint', at: state.clock, hint }]
	};
}

/** The world's status panel: each item's current state. */
export function worldStatus(compiled: CompiledScenario, world: WorldView) {
	return compiled.status.map((item) => {
		const st = item.states.find((s) => s.when === null || s.when(world)) ?? { is: 'unknown', detail: undefined };
		return { id: item.id, label: item.label, is: st.is, detail: st.detail };
	});
}
