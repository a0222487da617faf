/**
 * Omniscient par: the least customer impact until the restore for a variant and options, found
 * by Dijkstra over the drill's world states. The solver knows the hidden variant, so this par
 * is the trainee's physical limit ("if you had known"), not a fair yardstick: fair.ts is.
 */
import type { CompiledAction, CompiledScenario } from './compile.ts';
import { isRestored, type Outcome } from '../vocabulary.ts';
import {
	advance,
	canTake,
	durationOf,
	hiddenForSeed,
	resolveOptions,
	startWorld,
	type Advance,
	type Hidden,
	type World
} from './world.ts';
import { narrowWorld, specialise, timeOnly } from './specialise.ts';

export interface ParStep {
	action: string;
	/** Clock when the action started. */
	at: number;
}

export interface ParResult {
	/** Customer impact until the restore, in minutes (down minutes, degraded ones at their weight). */
	minutes: number;
	/** The clock at the restore. */
	clock: number;
	outcome: Outcome;
	path: ParStep[];
	/** States taken off the queue: the search's work. */
	explored: number;
}

interface Node {
	world: World;
	key: StateCodes;
	parent: Node | null;
	action: string | null;
	startedAt: number;
}

/**
 * The parts of the solver's notion of "the same state", kept per node and updated only where
 * an action changed them: the flags, the done-ness of actions that matter later (with the time
 * where a `since` condition reads it) and the evidence that world conditions read. Actions
 * that change none of these only burn time.
 */
export interface StateCodes {
	flags: string;
	done: string;
	seen: string;
}

const setChar = (code: string, i: number) => code.slice(0, i) + '+' + code.slice(i + 1);

function flagsCode(compiled: CompiledScenario, world: World): string {
	let code = '';
	for (const name of compiled.flagNames) code += '|' + world.flags[name];
	return code;
}

/** The codes of a world built from scratch. */
export function codesOf(compiled: CompiledScenario, world: World): StateCodes {
	let done = '';
	for (const id of compiled.keyActions) done += world.doneAt[id] === undefined ? '-' : '+';
	let seen = '';
	for (const id of compiled.keyEvidence) seen += world.seen[id] === undefined ? '-' : '+';
	return { flags: flagsCode(compiled, world), done, seen };
}

/** The codes after one action, reusing what it did not change. */
export function nextCodes(
	compiled: CompiledScenario,
	codes: StateCodes,
	action: CompiledAction,
	step: Advance
): StateCodes {
	if (step.interrupted) return codes;
	// Others' work and events can change what is done and seen at any step: build those afresh.
	if (step.happenings.length > 0) return codesOf(compiled, step.world);
	const i = compiled.keyActionIndex[action.index]!;
	let { done, seen } = codes;
	if (i >= 0 && done[i] === '-') done = setChar(done, i);
	for (const id of step.revealed) {
		const j = compiled.keyEvidenceIndex.get(id);
		if (j !== undefined) seen = setChar(seen, j);
	}
	const flags = step.flagsChanged ? flagsCode(compiled, step.world) : codes.flags;
	return flags === codes.flags && done === codes.done && seen === codes.seen ? codes : { flags, done, seen };
}

/** The solver's state key: clock, outcome, codes, and the done times `since` conditions read. */
export function stateKey(compiled: CompiledScenario, world: World, codes: StateCodes, withClock = true): string {
	let key = (withClock ? world.clock : '') + world.outcome + codes.flags + '#' + codes.done + '#' + codes.seen;
	for (const id of compiled.sinceActions) key += ',' + (world.doneAt[id] ?? '');
	return key + timelineKey(compiled, world);
}

/**
 * The part of a world's identity that parallel work and events add: which events have
 * happened, and who is doing what, with the minutes left (so the key holds without the clock).
 */
export function timelineKey(compiled: CompiledScenario, world: World): string {
	let key = '';
	if (compiled.events.length > 0) {
		key += '!';
		for (const e of compiled.events) key += world.doneAt[e.id] === undefined ? '-' : '+';
	}
	if (world.running) for (const t of world.running) key += '&' + t.action + (t.until - world.clock);
	return key;
}

/** A binary min-heap of search nodes by cost, then clock: the solvers' priority queue. */
export class MinHeap<T> {
	#items: Array<{ cost: number; tie: number; value: T }> = [];
	get size() {
		return this.#items.length;
	}
	push(cost: number, tie: number, value: T) {
		const items = this.#items;
		items.push({ cost, tie, value });
		for (let i = items.length - 1; i > 0;) {
			const p = (i - 1) >> 1;
			if (!less(items[i]!, items[p]!)) break;
			[items[i], items[p]] = [items[p]!, items[i]!];
			i = p;
		}
	}
	pop(): { cost: number; value: T } | undefined {
		const items = this.#items;
		const top = items[0];
		const last = items.pop();
		if (top === undefined || last === undefined || items.length === 0) return top;
		items[0] = last;
		for (let i = 0; ;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < items.length && less(items[l]!, items[m]!)) m = l;
			if (r < items.length && less(items[r]!, items[m]!)) m = r;
			if (m === i) break;
			[items[i], items[m]] = [items[m]!, items[i]!];
			i = m;
		}
		return top;
	}
}
const less = (a: { cost: number; tie: number }, b: { cost: number; tie: number }) =>
	a.cost < b.cost || (a.cost === b.cost && a.tie < b.tie);

