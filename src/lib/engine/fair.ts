/**
 * Fair par: the best a technician can do from the evidence alone. The technician knows the
 * scenario, the options and the variants' weights, but not the hidden variant; they learn only
 * what the screen shows (belief.ts). The fair policy minimises the expected customer impact
 * until the restore over the variants still consistent with the screen, found exactly by a
 * memoised branch-and-bound search over belief states, and returned as a decision tree.
 *
 * The same search finds the scenario's leaks (an action's availability or reason differing
 * between variants the screen can't tell apart), and `bestBlindSequence` finds the best fixed
 * sequence of actions, played the same whatever the variant, for the blind-play lint.
 */
import { observation, statusSignature } from './belief.ts';
import type { CompiledAction, CompiledScenario } from './compile.ts';
import { isRestored } from '../vocabulary.ts';
import { primedFair, primedFairPars } from './primed.ts';
import { conditionRefs } from '../scenario/refs.ts';
import { codesOf, MinHeap, solveHidden, stateKey, timelineKey } from './solver.ts';
import { specialise } from './specialise.ts';
import {
	advance,
	canTake,
	durationOf,
	reasonNot,
	hiddenForSeed,
	hiddenWorlds,
	resolveOptions,
	startWorld,
	type Advance,
	type Hidden,
	type World
} from './world.ts';

/**
 * One branch after a policy's action: what the screen showed, for which hidden worlds, and
 * what comes next. Hidden worlds are named by their keys (world.ts `Hidden`): the variant's id,
 * with the durations drawn appended where the scenario draws any.
 */
export interface PolicyBranch {
	/** What the trainee saw: the new evidence's titles, or how the drill ended. */
	observation: string;
	variants: string[];
	/** The next move, or null when the drill is over on this branch. */
	next: PolicyNode | null;
}

export interface PolicyNode {
	action: string;
	label: string;
	/** Clock when the action starts. */
	at: number;
	/** Expected impact from here to the restore, over the variants on this node. */
	expectedMinutes: number;
	/** The hidden worlds still possible when the action is chosen (keys). */
	variants: string[];
	branches: PolicyBranch[];
}

/** The fair policy on one hidden world: a variant, with the durations drawn where there are any. */
export interface FairVariant {
	/** The hidden world's key (the variant's id when nothing is drawn). */
	key: string;
	variant: string;
	/** The durations drawn (absent: none). */
	draws?: Record<string, number>;
	weight: number;
	/** The fair policy's impact on this variant: fair par for a seed that picks it. */
	minutes: number;
	omniscientMinutes: number;
	/** The clock when the policy restores this variant. */
	clock: number;
}

export interface Leak {
	action: string;
	variants: string[];
	/** The clock where the difference shows. */
	at: number;
}

export interface FairResult {
	/** Expected impact under the fair policy, weighted over the variants. */
	expectedMinutes: number;
	variants: FairVariant[];
	/**
	 * The policy from the start. When the initial screen already tells variants apart there is
	 * one tree per initial screen; `roots` lists them and `policy` is the first.
	 */
	policy: PolicyNode | null;
	roots: Array<{ variants: string[]; policy: PolicyNode | null }>;
	leaks: Leak[];
	/** Belief states whose value was computed: the search's work. */
	explored: number;
}

interface Member {
	/** The hidden world's key. */
	key: string;
	variant: string;
	weight: number;
	world: World;
}

/**
 * A world's identity for the fair search: everything that can change what happens or what is
 * shown. The done-ness of a once-only action that is no key action is left out: doing it again
 * would show the same evidence to every variant, which the fair policy never does (see `solve`;
 * where others work or events happen, every once-only action is a key action: compile.ts).
 */
function worldKey(compiled: CompiledScenario, world: World): string {
	let key = world.outcome + world.clock + '|';
	for (const name of compiled.flagNames) key += world.flags[name] + ',';
	key += '|';
	for (const a of compiled.fairKeyActions) {
		const done = world.doneAt[a.def.id];
		key += done === undefined ? '-' : compiled.sinceActions.has(a.def.id) ? done + ':' : '+';
	}
	key += '|';
	for (const id of compiled.fairKeyEvidence) key += world.seen[id] === undefined ? '-' : '+';
	return key + timelineKey(compiled, world);
}

