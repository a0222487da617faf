/**
 * Fair results worked out ahead, at build time (precompute.ts), held for `fairFor` and
 * `parsFor` (fair.ts) to find before they search. A module of its own, free of the solvers, so
 * that loading a scenario with its tables costs a page nothing until it scores a drill.
 *
 * The tables are read as the build wrote them, as JSON: omniscient par of a variant with no
 * restore (Infinity) is null there, and is turned back here.
 */
import type { CompiledScenario } from './compile.ts';
import type { FairResult, FairVariant } from './fair.ts';

const fairs = new WeakMap<CompiledScenario, Map<string, FairResult | null>>();
const pars = new WeakMap<CompiledScenario, Map<string, readonly FairVariant[] | null>>();

function cacheOf<T>(caches: WeakMap<CompiledScenario, Map<string, T>>, compiled: CompiledScenario): Map<string, T> {
	let cache = caches.get(compiled);
	if (!cache) caches.set(compiled, (cache = new Map()));
	return cache;
}

/** Variants read from JSON, with Infinity back where the build wrote null. */
function revive(variants: readonly FairVariant[] | null): FairVariant[] | null {
	return variants && variants.map((v) => ({ ...v, omniscientMinutes: v.omniscientMinutes ?? Infinity }));
}

/**
 * Hands over fair par per variant for a scenario's option sets, so scoring runs no search.
 * @param table each option set's variants by `optionsKey` (fair.ts); null where the search was too large
 */
export function primeFairPars(
	compiled: CompiledScenario,
	table: Readonly<Record<string, readonly FairVariant[] | null>>
): void {
	const cache = cacheOf(pars, compiled);
	for (const [key, variants] of Object.entries(table)) cache.set(key, revive(variants));
}

/**
 * Hands over the fair results with their policy trees, so the debrief's best play runs no search.
 * @param table results by `optionsKey` (fair.ts); null where the search was too large
 */
export function primeFair(compiled: CompiledScenario, table: Readonly<Record<string, FairResult | null>>): void {
	const cache = cacheOf(fairs, compiled);
	for (const [key, result] of Object.entries(table))
		cache.set(key, result && { ...result, variants: revive(result.variants)! });
}

/** A primed fair result: the result, null (the search was too large), or undefined when none was primed. */
export function primedFair(compiled: CompiledScenario, key: string): FairResult | null | undefined {
	return fairs.get(compiled)?.get(key);
}

/** Primed fair par per variant: the variants, null, or undefined when none was primed. */
export function primedFairPars(compiled: CompiledScenario, key: string): readonly FairVariant[] | null | undefined {
	const fair = primedFair(compiled, key);
	return fair !== undefined ? (fair?.variants ?? null) : pars.get(compiled)?.get(key);
}
