/**
 * The whole check of a scenario file: parse, schema, references, then meaning found by
 * exploring the machine: variants with no path to restore, actions that never become
 * available, and dead ends (states, not declared failures, from which no restore is reachable).
 */
import type { ScenarioIssue } from '../scenario/errors.ts';
import { parseScenario } from '../scenario/parse.ts';
import { locateIssues } from '../scenario/locate.ts';
import type { Scenario } from '../scenario/schema.ts';
import { checkReferences } from '../scenario/validate.ts';
import { compileScenario, type CompiledAction, type CompiledScenario } from './compile.ts';
import { specialise, timeOnly } from './specialise.ts';
import { whyUnavailable } from './why.ts';
import {
	advance,
	canTake,
	crossings,
	durationOf,
	hiddenForSeed,
	hiddenWorlds,
	resolveOptions,
	startWorld,
	variantForSeed,
	type World
} from './world.ts';
import { bestBlindSequence, fairFor, type BlindSequence } from './fair.ts';
import { isRestored } from '../vocabulary.ts';
import { replay } from './replay.ts';
import { codesOf, nextCodes, stateKey, type StateCodes } from './solver.ts';
import { timeAt } from './time.ts';

/** Exploration stops (and says so) past this many states per variant and option set. */
export const MAX_EXPLORED_STATES = 200_000;
/** Beyond this many options, only the defaults, the presets, all-on and all-off are checked. */
const MAX_OPTION_COMBINATIONS = 64;

export type CheckResult =
	{ ok: true; compiled: CompiledScenario } | { ok: false; compiled: CompiledScenario | null; issues: ScenarioIssue[] };

/** Every option set the checker tries: all combinations when there are few options. */
export function optionCombinations(s: Scenario): Array<Record<string, boolean>> {
	const ids = s.options.map((o) => o.id);
	if (2 ** ids.length <= MAX_OPTION_COMBINATIONS) {
		return Array.from({ length: 2 ** ids.length }, (_, mask) =>
			Object.fromEntries(ids.map((id, bit) => [id, (mask & (1 << bit)) !== 0]))
		);
	}
	const all = (v: boolean) => Object.fromEntries(ids.map((id) => [id, v]));
	const defaults = Object.fromEntries(s.options.map((o) => [o.id, o.default]));
	return [defaults, all(true), all(false), ...s.presets.map((p) => ({ ...defaults, ...p.options }))];
}

/** Describes an option set for messages: `{providerKernelBoot: on, spareServer: off}`. */
export function describeOptions(options: Record<string, boolean>): string {
	const parts = Object.entries(options).map(([k, v]) => `${k}: ${v ? 'on' : 'off'}`);
	return parts.length ? `{${parts.join(', ')}}` : 'the default options';
}

interface ExploreNode {
	world: World;
	codes: StateCodes;
	parent: number;
	action: string | null;
	next: number[];
}

/** How many clock thresholds (static and `since`) lie at or before the world's clock. */
function timeClass(compiled: CompiledScenario, world: World): number {
	let n = 0;
	for (const t of compiled.thresholds) if (t <= world.clock) n++;
	for (const { action, minutes } of compiled.sinceRefs) {
		const done = world.doneAt[action];
		if (done !== undefined && done + minutes <= world.clock) n++;
	}
	return n;
}

/**
 * Explores every state reachable for a variant and option set. States that agree on world
 * state (as `specialise` sees it) and on which time thresholds have passed behave alike, so
 * only the earliest is kept; every state where the drill is over is kept once per ending
 * (outcome and failure), since nothing follows from it.
 */