/** Impact charged to a variant that fails or times out: no restore is worse than any restore. */
const failCost = (compiled: CompiledScenario) => 10 * compiled.scenario.limitMinutes;

const isOver = (w: World) => w.outcome !== 'playing';
const remainingIfOver = (compiled: CompiledScenario, w: World) => (isRestored(w.outcome) ? 0 : failCost(compiled));

/** How much less an expected impact must be to count as better (weighted sums round). */
const EPSILON = 1e-9;

/** Fair searches give up past this many belief states. */
export const MAX_BELIEF_STATES = 400_000;

class FairSearch {
	readonly compiled: CompiledScenario;
	/** Exact values (the least expected impact still to come, and the move that gets it) by belief. */
	readonly memo = new Map<string, { cost: number; action: number }>();
	/** Lower bounds proven short of the exact value, by belief and impacts so far. */
	readonly floors = new Map<string, Map<string, number>>();
	setFloor(key: string, impacts: string, floor: number) {
		const floors = this.floors.get(key);
		if (floors) floors.set(impacts, floor);
		else this.floors.set(key, new Map([[impacts, floor]]));
	}
	readonly pars = new Map<string, number>();
	readonly leaks = new Map<string, Leak>();
	explored = 0;
	constructor(compiled: CompiledScenario) {
		this.compiled = compiled;
	}

	/** Omniscient par from the drill's start for a member's hidden world. */
	parOf(m: Member): number {
		let par = this.pars.get(m.key);
		if (par === undefined) {
			par =
				solveHidden(this.compiled, { variant: m.variant, draws: m.world.draws ?? {} }, m.world.options)?.minutes ??
				failCost(this.compiled);
			this.pars.set(m.key, par);
		}
		return par;
	}

	/**
	 * A lower bound on the impact still to come over a belief: each world's omniscient par from
	 * the start less the impact it has had so far (any play from the start costs at least par).
	 * Omniscient par from each world itself is a tighter bound, but costs a search per world:
	 * measured on the bundled scenarios it made the whole search 1.2 to 3 times slower, for
	 * fewer belief states.
	 */
	lowerOf(belief: Member[]): number {
		let sum = 0;
		for (const m of belief) {
			if (isOver(m.world)) sum += m.weight * remainingIfOver(this.compiled, m.world);
			else sum += m.weight * Math.max(0, this.parOf(m) - m.world.impact);
		}
		return sum;
	}

	key(belief: Member[]): string {
		let key = '';
		for (const m of belief) key += m.key + '=' + worldKey(this.compiled, m.world) + ';';
		return key;
	}

	/**
	 * Taking an action in every world of a belief: the worlds after it, the weighted impact it
	 * adds, and whether it may be inert (it changed nothing in any world but the clock and what
	 * the screen shows: whether it shows the same screen everywhere, `expand` tells).
	 */
	step(
		belief: Member[],
		action: CompiledAction
	): { added: number; steps: Advance[]; members: Member[]; quiet: boolean } {
		const { compiled } = this;
		let added = 0;
		let quiet = action.until === null;
		const steps = belief.map((m) => {
			const step = advance(compiled, m.world, action);
			added += m.weight * (step.world.impact - m.world.impact);
			quiet &&=
				step.world.outcome === 'playing' && !step.flagsChanged && this.status(step.world) === this.status(m.world);
			return step;
		});
		return { added, steps, members: steps.map((step, i) => ({ ...belief[i]!, world: step.world })), quiet };
	}

	/** The beliefs after a step: one per screen it can show (one world alone shows one screen). */
	children(steps: Advance[], members: Member[]): Member[][] {
		if (members.length === 1) return [members];
		return this.partition(
			steps.map((step, i) => ({ member: members[i]!, obs: observation(this.compiled, step, this.status(step.world)) }))
		);
	}

	/**
	 * Whether a quiet step is inert: every world shows one screen after it, and the actions on
	 * offer are as they were (the cheap tests first; the actions on offer only when all else holds).
	 */
	inert(belief: Member[], action: CompiledAction, children: Member[][], members: Member[]): boolean {
		return (
			children.length === 1 &&
			members.every((m, i) => sameOffer(this.compiled, m.world, this.offer(belief[i]!.world).list, action.index))
		);
	}

