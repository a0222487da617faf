/**
 * The world of a drill and its pure step: what can happen next, how time passes, what an
 * action changes and shows. The solvers (par, fair par, the checker and its lints) work on
 * these functions directly; the drill's journal (drill.ts) and the XState machine (machine.ts)
 * are built on top. Nothing here has side effects: every function returns a new world.
 */
import type { Scalar, ScenarioOption } from '../scenario/schema.ts';
import type { Outcome } from '../vocabulary.ts';
import type { CompiledAction, CompiledReveal, CompiledScenario } from './compile.ts';
import type { WorldView } from './conditions.ts';
import { createRng, pickWeighted } from './rng.ts';

/** The part of a drill's state that decides what can happen next. */
export interface World extends WorldView {
	outcome: Outcome;
	/** The failure's id when the outcome is `failed`. */
	failure: string | null;
	/**
	 * Customer impact so far, in minutes: each minute the scenario's service is down counts 1,
	 * each minute it is degraded counts the scenario's `impact.degradedWeight`, each minute of
	 * writes lost counts `impact.dataWeight`.
	 */
	impact: number;
	/** Minutes of customers' writes lost for good (absent: none). */
	dataLost?: number;
}

/** The variant a seed picks: the seed's first draw, by weight. */
export function variantForSeed(compiled: CompiledScenario, seed: number): string {
	return pickWeighted(compiled.scenario.variants, createRng(seed)())!.id;
}

/**
 * What setting a drill up needs of a scenario: its id and declared options. A compiled scenario
 * has them, and so does an entry of the catalogue's index (src/lib/scenarios: `setupOf`), so
 * pages that only set drills up need not load the scenario.
 */
export interface ScenarioSetup {
	scenario: { id: string; options: readonly ScenarioOption[] };
	optionIds: readonly string[];
	/** An imported scenario's content hash (its team drill codes name it by this). */
	hash?: string;
}

/** The scenario's options with defaults filled in and unknown names dropped. */
export function resolveOptions(compiled: Pick<ScenarioSetup, 'scenario'>, options: Record<string, boolean> = {}) {
	const out: Record<string, boolean> = {};
	for (const o of compiled.scenario.options) out[o.id] = options[o.id] ?? o.default;
	return out;
}

/** The world at the start of a drill with this variant and these options (before initial evidence). */
export function startWorld(compiled: CompiledScenario, variant: string, options: Record<string, boolean>): World {
	const world: World = {
		clock: 0,
		variant,
		options: resolveOptions(compiled, options),
		flags: { ...compiled.scenario.flags },
		doneAt: {},
		seen: {},
		outcome: 'playing',
		failure: null,
		impact: 0
	};
	const initial = revealNew(compiled.initialReveals, world);
	world.seen = withSeen(world.seen, initial, 0);
	return world;
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
	const next = copyRecord(seen);
	for (const id of ids) next[id] = at;
	return next;
}

/**
 * A copy of a record of ids to clock minutes. `Object.assign` onto a fresh object copies such
 * records (keys added in many orders, so V8 keeps them as dictionaries) about twice as fast as
 * a spread does, and the solvers copy one or two on every step they try.
 */
function copyRecord(record: Readonly<Record<string, number>>): Record<string, number> {
	return Object.assign({}, record);
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
	if (action.until?.(world)) return { available: false, reason: NOTHING_TO_WAIT_FOR, hidden };
	return { available: true };
}

const NOTHING_TO_WAIT_FOR = 'Nothing to wait for: that has already happened.';

/** `availability` without the reason: the hot path of the solvers and the checker. */
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
export function crossings(compiled: CompiledScenario, world: World, from: number, to: number): number[] {
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

/** How much one minute of the world as it is counts against customers: 1 down, the weight degraded, 0 up. */
function impactRate(compiled: CompiledScenario, world: WorldView): number {
	const item = compiled.status[compiled.impact.service]!;
	const is = item.states.find((s) => s.when === null || s.when(world))?.is ?? 'unknown';
	return is === 'up' ? 0 : is === 'degraded' ? compiled.impact.degradedWeight : 1;
}

/**
 * The world with its clock moved on to `to` and the impact of the minutes between added.
 * Nothing but time changes, so the service's status changes only where a time condition does.
 */
function passTime(compiled: CompiledScenario, world: World, to: number): World {
	if (to <= world.clock) return world;
	return { ...world, clock: to, impact: impactUntil(compiled, world, to) };
}

/** The world's impact once the clock reaches `to` with nothing else changing. */
function impactUntil(compiled: CompiledScenario, world: World, to: number): number {
	const impact = world.impact ?? 0;
	if (to <= world.clock) return impact;
	// The hot path of every solver: a service whose status reads no time has one rate throughout.
	if (!compiled.impact.timed) return impact + (to - world.clock) * impactRate(compiled, world);
	let sum = impact;
	let at = world.clock;
	let rate = impactRate(compiled, world);
	for (const t of crossings(compiled, world, world.clock, to)) {
		sum += (t - at) * rate;
		at = t;
		rate = impactRate(compiled, { ...world, clock: t });
	}
	return sum + (to - at) * rate;
}

/**
 * Time passes with nothing done (live-clock minutes while the trainee decides): the clock
 * moves on, with its customer impact, to the first minute where an end holds (a failure, a
 * restore or the time limit), and the drill ends there; or by all the minutes when none does.
 */
export function passIdle(compiled: CompiledScenario, world: World, minutes: number): World {
	const to = world.clock + minutes;
	for (const t of [...crossings(compiled, world, world.clock, to), to]) {
		const end = endOf(compiled, { ...world, clock: t });
		if (end) return { ...passTime(compiled, world, t), ...end };
	}
	return passTime(compiled, world, to);
}

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
				world: { ...passTime(compiled, world, t), ...end },
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
	const world: World = {
		...before,
		clock,
		impact: impactUntil(compiled, before, clock),
		doneAt: withSeen(before.doneAt, [action.def.id], clock)
	};
	let flagsChanged = false;
	for (const e of action.effects) {
		if (e.when && !e.when(world)) continue;
		if (e.fail) {
			world.outcome = 'failed';
			world.failure = e.fail;
			return { world, startedAt, revealed: NONE, flagsChanged, interrupted: false };
		}
		if (e.loseData) {
			world.dataLost = (world.dataLost ?? 0) + e.loseData;
			world.impact += e.loseData * compiled.impact.dataWeight;
			flagsChanged = true; // the world changed: never a useless action, and the solvers re-key it
			continue;
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

/** The world's status panel: each item's current state. */
export function worldStatus(compiled: CompiledScenario, world: WorldView) {
	return compiled.status.map((item) => {
		const st = item.states.find((s) => s.when === null || s.when(world)) ?? { is: 'unknown', detail: undefined };
		return { id: item.id, label: item.label, is: st.is, detail: st.detail };
	});
}