export function explore(
	compiled: CompiledScenario,
	variant: string,
	options: Record<string, boolean>,
	draws?: Readonly<Record<string, number>>
) {
	const seen = specialise(compiled, variant, options);
	const inert = timeOnly(seen) ?? [];
	const nodes: ExploreNode[] = [];
	const expanded: boolean[] = [];
	const index = new Map<string, number>();
	const available = new Set<string>();
	const buckets: number[][] = [];
	const keyOf = (world: World, codes: StateCodes) =>
		world.outcome === 'playing'
			? `${stateKey(seen, world, codes, false)}@${timeClass(seen, world)}`
			: `${world.outcome}:${world.failure ?? ''}`;
	const add = (world: World, codes: StateCodes, key: string, parent: number, action: string | null) => {
		let id = index.get(key);
		if (id === undefined) {
			id = nodes.length;
			nodes.push({ world, codes, parent, action, next: [] });
			expanded.push(false);
			index.set(key, id);
			(buckets[world.clock] ??= []).push(id);
		} else if (!expanded[id] && world.clock < nodes[id]!.world.clock) {
			// Found earlier than first seen: keep the earliest, as the comment above promises.
			nodes[id] = { world, codes, parent, action, next: nodes[id]!.next };
			(buckets[world.clock] ??= []).push(id);
		}
		if (parent >= 0) nodes[parent]!.next.push(id);
	};
	const start = startWorld(seen, variant, options, draws);
	const startCodes = codesOf(seen, start);
	add(start, startCodes, keyOf(start, startCodes), -1, null);
	let complete = true;
	for (let clock = 0; clock < buckets.length && complete; clock++) {
		for (const id of buckets[clock] ?? []) {
			const { world, codes } = nodes[id]!;
			if (expanded[id] || world.clock !== clock) continue;
			expanded[id] = true;
			if (world.outcome !== 'playing') continue;
			if (nodes.length > MAX_EXPLORED_STATES) {
				complete = false;
				break;
			}
			const here = keyOf(world, codes);
			const waited = new Set<number>();
			// With nobody else at work, nothing changes by time passing alone till the next
			// threshold: once-only actions of the trainee's that only let time pass and end before
			// it all lead to one state, which the shortest reaches first; only it is played. (While
			// others work, the time their work has left is part of the state.)
			const horizon = world.running ? -Infinity : nextThreshold(seen, world);
			const play = (action: CompiledAction) => {
				let step = advance(seen, world, action);
				let next = nextCodes(seen, codes, action, step);
				let key = keyOf(step.world, next);
				// An action that only lets time pass (a wait, a repeated check) would fold back into
				// this state; keep repeating it, as a trainee who keeps waiting would, until something
				// changes or a time threshold passes.
				while (key === here && canTake(step.world, action)) {
					// Nothing can change before the next threshold, so skip the repeats that end
					// before it and play the one that crosses it.
					const { clock: now } = step.world;
					const minutes = durationOf(step.world, action);
					const skip = Math.max(0, Math.ceil((nextThreshold(seen, step.world) - now) / minutes) - 1);
					const at = now + skip * minutes;
					const from =
						skip === 0
							? step.world
							: { ...step.world, clock: at, doneAt: { ...step.world.doneAt, [action.def.id]: at } };
					step = advance(seen, from, action);
					next = nextCodes(seen, next, action, step);
					key = keyOf(step.world, next);
				}
				add(step.world, next, key, id, action.def.id);
			};
			let quiet: CompiledAction | null = null;
			for (const action of seen.actions) {
				if (!canTake(world, action)) continue;
				available.add(action.def.id);
				if (inert[action.index]) {
					const minutes = durationOf(world, action);
					if (
						!action.def.repeatable &&
						action.by === null &&
						!action.waitsForOthers &&
						world.clock + minutes < horizon
					) {
						if (!quiet || minutes < durationOf(world, quiet)) quiet = action;
						continue;
					}
					// Repeatable ones are played on to the next threshold below; once-only ones are not.
					const kind = action.def.repeatable ? -minutes : minutes;
					if (waited.has(kind)) continue;
					waited.add(kind);
				}
				play(action);
			}
			if (quiet) play(quiet);
		}
	}
	return { nodes, available, complete };
}

/** The first clock minute after the world's clock at which a time condition may change. */
function nextThreshold(compiled: CompiledScenario, world: World): number {
	let next = Infinity;
	for (const t of compiled.thresholds) {
		if (t > world.clock) {
			next = t;
			break;
		}
	}
	for (const { action, minutes } of compiled.sinceRefs) {
		const done = world.doneAt[action];
		if (done !== undefined && done + minutes > world.clock) next = Math.min(next, done + minutes);
	}
	return next;
}

function pathTo(nodes: ExploreNode[], id: number): string[] {
	const out: string[] = [];
	for (let n = nodes[id]!; n.action; n = nodes[n.parent]!) out.push(n.action);
	return out.reverse();
}

/**
 * Finds the problems that only play reveals.
 * @param file the name used in messages
 */