	/**
	 * The children of taking an action in a belief: one per screen the action can show, and the
	 * weighted impact it adds.
	 */
	expand(belief: Member[], action: CompiledAction): { added: number; children: Member[][]; inert: boolean } {
		const { added, steps, members, quiet } = this.step(belief, action);
		const children = this.children(steps, members);
		return { added, children, inert: quiet && this.inert(belief, action, children, members) };
	}

	readonly statuses = new WeakMap<World, string>();
	/** The status panel of a world (belief.ts `statusSignature`), worked out once per world. */
	status(world: World): string {
		let sig = this.statuses.get(world);
		if (sig === undefined) this.statuses.set(world, (sig = statusSignature(this.compiled, world)));
		return sig;
	}

	readonly offers = new WeakMap<World, { list: string[]; sig: string }>();
	/** What the screen offers in a world, each action's availability or reason: worked out once per world. */
	offer(world: World): { list: string[]; sig: string } {
		let offer = this.offers.get(world);
		if (!offer) {
			const list = offerOf(this.compiled, world);
			this.offers.set(world, (offer = { list, sig: list.join('\u0000') }));
		}
		return offer;
	}

	/**
	 * Splits worlds by what the screen shows: first the observation, then the actions on offer.
	 * Worlds the observation can't tell apart whose actions on offer differ are a leak: noted.
	 */
	partition(items: Array<{ member: Member; obs: string }>): Member[][] {
		const byObservation = new Map<string, Member[]>();
		for (const { member, obs } of items) {
			const list = byObservation.get(obs);
			if (list) list.push(member);
			else byObservation.set(obs, [member]);
		}
		const out: Member[][] = [];
		for (const group of byObservation.values()) {
			// One world alone has nothing to be told apart from.
			if (group.length === 1) {
				out.push(group);
				continue;
			}
			const byOffer = new Map<string, Member[]>();
			for (const m of group) {
				const offer = m.world.outcome === 'playing' ? this.offer(m.world).sig : '';
				const list = byOffer.get(offer);
				if (list) list.push(m);
				else byOffer.set(offer, [m]);
			}
			if (byOffer.size > 1) this.noteLeak(group);
			out.push(...byOffer.values());
		}
		return out;
	}

	/** Records, for each action whose availability or reason differs among these worlds, a leak. */
	noteLeak(worlds: Member[]) {
		for (const a of this.compiled.actions) {
			if (this.leaks.has(a.def.id)) continue;
			const texts = new Set(worlds.map((m) => availabilityText(this.compiled, m.world, a)));
			if (texts.size > 1)
				this.leaks.set(a.def.id, {
					action: a.def.id,
					variants: worlds.map((m) => m.key),
					at: worlds[0]!.world.clock
				});
		}
	}

	/**
	 * The least expected impact still to come (weighted sum over the belief), exact when below
	 * `bound`; otherwise some value at least `bound`.
	 */
	solve(belief: Member[], bound: number): number {
		if (isOver(belief[0]!.world)) {
			let sum = 0;
			for (const m of belief) sum += m.weight * remainingIfOver(this.compiled, m.world);
			return sum;
		}
		const key = this.key(belief);
		const known = this.memo.get(key);
		if (known) return known.cost;
		// What is known short of the exact value depends on the impact so far (the lower bounds
		// do), so it is kept apart, by the belief's impacts too.
		// (Kept by belief, then by impacts: the belief's key is hashed once, for the memo.)
		let impacts = '';
		for (const m of belief) impacts += m.world.impact + ',';
		const floor = this.floors.get(key)?.get(impacts);
		if (floor !== undefined && floor >= bound) return floor;
		const lb = this.lowerOf(belief);
		if (lb >= bound) {
			this.setFloor(key, impacts, lb);
			return lb;
		}
		if (++this.explored > MAX_BELIEF_STATES) throw new SearchTooLarge();
		// Each action's bound needs only the worlds after it (the children's bounds add up to
		// the same sum); the screens that split them are worked out for the actions tried.
		const options: Array<{
			index: number;
			added: number;
			steps: Advance[];
			members: Member[];
			children: Member[][] | null;
			lb: number;
		}> = [];
		const first = belief[0]!.world;
		for (const action of this.compiled.actions) {
			if (!canTake(first, action)) continue;
			const { added, steps, members, quiet } = this.step(belief, action);
			let children: Member[][] | null = null;
			if (quiet) {
				children = this.children(steps, members);
				// An action that tells no variant apart and changes nothing only lets time pass: the
				// fair policy leaves that to waits (actions with \`until\`), which exist for it.
				if (this.inert(belief, action, children, members)) continue;
			}
			options.push({ index: action.index, added, steps, members, children, lb: added + this.lowerOf(members) });
		}
		options.sort((a, b) => a.lb - b.lb);
		let best = bound;
		let bestAction = -1;
		// Sums of weighted minutes carry rounding errors, and a child that can't beat its bound
		// may answer with the bound itself: "better" must be better by more than the rounding.
		for (const o of options) {
			if (o.lb >= best - EPSILON) break;
			const children = o.children ?? this.children(o.steps, o.members);
			const lbs = children.map((c) => this.lowerOf(c));
			let total = o.added;
			let rest = lbs.reduce((a, b) => a + b, 0);
			for (let i = 0; i < children.length && total + rest < best - EPSILON; i++) {
				rest -= lbs[i]!;
				total += this.solve(children[i]!, best - total - rest);
			}
			if (total + rest < best - EPSILON) {
				best = total + rest;
				bestAction = o.index;
			}
		}
		if (bestAction >= 0) {
			this.memo.set(key, { cost: best, action: bestAction });
			return best;
		}
		this.setFloor(key, impacts, Math.max(bound, lb));
		return Math.max(bound, lb);
	}
}

