/**
 * Par: the least simulated time to restore for a variant and options, found by Dijkstra over
 * the drill's world states weighted by action minutes. The solver knows the hidden variant,
 * so par is the trainee's physical limit, not a fair guess.
 */
import type { CompiledScenario } from './compile';
import { advance, availability, resolveOptions, variantForSeed, type World } from './drill';

export interface ParStep {
	action: string;
	/** Clock when the action started. */
	at: number;
}

export interface ParResult {
	minutes: number;
	outcome: 'restored' | 'degraded';
	path: ParStep[];
	/** States taken off the queue: the search's work. */
	explored: number;
}

interface Node {
	world: World;
	parent: Node | null;
	action: string | null;
	startedAt: number;
}

/**
 * The solver's notion of "the same state": the clock, the flags, the done-ness of actions
 * that matter later (with the time where a `since` condition reads it) and the evidence that
 * world conditions read. Actions that change none of these only burn time.
 */
export function stateKey(compiled: CompiledScenario, world: World): string {
	return `${world.clock}${worldKey(compiled, world)}`;
}

/** `stateKey` without the clock. */
export function worldKey(compiled: CompiledScenario, world: World): string {
	let key = world.outcome;
	for (const name of compiled.flagNames) key += `|${String(world.flags[name])}`;
	key += '#';
	for (const id of compiled.keyActions) {
		const at = world.doneAt[id];
		key += at === undefined ? '-' : compiled.sinceActions.has(id) ? `${at},` : '+';
	}
	key += '#';
	for (const id of compiled.keyEvidence) key += world.seen[id] === undefined ? '-' : '+';
	return key;
}

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
 * @returns the least time to restore and its path, or null when no restore is reachable
 */
export function solveVariant(
	compiled: CompiledScenario,
	variant: string,
	options: Record<string, boolean> = {},
	limit = 2_000_000
): ParResult | null {
	const horizon = compiled.scenario.limitMinutes;
	// A bucket queue: clocks are whole minutes up to the limit.
	const buckets: Node[][] = [];
	const best = new Set<string>();
	const push = (node: Node) => {
		(buckets[node.world.clock] ??= []).push(node);
	};
	push({ world: startWorld(compiled, variant, options), parent: null, action: null, startedAt: 0 });
	let explored = 0;
	for (let clock = 0; clock <= horizon; clock++) {
		const bucket = buckets[clock];
		if (!bucket) continue;
		for (let i = 0; i < bucket.length; i++) {
			const node = bucket[i]!;
			const key = stateKey(compiled, node.world);
			if (best.has(key)) continue;
			best.add(key);
			if (++explored > limit) return null;
			const { outcome } = node.world;
			if (outcome === 'restored' || outcome === 'degraded') {
				const path: ParStep[] = [];
				for (let n: Node | null = node; n && n.action; n = n.parent) path.push({ action: n.action, at: n.startedAt });
				return { minutes: node.world.clock, outcome, path: path.reverse(), explored };
			}
			if (outcome !== 'playing') continue;
			for (const action of compiled.actions) {
				if (!availability(compiled, node.world, action.def.id).available) continue;
				const step = advance(compiled, node.world, action);
				if (step.world.clock > horizon) continue;
				push({ world: step.world, parent: node, action: action.def.id, startedAt: step.startedAt });
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
export function solvePar(compiled: CompiledScenario, seed: number, options: Record<string, boolean> = {}): ParResult | null {
	const variant = variantForSeed(compiled, seed);
	const resolved = resolveOptions(compiled, options);
	const key = `${variant}:${JSON.stringify(resolved)}`;
	let cache = parCache.get(compiled);
	if (!cache) parCache.set(compiled, (cache = new Map()));
	if (!cache.has(key)) cache.set(key, solveVariant(compiled, variant, resolved));
	return cache.get(key)!;
}
