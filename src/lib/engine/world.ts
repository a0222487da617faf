/**
 * The world of a drill and its pure step: what can happen next, how time passes, what an
 * action changes and shows. The solvers (par, fair par, the checker and its lints) work on
 * these functions directly; the drill's journal (drill.ts) and the XState machine (machine.ts)
 * are built on top. Nothing here has side effects: every function returns a new world.
 */
import type { Scalar, ScenarioOption } from '../scenario/schema.ts';
import type { Outcome } from '../vocabulary.ts';
import type { CompiledAction, CompiledEffect, CompiledReveal, CompiledScenario } from './compile.ts';
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
	/** Work others are doing, the soonest to end first (absent: nobody else is at work). */
	running?: readonly Task[];
	/** The minutes the seed drew for each ranged action, by action id (absent: the scenario draws none). */
	draws?: Readonly<Record<string, number>>;
}

/** Work someone other than the trainee is doing: the action, who, and the clock when it ends. */
export interface Task {
	action: string;
	by: string;
	/** When the work started. */
	from: number;
	until: number;
}

/**
 * What the seed hides from the trainee: the variant, and the minutes drawn for each ranged
 * action. `key` names it in the fair search and its results: the variant's id, followed by
 * `~action=minutes` for each draw when the scenario has ranged actions.
 */
export interface Hidden {
	key: string;
	variant: string;
	draws: Record<string, number>;
	/** Its weight: the variant's, shared equally among the draws. */
	weight: number;
}

function keyOfHidden(variant: string, draws: Readonly<Record<string, number>>): string {
	let key = variant;
	for (const id in draws) key += `~${id}=${draws[id]}`;
	return key;
}

/** The hidden world a world was started in: its key. */
export function hiddenKeyOf(world: Pick<World, 'variant' | 'draws'>): string {
	return keyOfHidden(world.variant, world.draws ?? {});
}

/** The variant of a hidden world's key. */
export const variantOfKey = (key: string) => key.split('~')[0]!;

/** Every hidden world a seed can pick: each variant with every combination of draws. */
export function hiddenWorlds(compiled: CompiledScenario): Hidden[] {
	let out: Hidden[] = compiled.scenario.variants.map((v) => ({
		key: v.id,
		variant: v.id,
		draws: {},
		weight: v.weight
	}));
	for (const a of compiled.ranged)
		out = out.flatMap((h) =>
			a.durations.map((m) => {
				const draws = { ...h.draws, [a.def.id]: m };
				return { key: keyOfHidden(h.variant, draws), variant: h.variant, draws, weight: h.weight / a.durations.length };
			})
		);
	return out;
}

/**
 * The hidden world a seed picks: the variant by weight with the seed's first draw, then one
 * duration for each ranged action, in the file's order, each equally likely.
 */