/** What the screen says of one action in a world: available, or the reason it is not. */
function availabilityText(compiled: CompiledScenario, world: World, a: CompiledAction): string {
	return reasonNot(compiled, world, a) ?? '+';
}

class SearchTooLarge extends Error {
	constructor() {
		super(`more than ${MAX_BELIEF_STATES} belief states`);
	}
}

/** The worlds at the drill's start, grouped by what the first screen shows. */
function initialBeliefs(search: FairSearch, options: Record<string, boolean>): Member[][] {
	const { compiled } = search;
	return search.partition(
		hiddenWorlds(compiled).map((h) => {
			const world = startWorld(compiled, h.variant, options, h.draws);
			return {
				member: { key: h.key, variant: h.variant, weight: h.weight, world },
				obs: observation(compiled, { world, revealed: Object.keys(world.seen) })
			};
		})
	);
}

function describeObservation(compiled: CompiledScenario, revealed: string[], world: World): string {
	if (world.outcome === 'restored') return 'service restored';
	if (world.outcome === 'degraded') return 'service restored, degraded';
	if (world.outcome === 'failed') return `drill failed: ${world.failure}`;
	if (world.outcome === 'timeout') return 'time ran out';
	const titles = revealed.map((id) => compiled.scenario.evidence.find((e) => e.id === id)?.title ?? id);
	return titles.length > 0 ? titles.join('; ') : 'nothing new';
}

/**
 * Solves fair par for one option set.
 * @returns the policy, its expected impact and its impact per variant, or null when the search
 *   is too large (more than MAX_BELIEF_STATES belief states)
 */
export function solveFair(compiled: CompiledScenario, options: Record<string, boolean> = {}): FairResult | null {
	const search = new FairSearch(compiled);
	const beliefs = initialBeliefs(search, options);
	const totalWeight = compiled.scenario.variants.reduce((s, v) => s + v.weight, 0);
	const perVariant = new Map<string, { minutes: number; clock: number }>();
	const roots: FairResult['roots'] = [];
	try {
		for (const belief of beliefs) {
			search.solve(belief, Infinity);
			roots.push({ variants: belief.map((m) => m.key), policy: buildTree(search, belief, perVariant) });
		}
	} catch (error) {
		if (error instanceof SearchTooLarge) return null;
		throw error;
	}
	const variants: FairVariant[] = hiddenWorlds(compiled).map((h) => {
		const got = perVariant.get(h.key)!;
		const omni = solveHidden(compiled, h, options)?.minutes;
		return {
			key: h.key,
			variant: h.variant,
			...(compiled.ranged.length > 0 ? { draws: h.draws } : {}),
			weight: h.weight,
			minutes: got.minutes,
			omniscientMinutes: omni ?? Infinity,
			clock: got.clock
		};
	});
	const expectedMinutes = variants.reduce((s, v) => s + v.weight * v.minutes, 0) / totalWeight;
	return {
		expectedMinutes,
		variants,
		policy: roots[0]?.policy ?? null,
		roots,
		leaks: [...search.leaks.values()],
		explored: search.explored
	};
}