export function analyse(compiled: CompiledScenario, file: string): ScenarioIssue[] {
	const s = compiled.scenario;
	const issues: ScenarioIssue[] = [];
	const everAvailable = new Set<string>();
	const reachedWorlds: World[] = [];
	const blockedWaits = new Set<string>();
	const start = s.start.time;
	// Past the state limit once, the scenario is too large to check: say so once and stop there,
	// rather than explore every other variant and option set (and run the lints' searches) to the limit.
	let tooLarge = false;
	const hidden = hiddenWorlds(compiled);
	for (const options of optionCombinations(s)) {
		hidden.forEach(({ variant: id, draws }) => {
			if (tooLarge) return;
			const vi = s.variants.findIndex((v) => v.id === id);
			const drawn = Object.entries(draws).map(([a, m]) => `"${a}" taking ${m} min`);
			const where = `variant "${id}"${drawn.length ? ` with ${drawn.join(', ')}` : ''} with ${describeOptions(options)}`;
			const { nodes, available, complete } = explore(compiled, id, options, draws);
			available.forEach((a) => everAvailable.add(a));
			for (const n of nodes) if (n.world.outcome === 'playing') reachedWorlds.push(n.world);
			if (!s.allow.some((a) => a.lint === 'wait'))
				for (const n of nodes)
					for (const a of compiled.actions) {
						if (blockedWaits.has(a.def.id)) continue;
						const t = blockedWait(compiled, n.world, a);
						if (t === null) continue;
						blockedWaits.add(a.def.id);
						issues.push({
							file,
							path: `actions[${a.index}].until`,
							message: `wait: "${a.def.id}" says there is nothing to wait for at ${timeAt(n.world.clock, start)} after [${pathTo(nodes, nodes.indexOf(n)).join(', ')}], while what it would show is still ahead at ${timeAt(t, start)} (${where})`
						});
					}
			if (!complete) {
				tooLarge = true;
				issues.push({
					file,
					path: `variants[${vi}]`,
					message: `${where}: more than ${MAX_EXPLORED_STATES} states to explore; simplify the scenario`
				});
				return;
			}
			// The exploration reaches every state play can: a restore among them is a path to it.
			if (!nodes.some((n) => isRestored(n.world.outcome))) {
				issues.push({ file, path: `variants[${vi}]`, message: `${where} has no path to restore` });
				return;
			}
			// Dead ends: playing states from which no restore can be reached.
			const canRestore = nodes.map((n) => isRestored(n.world.outcome));
			const into: number[][] = nodes.map(() => []);
			nodes.forEach((n, i) => n.next.forEach((j) => into[j]!.push(i)));
			const queue = canRestore.flatMap((ok, i) => (ok ? [i] : []));
			while (queue.length > 0) {
				for (const i of into[queue.pop()!]!) {
					if (!canRestore[i]) {
						canRestore[i] = true;
						queue.push(i);
					}
				}
			}
			const dead = nodes.findIndex((n, i) => n.world.outcome === 'playing' && !canRestore[i]);
			if (dead >= 0) {
				const path = pathTo(nodes, dead);
				const at = timeAt(nodes[dead]!.world.clock, start);
				issues.push({
					file,
					path: `variants[${vi}]`,
					message: `${where}: dead end at ${at} after [${path.join(', ')}]: no restore can be reached from there and no failure is declared`
				});
			}
		});
	}
	if (tooLarge) return issues;
	issues.push(...lint(compiled, file));
	s.actions.forEach((a, i) => {
		if (!everAvailable.has(a.id)) {
			const why = whyUnavailable(compiled, compiled.actions[i]!, { worlds: reachedWorlds, available: everAvailable });
			issues.push({ file, path: `actions[${i}]`, message: `action "${a.id}" can never become available: ${why}` });
		}
	});
	if (s.historical) {
		const h = s.historical;
		const preset = s.presets.find((p) => p.id === h.preset);
		const seed = seedForVariant(compiled, h.variant);
		if (seed === null) {
			issues.push({ file, path: 'historical.variant', message: `no seed picks variant "${h.variant}"` });
		} else {
			const run = replay(
				compiled,
				{ seed, options: preset?.options ?? {} },
				h.path.map((action) => ({ type: 'action', action }))
			);
			if (run.error) issues.push({ file, path: 'historical.path', message: run.error });
			else if (!isRestored(run.state.outcome))
				issues.push({
					file,
					path: 'historical.path',
					message: `ends "${run.state.outcome}" at ${timeAt(run.state.clock, start)}, not restored`
				});
		}
	}
	return issues;
}

/** Blind play within this ratio of the fair policy's expected impact is an error. */
export const BLIND_PLAY_RATIO = 1.1;

/**
 * The scenario lints, for the default options and each preset: blind play (a fixed sequence
 * whatever the variant comes within 10% of the fair policy), leaks (an action's availability
 * or reason differs between variants the screen can't tell apart), and waits that say there is
 * nothing to wait for while what they would show is still ahead. A scenario may opt out of a
 * lint with `allow: [{ lint, reason }]`.
 */
