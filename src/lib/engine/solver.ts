/**
 * Par: the least simulated time to restore for a variant and options, found by Dijkstra over
 * the drill's world states weighted by action minutes. The solver knows the hidden variant,
 * so par is the trainee's physical limit, not a fair guess.
 */
import type { CompiledAction, CompiledScenario } from './compile.ts';
import { advance, canTake, resolveOptions, variantForSeed, type Advance, type Outcome, type World } from './drill.ts';

export interface ParStep {
	action: string;
	/** Clock when the action started. */
	at: number;
}

export interface ParResult {
	minutes: number;
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
	return key;
}

const isRestored = (world: World) => world.outcome === 'restored' || world.outcome === 'degraded';

/** The world at the start of a drill with this variant and these options. */
export function startWorld(compiled: CompiledScenario, variant: string, options: Record<string, boolean>): World {
	return {
		clock: 0,
		variant,
		options: resolveOptions(compiled, options),
		flags: { ...compiled.scenario.flags },
		doneAt: {},
		seen: {},
		outcome: 'playing',
		failure: null
	};
}

/**
 * Finds par for a variant and options.
 * @param limit optional cap on explored states (the search gives up and returns null past it)
 * @param goal the states to reach: by default a restore, full or degraded (another goal, such
 *   as a given failure, finds the quickest way there, for tests and teaching)
 * @returns the least time to the goal and its path, or null when it can't be reached
 */
export function solveVariant(
	compiled: CompiledScenario,
	variant: string,
	options: Record<string, boolean> = {},
	limit = 2_000_000,
	goal: (world: World) => boolean = isRestored
): ParResult | null {
	const horizon = compiled.scenario.limitMinutes;
	// A bucket queue: clocks are whole minutes up to the limit.
	const buckets: Node[][] = [];
	// The key includes the clock, so the first time a key is queued is its only (and best) time.
	const queued = new Set<string>();
	const push = (node: Node) => {
		const key = stateKey(compiled, node.world, node.key);
		if (queued.has(key)) return;
		queued.add(key);
		(buckets[node.world.clock] ??= []).push(node);
	};
	const world = startWorld(compiled, variant, options);
	push({ world, key: codesOf(compiled, world), parent: null, action: null, startedAt: 0 });
	let explored = 0;
	for (let clock = 0; clock <= horizon; clock++) {
		const bucket = buckets[clock];
		if (!bucket) continue;
		for (let i = 0; i < bucket.length; i++) {
			const node = bucket[i]!;
			if (++explored > limit) return null;
			const { outcome } = node.world;
			if (goal(node.world)) {
				const path: ParStep[] = [];
				for (let n: Node | null = node; n && n.action; n = n.parent) path.push({ action: n.action, at: n.startedAt });
				return { minutes: node.world.clock, outcome, path: path.reverse(), explored };
			}
			if (outcome !== 'playing') continue;
			for (const action of compiled.actions) {
				if (!canTake(node.world, action)) continue;
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
		buckets[clock] = [];
	}
	return null;
}

/** Par depends only on the compiled scenario, variant and options, so it is cached per scenario. */
const parCache = new WeakMap<CompiledScenario, Map<string, ParResult | null>>();

/**
 * Par for a seed (which picks the variant) and options; cached, since it is deterministic.
 */
export function solvePar(
	compiled: CompiledScenario,
	seed: number,
	options: Record<string, boolean> = {}
): ParResult | null {
	const variant = variantForSeed(compiled, seed);
	const resolved = resolveOptions(compiled, options);
	const key = `${variant}:${JSON.stringify(resolved)}`;
	let cache = parCache.get(compiled);
	if (!cache) parCache.set(compiled, (cache = new Map()));
	if (!cache.has(key)) cache.set(key, solveVariant(compiled, variant, resolved));
	return cache.get(key)!;
}