/** Follows the solved policy from a belief, recording each variant's impact at its end. */
function buildTree(
	search: FairSearch,
	belief: Member[],
	perVariant: Map<string, { minutes: number; clock: number }>
): PolicyNode | null {
	const { compiled } = search;
	const first = belief[0]!.world;
	if (isOver(first)) {
		for (const m of belief) perVariant.set(m.key, { minutes: m.world.impact, clock: m.world.clock });
		return null;
	}
	let entry = search.memo.get(search.key(belief));
	if (!entry) {
		search.solve(belief, Infinity);
		entry = search.memo.get(search.key(belief))!;
	}
	const action = compiled.actions[entry.action]!;
	const weight = belief.reduce((s, m) => s + m.weight, 0);
	const node: PolicyNode = {
		action: action.def.id,
		label: action.def.label,
		at: first.clock,
		expectedMinutes: entry.cost / weight,
		variants: belief.map((m) => m.key),
		branches: []
	};
	const { children } = search.expand(belief, action);
	for (const child of children) {
		const w = child[0]!.world;
		// Recompute what was revealed for the label: advance the child's first member again.
		const source = belief.find((m) => m.key === child[0]!.key)!;
		const step = advance(compiled, source.world, action);
		node.branches.push({
			observation: describeObservation(compiled, step.revealed, w),
			variants: child.map((m) => m.key),
			next: buildTree(search, child, perVariant)
		});
	}
	return node;
}

/** The best fixed sequence: the same actions whatever the variant, each legal on every variant still playing. */
export interface BlindSequence {
	actions: string[];
	/** Expected impact over the variants. */
	expectedMinutes: number;
}

/**
 * Finds the fixed sequence of actions with the least expected impact: Dijkstra over the joint
 * worlds of every variant, an action allowed only when every variant still playing can take
 * it, ending when every variant is restored. Evidence means nothing to a blind player, so an
 * action that changes no flag, status or action on offer in any variant is skipped (waits aside).
 * @param within look only for a sequence whose expected impact is at most this (the lint asks no
 *   more): a joint state is dropped once each variant's impact so far, or its omniscient par
 *   where that is more, already weighs more than this, since no play ends below either
 * @returns the sequence, or null when none restores every variant (within the bound; or the
 *   search is too large)
 */
export function bestBlindSequence(
	compiled: CompiledScenario,
	options: Record<string, boolean> = {},
	limit = 200_000,
	within = Infinity
): BlindSequence | null {
	const variants = hiddenWorlds(compiled);
	const totalWeight = variants.reduce((s, v) => s + v.weight, 0);
	const pars = Number.isFinite(within)
		? variants.map((v) => solveHidden(compiled, v, options)?.minutes ?? Infinity)
		: null;
	const floor = (worlds: World[]) =>
		worlds.reduce((s, w, i) => s + variants[i]!.weight * Math.max(w.impact, pars![i]!), 0) / totalWeight;
	interface Joint {
		worlds: World[];
		cost: number;
		parent: Joint | null;
		action: string | null;
	}
	const cost = (worlds: World[]) => worlds.reduce((s, w, i) => s + variants[i]!.weight * w.impact, 0) / totalWeight;
	const keyOf = (worlds: World[]) => worlds.map((w) => stateKey(compiled, w, codesOf(compiled, w))).join(';');
	const heap = new MinHeap<Joint>();
	const best = new Map<string, number>();
	const done = new Set<string>();
	// Evidence means nothing here, so each variant's worlds carry only what conditions read.
	const views = variants.map((v) => specialise(compiled, v.variant, options));
	const start = variants.map((v, i) => startWorld(views[i]!, v.variant, options, v.draws));
	heap.push(0, 0, { worlds: start, cost: 0, parent: null, action: null });
	let explored = 0;
	for (let top = heap.pop(); top; top = heap.pop()) {
		const node = top.value;
		const key = keyOf(node.worlds);
		if (done.has(key)) continue;
		done.add(key);
		if (++explored > limit) return null;
		const playing = node.worlds.filter((w) => w.outcome === 'playing');
		if (playing.length === 0) {
			const actions: string[] = [];
			for (let n: Joint | null = node; n?.action; n = n.parent) actions.push(n.action);
			return { actions: actions.reverse(), expectedMinutes: node.cost };
		}
		// What the screen showed before, per world, computed once for every action tried.
		const before = node.worlds.map((w) =>
			w.outcome === 'playing' ? { status: statusSignature(compiled, w), offer: offerOf(compiled, w) } : null
		);
		for (const action of compiled.actions) {
			if (!playing.every((w) => canTake(w, action))) continue;
			let inert = action.until === null;
			const worlds = node.worlds.map((w, i) => {
				if (w.outcome !== 'playing') return w;
				const view = views[i]!;
				const step = advance(view, w, view.actions[action.index]!);
				inert &&=
					step.world.outcome === 'playing' &&
					!step.flagsChanged &&
					statusSignature(compiled, step.world) === before[i]!.status &&
					sameOffer(compiled, step.world, before[i]!.offer, action.index);
				return step.world;
			});
			if (inert || worlds.some((w) => w.outcome === 'failed' || w.outcome === 'timeout')) continue;
			const c = cost(worlds);
			const k = keyOf(worlds);
			if (done.has(k) || (best.get(k) ?? Infinity) <= c) continue;
			if (pars && floor(worlds) > within + EPSILON) continue;
			best.set(k, c);
			heap.push(c, Math.max(...worlds.map((w) => w.clock)), { worlds, cost: c, parent: node, action: action.def.id });
		}
	}
	return null;
}