export function lint(compiled: CompiledScenario, file: string): ScenarioIssue[] {
	const s = compiled.scenario;
	const allowed = new Set(s.allow.map((a) => a.lint));
	const issues: ScenarioIssue[] = [];
	const sets = [
		{ name: 'the default options', options: {} as Record<string, boolean> },
		...s.presets.map((p) => ({ name: `preset "${p.id}"`, options: p.options }))
	];
	const leaks = new Set<string>();
	for (const { name, options } of sets) {
		const fair = fairFor(compiled, options);
		if (!fair) {
			issues.push({ file, path: 'variants', message: `${name}: the fair search is too large; simplify the scenario` });
			continue;
		}
		if (!allowed.has('leak'))
			for (const leak of fair.leaks) {
				if (leaks.has(leak.action)) continue;
				leaks.add(leak.action);
				const i = s.actions.findIndex((a) => a.id === leak.action);
				issues.push({
					file,
					path: `actions[${i}]`,
					message: `leak: whether "${leak.action}" is available (or why not) differs between variants ${leak.variants.map((v) => `"${v}"`).join(', ')} at ${timeAt(leak.at, s.start.time)}, before the screen tells them apart (${name})`
				});
			}
		if (!allowed.has('blind-play')) {
			const blind = blindFor(compiled, options, BLIND_PLAY_RATIO * fair.expectedMinutes);
			if (blind && blind.expectedMinutes <= BLIND_PLAY_RATIO * fair.expectedMinutes)
				issues.push({
					file,
					path: 'variants',
					message: `blind play: [${blind.actions.join(', ')}] restores every variant without reading the evidence in ${blind.expectedMinutes.toFixed(1)} expected minutes of impact, within ${Math.round((BLIND_PLAY_RATIO - 1) * 100)}% of the fair policy's ${fair.expectedMinutes.toFixed(1)} (${name})`
				});
		}
	}
	return issues;
}

/** The best fixed sequence depends only on the compiled scenario, the options and the bound: cached per scenario. */
const blindCache = new WeakMap<CompiledScenario, Map<string, BlindSequence | null>>();

/**
 * `bestBlindSequence`, cached (the lint and the authoring report both read it).
 * @param within the lint's bound: only a sequence within it is looked for (much less search)
 */
export function blindFor(
	compiled: CompiledScenario,
	options: Record<string, boolean> = {},
	within = Infinity
): BlindSequence | null {
	const key = `${JSON.stringify(resolveOptions(compiled, options))}<${within}`;
	let cache = blindCache.get(compiled);
	if (!cache) blindCache.set(compiled, (cache = new Map()));
	if (!cache.has(key)) cache.set(key, bestBlindSequence(compiled, options, undefined, within));
	return cache.get(key)!;
}

/**
 * A wait that says "nothing to wait for" while evidence it would show is still ahead: its
 * `until` holds, yet one of its reveals, not yet seen, would begin to hold by time passing alone.
 */
export function blockedWait(compiled: CompiledScenario, world: World, action: CompiledAction): number | null {
	if (!action.until || world.outcome !== 'playing' || !action.until(world)) return null;
	if (!action.requires.every((r) => r.when(world))) return null;
	for (const t of crossings(compiled, world, world.clock, compiled.scenario.limitMinutes)) {
		const later: World = { ...world, clock: t };
		for (const r of action.reveals)
			if (world.seen[r.evidence] === undefined && r.when && !r.when(world) && r.when(later)) return t;
	}
	return null;
}

/** The smallest seed that picks a variant (for tests and the historical replay), or null. */
export function seedForVariant(compiled: CompiledScenario, variant: string, tries = 10_000): number | null {
	for (let seed = 0; seed < tries; seed++) {
		if (variantForSeed(compiled, seed) === variant) return seed;
	}
	return null;
}

/** The smallest seed that picks a hidden world (a variant and its draws, by key), or null. */
export function seedForHidden(compiled: CompiledScenario, key: string, tries = 100_000): number | null {
	for (let seed = 0; seed < tries; seed++) {
		if (hiddenForSeed(compiled, seed).key === key) return seed;
	}
	return null;
}

/**
 * Checks a scenario file's text completely and reports every problem at once.
 * @param text the file's contents
 * @param file the name used in messages
 */
export function checkScenarioText(text: string, file: string): CheckResult {
	const parsed = parseScenario(text, file);
	if (!parsed.ok) return { ok: false, compiled: null, issues: parsed.issues };
	const result = checkScenario(parsed.value, file);
	return result.ok ? result : { ...result, issues: locateIssues(parsed.source, result.issues) };
}

/** Checks a schema-valid scenario: references, then analysis. */
export function checkScenario(scenario: Scenario, file: string): CheckResult {
	const refs = checkReferences(scenario, file);
	if (refs.length > 0) return { ok: false, compiled: null, issues: refs };
	const compiled = compileScenario(scenario);
	const issues = analyse(compiled, file);
	return issues.length > 0 ? { ok: false, compiled, issues } : { ok: true, compiled };
}