const restored = (world: World) => isRestored(world.outcome);

/**
 * Finds par from a world: the least customer impact (down minutes, degraded minutes at their
 * weight) until the goal, by Dijkstra over world states.
 * @param limit optional cap on explored states (the search gives up and returns null past it)
 * @param goal the states to reach: by default a restore, full or degraded (another goal, such
 *   as a given failure, finds the quickest way there, for tests and teaching)
 * @returns the least impact to the goal (counted from the start of the drill) and its path, or null when it can't be reached
 */
export function solveFrom(
	compiled: CompiledScenario,
	start: World,
	limit = 2_000_000,
	goal: (world: World) => boolean = restored,
	onPath?: (worlds: World[]) => void
): ParResult | null {
	const horizon = compiled.scenario.limitMinutes;
	const heap = new MinHeap<Node>();
	// The key includes the clock; a key is final the first time it comes off the heap.
	const best = new Map<string, number>();
	const done = new Set<string>();
	const push = (node: Node) => {
		const key = stateKey(compiled, node.world, node.key);
		const known = best.get(key);
		if (known !== undefined && known <= node.world.impact) return;
		best.set(key, node.world.impact);
		heap.push(node.world.impact, node.world.clock, node);
	};
	push({ world: start, key: codesOf(compiled, start), parent: null, action: null, startedAt: start.clock });
	// Through a specialised view (specialise.ts), actions that only let time pass: of those of one
	// length, the first gives the state the others would (and would be refused as no cheaper).
	const timeOnlyActions = timeOnly(compiled);
	const waited = new Set<number>();
	let explored = 0;
	for (let top = heap.pop(); top; top = heap.pop()) {
		const node = top.value;
		const key = stateKey(compiled, node.world, node.key);
		if (done.has(key) || best.get(key)! < node.world.impact) continue;
		done.add(key);
		if (++explored > limit) return null;
		const { outcome } = node.world;
		if (goal(node.world)) {
			const path: ParStep[] = [];
			for (let n: Node | null = node; n && n.action; n = n.parent) path.push({ action: n.action, at: n.startedAt });
			if (onPath) {
				const worlds: World[] = [];
				for (let n: Node | null = node; n; n = n.parent) worlds.push(n.world);
				onPath(worlds.reverse());
			}
			return { minutes: node.world.impact, clock: node.world.clock, outcome, path: path.reverse(), explored };
		}
		if (outcome !== 'playing') continue;
		waited.clear();
		for (const action of compiled.actions) {
			if (!canTake(node.world, action)) continue;
			if (timeOnlyActions?.[action.index]) {
				const minutes = durationOf(node.world, action);
				if (waited.has(minutes)) continue;
				waited.add(minutes);
			}
			const step = advance(compiled, node.world, action);
			if (step.world.clock > horizon) continue;
			push({
				world: step.world,
				key: nextCodes(compiled, node.key, action, step),
				parent: node,
				action: action.def.id,
				startedAt: step.startedAt
			});
		}
	}
	return null;
}

/**
 * Finds par for a variant and options (and the durations drawn, where the scenario draws
 * them; without, each range takes its shortest): `solveFrom` the drill's start.
 */
export function solveVariant(
	compiled: CompiledScenario,
	variant: string,
	options: Record<string, boolean> = {},
	limit = 2_000_000,
	goal: (world: World) => boolean = restored,
	draws?: Readonly<Record<string, number>>
): ParResult | null {
	return solveFrom(compiled, startWorld(compiled, variant, options, draws), limit, goal);
}

/** Par depends only on the compiled scenario, the hidden world and the options: cached per scenario. */
const parCache = new WeakMap<CompiledScenario, Map<string, ParResult | null>>();

/**
 * Omniscient par from the drill's start for a hidden world (a variant and the durations drawn)
 * and options, found through the variant's specialised view (specialise.ts): the minutes and
 * path `solveVariant` finds on the whole scenario, with smaller worlds and a fraction of the
 * states. Cached, since it is deterministic.
 * @returns null when the hidden world has no restore
 */
export function solveHidden(
	compiled: CompiledScenario,
	hidden: { variant: string; draws: Readonly<Hidden['draws']> },
	options: Record<string, boolean> = {}
): ParResult | null {
	const resolved = resolveOptions(compiled, options);
	const key = `${hidden.variant}:${JSON.stringify(hidden.draws)}:${JSON.stringify(resolved)}`;
	let cache = parCache.get(compiled);
	if (!cache) parCache.set(compiled, (cache = new Map()));
	if (!cache.has(key)) cache.set(key, searchHidden(compiled, hidden, resolved));
	return cache.get(key)!;
}

/** `solveHidden` without the cache (the benchmark times it). */
export function searchHidden(
	compiled: CompiledScenario,
	hidden: { variant: string; draws: Readonly<Hidden['draws']> },
	options: Record<string, boolean>
): ParResult | null {
	const resolved = resolveOptions(compiled, options);
	const view = specialise(compiled, hidden.variant, resolved);
	return solveFrom(view, narrowWorld(compiled, startWorld(compiled, hidden.variant, resolved, hidden.draws)));
}

/** Par for a seed, which picks the variant and draws the ranged durations, and options: `solveHidden`. */
export function solvePar(
	compiled: CompiledScenario,
	seed: number,
	options: Record<string, boolean> = {}
): ParResult | null {
	return solveHidden(compiled, hiddenForSeed(compiled, seed), options);
}