/** What the screen says of each action in a world: available, or the reason it is not. */
function offerOf(compiled: CompiledScenario, world: World): string[] {
	return compiled.actions.map((a) => availabilityText(compiled, world, a));
}

/**
 * Whether a world offers every action but one (`except`, by index) as `offer` says, for a
 * world reached from the one `offer` was read in by a step that changed no flag and ended
 * nothing: only actions whose requirements or wait read more than flags, the variant and the
 * options (time, people, evidence, actions done) can have changed.
 */
function sameOffer(compiled: CompiledScenario, world: World, offer: string[], except: number): boolean {
	for (const a of offerMayChange(compiled))
		if (a.index !== except && availabilityText(compiled, world, a) !== offer[a.index]) return false;
	return true;
}

const mayChangeCache = new WeakMap<CompiledScenario, CompiledAction[]>();
/**
 * The actions whose availability (or reason) can change while the flags stay as they are and
 * nobody's work starts or ends: those whose requirements or wait read more than flags, the
 * variant and the options, and those whose person is not there from the start.
 */
function offerMayChange(compiled: CompiledScenario): CompiledAction[] {
	let out = mayChangeCache.get(compiled);
	if (!out) {
		const fixed = new Set(['variant', 'option', 'flag']);
		out = compiled.actions.filter(
			(a) =>
				a.byArrives > 0 ||
				[...a.def.requires.map((r) => r.when), ...(a.def.until ? [a.def.until] : [])].some((c) =>
					conditionRefs(c, '').some((ref) => !fixed.has(ref.kind))
				)
		);
		mayChangeCache.set(compiled, out);
	}
	return out;
}

/** Fair results depend only on the compiled scenario and the options, so they are cached per scenario. */
const fairCache = new WeakMap<CompiledScenario, Map<string, FairResult | null>>();

/** The key of an option set in the fair caches and in the tables worked out at build time: the options resolved. */
export function optionsKey(compiled: CompiledScenario, options: Record<string, boolean> = {}): string {
	return JSON.stringify(resolveOptions(compiled, options));
}

/**
 * `solveFair`, cached: options are resolved (defaults filled in) before they key the cache. A
 * result worked out at build time and primed (primed.ts) is taken as it is.
 */
export function fairFor(compiled: CompiledScenario, options: Record<string, boolean> = {}): FairResult | null {
	const key = optionsKey(compiled, options);
	const primed = primedFair(compiled, key);
	if (primed !== undefined) return primed;
	let cache = fairCache.get(compiled);
	if (!cache) fairCache.set(compiled, (cache = new Map()));
	if (!cache.has(key)) cache.set(key, solveFair(compiled, resolveOptions(compiled, options)));
	return cache.get(key)!;
}

/** Fair par per variant for some options: primed at build time, or from the fair search. */
function fairVariants(compiled: CompiledScenario, options: Record<string, boolean>): readonly FairVariant[] | null {
	const primed = primedFairPars(compiled, optionsKey(compiled, options));
	return primed !== undefined ? primed : (fairFor(compiled, options)?.variants ?? null);
}