export function hiddenForSeed(compiled: CompiledScenario, seed: number): Hidden {
	const rng = createRng(seed);
	const variant = pickWeighted(compiled.scenario.variants, rng())!;
	const draws: Record<string, number> = {};
	let weight = variant.weight;
	for (const a of compiled.ranged) {
		draws[a.def.id] = a.durations[Math.min(a.durations.length - 1, Math.floor(rng() * a.durations.length))]!;
		weight /= a.durations.length;
	}
	return { key: keyOfHidden(variant.id, draws), variant: variant.id, draws, weight };
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

/**
 * The world at the start of a drill with this variant, these options and these draws (a ranged
 * action not drawn takes its shortest time).
 */
export function startWorld(
	compiled: CompiledScenario,
	variant: string,
	options: Record<string, boolean>,
	draws?: Readonly<Record<string, number>>
): World {
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
	if (compiled.ranged.length > 0)
		world.draws = Object.fromEntries(compiled.ranged.map((a) => [a.def.id, draws?.[a.def.id] ?? a.durations[0]!]));
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
 * A copy of a record of ids to clock minutes. The solvers copy one or two on every step they
 * try; such records have keys added in many orders (so V8 keeps them as dictionaries), and a
 * for-in loop onto a fresh object copies them about three times as fast as `Object.assign` or
 * a spread (measured on Node 20). Ids are kebab-case (the schema's), never `__proto__`.
 */
function copyRecord(record: Readonly<Record<string, number>>): Record<string, number> {
	const copy: Record<string, number> = {};
	for (const id in record) copy[id] = record[id]!;
	return copy;
}

/** The minutes an action takes in a world: its own, or the seed's draw for a range. */
export function durationOf(world: Pick<World, 'draws'>, action: CompiledAction): number {
	return action.durations.length === 1 ? action.durations[0]! : (world.draws?.[action.def.id] ?? action.durations[0]!);
}

export type Availability = { available: true } | { available: false; reason: string; hidden: boolean };

/** A person's name, as the screen says it (their id when the scenario names no such person). */
export const personName = (compiled: CompiledScenario, id: string) => compiled.people.get(id) ?? id;

/** Why someone can't take on an action now (busy, or not there yet), or null when they can. */
function personBlock(compiled: CompiledScenario, world: World, action: CompiledAction): string | null {
	const running = world.running;
	if (action.waitsForOthers) return running ? null : 'Nobody else is at work.';
	const inHand = running?.find((t) => t.action === action.def.id);
	if (inHand) return `In progress: ${personName(compiled, inHand.by)}.`;
	if (action.by === null) return null;
	const name = personName(compiled, action.by);
	if (action.byArrives > world.clock) return `${name} is not on site yet.`;
	if (running?.some((t) => t.by === action.by)) return `${name} is busy.`;
	return null;
}

/** Whether an action can be taken now, and if not, why. */
export function availability(compiled: CompiledScenario, world: World, actionId: string): Availability {
	const action = compiled.actionById.get(actionId);
	if (!action) return { available: false, reason: `Unknown action "${actionId}".`, hidden: true };
	const reason = reasonNot(compiled, world, action);
	return reason === null ? { available: true } : { available: false, reason, hidden: action.def.hiddenUntilAvailable };
}

/** Why an action can't be taken now, as the screen says it, or null when it can. */
export function reasonNot(compiled: CompiledScenario, world: World, action: CompiledAction): string | null {
	if (world.outcome !== 'playing') return 'The drill is over.';
	if (!action.def.repeatable && world.doneAt[action.def.id] !== undefined) return 'Already done.';
	const blocked = compiled.parallel ? personBlock(compiled, world, action) : null;
	if (blocked !== null) return blocked;
	for (const r of action.requires) if (!r.when(world)) return r.reason;
	if (action.until?.(world)) return NOTHING_TO_WAIT_FOR;
	return null;
}

const NOTHING_TO_WAIT_FOR = 'Nothing to wait for: that has already happened.';

/** `availability` without the reason: the hot path of the solvers and the checker. */
export function canTake(world: World, action: CompiledAction): boolean {
	if (world.outcome !== 'playing') return false;
	if (!action.def.repeatable && world.doneAt[action.def.id] !== undefined) return false;
	if (action.waitsForOthers) return world.running !== undefined;
	if (world.running) for (const t of world.running) if (t.action === action.def.id || t.by === action.by) return false;
	if (action.byArrives > world.clock) return false;
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

/** What one step did besides the trainee's own action: others' work that ended, and events. */
export interface Happening {
	kind: 'finished' | 'event';
	/** The action that ended, or the event. */
	id: string;
	at: number;
	revealed: string[];
}

/** What one step did to the world. */
export interface Advance {
	world: World;
	/** Clock when the action proper started (after idle minutes). */
	startedAt: number;
	/** Every evidence the step showed, in order: others' work and events on the way, then the action's own. */
	revealed: string[];
	/** The evidence the trainee's own action showed (the same as `revealed` when nothing else happened). */
	own: string[];
	/** Others' work that ended and events that happened on the way, in order. */
	happenings: Happening[];
	/** The world changed beyond time: a flag, lost data, work started or ended, an event. */
	flagsChanged: boolean;
	interrupted: boolean;
}

/** A step's record as it is built: what was shown and whether anything changed. */
interface Trail {
	revealed: string[];
	happenings: Happening[];
	changed: boolean;
}

const newTrail = (): Trail => ({ revealed: [], happenings: NO_HAPPENINGS, changed: false });
const NO_HAPPENINGS: Happening[] = [];

/** Applies effects to a world being built (mutating it); true when something changed. */
function applyEffects(compiled: CompiledScenario, world: World, effects: readonly CompiledEffect[]): boolean {
	let changed = false;
	let copied = false;
	for (const e of effects) {
		if (e.when && !e.when(world)) continue;
		if (e.fail) {
			world.outcome = 'failed';
			world.failure = e.fail;
			return true;
		}
		if (e.loseData) {
			world.dataLost = (world.dataLost ?? 0) + e.loseData;
			world.impact += e.loseData * compiled.impact.dataWeight;
			changed = true;
			continue;
		}
		for (const k in e.set) {
			const v = e.set[k]!;
			if (world.flags[k] === v) continue;
			// Copy the flags once, on the first change.
			if (!copied) world.flags = { ...world.flags };
			copied = true;
			(world.flags as Record<string, Scalar>)[k] = v;
			changed = true;
		}
	}
	return changed;
}

/** Shows the reveals that hold in a world being built: into its `seen`, and onto the trail. */
function show(world: World, reveals: CompiledReveal[], trail: Trail): string[] {
	const ids = revealNew(reveals, world);
	if (ids.length > 0) {
		world.seen = withSeen(world.seen, ids, world.clock);
		trail.revealed.push(...ids);
	}
	return ids;
}

function happened(trail: Trail, h: Happening) {
	if (trail.happenings === NO_HAPPENINGS) trail.happenings = [];
	trail.happenings.push(h);
	trail.changed = true;
}

/** Events whose trigger holds now and that have not happened yet happen, in order, until none is left. */
function fireEvents(compiled: CompiledScenario, world: World, trail: Trail) {
	for (let again = compiled.events.length > 0; again && world.outcome === 'playing';) {
		again = false;
		for (const e of compiled.events) {
			if (world.doneAt[e.id] !== undefined || !e.trigger(world)) continue;
			world.doneAt = withSeen(world.doneAt, [e.id], world.clock);
			applyEffects(compiled, world, e.effects);
			const revealed = world.outcome === 'playing' ? show(world, e.reveals, trail) : NONE;
			happened(trail, { kind: 'event', id: e.id, at: world.clock, revealed });
			if (world.outcome !== 'playing') return;
			again = true;
		}
	}
}

/** Someone's work ends: it counts as done, its effects apply and its evidence is shown. */
function completeTask(compiled: CompiledScenario, world: World, task: Task, trail: Trail) {
	const action = compiled.actionById.get(task.action)!;
	world.doneAt = withSeen(world.doneAt, [task.action], world.clock);
	applyEffects(compiled, world, action.effects);
	const revealed = world.outcome === 'playing' ? show(world, action.reveals, trail) : NONE;
	happened(trail, { kind: 'finished', id: task.action, at: world.clock, revealed });
}

/** `running` with a task added, the soonest to end first (ties: in the order started). */
function withTask(running: readonly Task[] | undefined, task: Task): readonly Task[] {
	const list = [...(running ?? [])];
	let i = list.length;
	while (i > 0 && list[i - 1]!.until > task.until) i--;
	list.splice(i, 0, task);
	return list;
}

interface RunOptions {
	/** A wait's condition: stop at the first minute it holds, from `startedAt` on. */
	until?: ((w: World) => boolean) | null;
	startedAt?: number;
	/** Stop as soon as someone's work ends or an event happens (the engine's wait). */
	stopOnNews?: boolean;
}

/**
 * Lets the clock run from the world's to `to`: at every minute where something can change
 * (a time condition, someone's work ending), others' work ends, events happen, and an end
 * (a failure, a restore, the time limit) stops the run there. At `to` itself the ends are
 * left to the caller, who may still apply the trainee's action first.
 * @returns a new world (the one given is not changed)
 */
function run(compiled: CompiledScenario, from: World, to: number, trail: Trail, opts: RunOptions): World {
	const w: World = { ...from };
	for (;;) {
		let next = to;
		const cross = crossings(compiled, w, w.clock, to);
		if (cross.length > 0) next = cross[0]!;
		const soonest = w.running?.[0];
		if (soonest && soonest.until < next) next = soonest.until;
		if (next > w.clock) {
			w.impact = impactUntil(compiled, w, next);
			w.clock = next;
		}
		const before = trail.happenings.length;
		while (w.running && w.running[0]!.until <= w.clock) {
			const [task, ...rest] = w.running;
			w.running = rest.length > 0 ? rest : undefined;
			completeTask(compiled, w, task!, trail);
			if (w.outcome !== 'playing') return w;
		}
		fireEvents(compiled, w, trail);
		if (w.outcome !== 'playing' || next >= to) return w;
		const end = endOf(compiled, w);
		if (end) return Object.assign(w, end);
		if (opts.until && w.clock >= (opts.startedAt ?? 0) && opts.until(w)) return w;
		if (opts.stopOnNews && trail.happenings.length > before) return w;
	}
}

/** A world being built with the ends checked: the first that holds ends the drill. */
function settle(compiled: CompiledScenario, world: World): World {
	if (world.outcome !== 'playing') return world;
	const end = endOf(compiled, world);
	return end ? Object.assign(world, end) : world;
}

/**
 * Time passes with nothing done (live-clock minutes while the trainee decides): others' work
 * and events go on, and the drill ends at the first minute where an end holds (a failure, a
 * restore or the time limit); otherwise the clock moves by all the minutes.
 */
export function passIdle(compiled: CompiledScenario, world: World, minutes: number): Advance {
	const trail = newTrail();
	const w = settle(compiled, run(compiled, world, world.clock + minutes, trail, {}));
	return {
		world: w,
		startedAt: w.clock,
		revealed: trail.revealed,
		own: NONE,
		happenings: trail.happenings,
		flagsChanged: trail.changed,
		interrupted: false
	};
}

/**
 * Carries out one action on the world (the caller checks availability first). Idle minutes
 * pass first. Work for someone else starts at once and takes no time of the trainee's; the
 * engine's wait lets time run until someone's work ends or an event happens; the trainee's
 * own action lets its minutes pass (others' work ending and events happening on the way), then
 * its effects apply, its reveals are shown, events whose condition now holds happen, and the
 * ends are checked. If the drill ends while time passes, it ends there and the action's effects
 * and reveals don't happen.
 */
export function advance(compiled: CompiledScenario, world: World, action: CompiledAction, idle = 0): Advance {
	const trail = newTrail();
	let w = world;
	if (idle > 0) {
		w = settle(compiled, run(compiled, w, w.clock + idle, trail, {}));
		if (w.outcome !== 'playing') return stepOf(w, w.clock, trail, NONE, true);
	}
	const startedAt = w.clock;
	if (action.waitsForOthers) {
		w = settle(compiled, run(compiled, w, compiled.scenario.limitMinutes, trail, { stopOnNews: true }));
		return stepOf(w, startedAt, trail, NONE, false);
	}
	if (action.by !== null) {
		w = w === world ? { ...world } : w;
		w.running = withTask(w.running, {
			action: action.def.id,
			by: action.by,
			from: startedAt,
			until: startedAt + durationOf(w, action)
		});
		trail.changed = true;
		return stepOf(w, startedAt, trail, NONE, false);
	}
	w = run(compiled, w, startedAt + durationOf(w, action), trail, { until: action.until, startedAt });
	if (w.outcome !== 'playing') return stepOf(w, Math.min(startedAt, w.clock), trail, NONE, true);
	// The action proper ends: it is done, its effects apply, and what it shows is shown.
	w.doneAt = withSeen(w.doneAt, [action.def.id], w.clock);
	if (applyEffects(compiled, w, action.effects)) trail.changed = true;
	if (w.outcome !== 'playing') return stepOf(w, startedAt, trail, NONE, false);
	// Reveals see the world after the effects; evidence counts as seen from this clock on.
	const own = show(w, action.reveals, trail);
	fireEvents(compiled, w, trail);
	return stepOf(settle(compiled, w), startedAt, trail, own, false);
}

function stepOf(world: World, startedAt: number, trail: Trail, own: string[], interrupted: boolean): Advance {
	return {
		world,
		startedAt,
		revealed: trail.revealed.length > 0 ? trail.revealed : NONE,
		own,
		happenings: trail.happenings,
		flagsChanged: trail.changed,
		interrupted
	};
}

/**
 * A world's customer impact in its two parts: downtime (down minutes, degraded ones at their
 * weight) and minutes of writes lost (counted in the impact at `impact.dataWeight` each).
 */
export function impactParts(compiled: CompiledScenario, world: Pick<World, 'impact' | 'dataLost'>) {
	const dataLost = world.dataLost ?? 0;
	return { downtime: world.impact - dataLost * compiled.impact.dataWeight, dataLost };
}

/** The world's status panel: each item's current state. */
export function worldStatus(compiled: CompiledScenario, world: WorldView) {
	return compiled.status.map((item) => {
		const st = item.states.find((s) => s.when === null || s.when(world)) ?? { is: 'unknown', detail: undefined };
		return { id: item.id, label: item.label, is: st.is, detail: st.detail };
	});
}