/**
 * Both yardsticks for a drill: fair par on the seed's hidden world (its variant, and the
 * durations it drew), and omniscient par.
 * @returns null when the variant has no restore or the fair search is too large (the checker reports both)
 */
export function parsFor(
	compiled: CompiledScenario,
	seed: number,
	options: Record<string, boolean> = {}
): { fair: number; omniscient: number; variant: FairVariant } | null {
	const { key } = hiddenForSeed(compiled, seed);
	const variant = fairVariants(compiled, options)?.find((v) => v.key === key);
	if (!variant || !Number.isFinite(variant.omniscientMinutes)) return null;
	return { fair: variant.minutes, omniscient: variant.omniscientMinutes, variant };
}

/** The fair policy's moves on one hidden world (by key: world.ts `hiddenKeyOf`), in order. */
export function policyPath(result: FairResult, variant: string): Array<{ action: string; label: string; at: number }> {
	const out: Array<{ action: string; label: string; at: number }> = [];
	let node = result.roots.find((r) => r.variants.includes(variant))?.policy ?? null;
	while (node) {
		out.push({ action: node.action, label: node.label, at: node.at });
		node = node.branches.find((b) => b.variants.includes(variant))?.next ?? null;
	}
	return out;
}

/** Where a trainee first left the fair policy, and what it cost in expected minutes. */
export interface Departure {
	/** The trainee's action number (1-based, hints not counted). */
	step: number;
	at: number;
	/** What the screen had shown by then: the evidence titles. */
	seen: string[];
	/** The variants still possible at that moment. */
	possible: string[];
	best: { action: string; label: string; minutes: number; tellsApart: string[][] };
	yours: { action: string; label: string };
	/** Expected impact still to come after the best move, and after the trainee's. */
	expectedBest: number;
	expectedYours: number;
}

/**
 * The first point where a path left the fair policy (null when it never did, or when the
 * policy ended first): what had been seen, the best move and why, and what leaving cost.
 * @param actions the trainee's actions in order (hints left out)
 */
export function firstDeparture(
	compiled: CompiledScenario,
	options: Record<string, boolean>,
	variant: string,
	actions: readonly string[]
): Departure | null {
	const result = fairFor(compiled, options);
	if (!result) return null;
	const resolved = resolveOptions(compiled, options);
	const hidden = new Map<string, Hidden>(hiddenWorlds(compiled).map((h) => [h.key, h]));
	let node = result.roots.find((r) => r.variants.includes(variant))?.policy ?? null;
	if (!node) return null;
	let belief: Member[] = node.variants.map((key) => {
		const h = hidden.get(key)!;
		return { key, variant: h.variant, weight: h.weight, world: startWorld(compiled, h.variant, resolved, h.draws) };
	});
	const search = new FairSearch(compiled);
	for (let i = 0; i < actions.length && node; i++) {
		const mine = belief.find((m) => m.key === variant)!;
		if (actions[i] !== node.action) {
			const yours = compiled.actionById.get(actions[i]!);
			if (!yours || !canTake(mine.world, yours)) return null;
			const weight = belief.reduce((s, m) => s + m.weight, 0);
			const after = search.expand(belief, yours);
			let cost = after.added;
			for (const child of after.children) cost += search.solve(child, Infinity);
			return {
				step: i + 1,
				at: mine.world.clock,
				seen: Object.keys(mine.world.seen).map(
					(id) => compiled.scenario.evidence.find((e) => e.id === id)?.title ?? id
				),
				possible: belief.map((m) => m.variant),
				best: {
					action: node.action,
					label: node.label,
					minutes: durationOf(mine.world, compiled.actionById.get(node.action)!),
					tellsApart: node.branches.length > 1 ? node.branches.map((b) => b.variants) : []
				},
				yours: { action: yours.def.id, label: yours.def.label },
				expectedBest: node.expectedMinutes,
				expectedYours: cost / weight
			};
		}
		const action = compiled.actionById.get(node.action)!;
		const { children } = search.expand(belief, action);
		belief = children.find((c) => c.some((m) => m.key === variant))!;
		node = node.branches.find((b) => b.variants.includes(variant))?.next ?? null;
	}
	return null;
}
