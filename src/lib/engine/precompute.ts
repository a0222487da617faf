/**
 * What the app needs of a bundled scenario that takes a solver to know, worked out once at
 * build time (src/lib/scenarios/vite-plugin.ts) instead of in a trainee's browser: fair par per
 * variant for every option set the checker tries (what scoring a drill needs: the search takes
 * up to 2 s for http4-night), the fair policy trees (what the debrief shows), and the par
 * ranges the catalogue and the briefing show. The same solver produces them here as in the
 * browser, and `primeFair`/`primeFairPars` (primed.ts) hand them to it, so a page that has them
 * never runs the search and gets exactly what it would have computed.
 *
 * Everything returned is plain JSON: `omniscientMinutes` of a variant with no restore
 * (Infinity) is written as null, and primed.ts turns it back.
 */
import type { Preset, Scenario, ScenarioOption } from '../scenario/schema.ts';
import type { Difficulty } from '../vocabulary.ts';
import { optionCombinations } from './check.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import { optionsKey, solveFair, type FairResult, type FairVariant } from './fair.ts';
import { solveVariant } from './solver.ts';
import { resolveOptions } from './world.ts';

/** The least and the most over the hidden variants, in minutes of customer impact. */
export interface ParRange {
	min: number;
	max: number;
}

/** Par for one option set: omniscient ("if you had known") and fair (from the evidence alone). */
export interface ParRow {
	/** Resolved options (every option named). */
	options: Record<string, boolean>;
	/** True for the scenario's default options (what the catalogue shows). */
	defaults: boolean;
	omniscient: ParRange | null;
	fair: ParRange | null;
}

/** What the catalogue, the briefing and drill codes know of a bundled scenario before loading it. */
export interface ScenarioEntry {
	id: string;
	version: number;
	title: string;
	summary: string;
	difficulty: Difficulty;
	estimatedMinutes: number;
	tags: string[];
	/**
	 * What the scenario practises (the catalogue's search reads them). An entry that travels on
	 * its own (an imported scenario's) has them; the bundled index leaves them to a chunk of their
	 * own that the catalogue loads when a search needs it (vite-plugin.ts).
	 */
	learningGoals?: string[];
	/** The real night's time to restore, where there is one. */
	historicalMinutes: number | null;
	options: ScenarioOption[];
	presets: Preset[];
	/** One row per option set the checker tries (every combination when there are few options). */
	par: ParRow[];
}

/** Fair par per variant, by `optionsKey`: what scoring needs (null: the search was too large). */
export type FairParsTable = Record<string, FairVariant[] | null>;
/** The fair results with their policy trees, by `optionsKey`: what the debrief needs. */
export type FairTable = Record<string, FairResult | null>;

export interface Precomputed {
	entry: ScenarioEntry;
	pars: FairParsTable;
	fair: FairTable;
	/** Milliseconds the fair searches took (the build prints them). */
	ms: number;
}

const range = (values: number[]): ParRange | null => {
	const finite = values.filter(Number.isFinite);
	return finite.length ? { min: Math.min(...finite), max: Math.max(...finite) } : null;
};

/** A FairVariant as JSON: Infinity (no restore) becomes null. */
const jsonVariant = (v: FairVariant): FairVariant =>
	({
		...v,
		omniscientMinutes: Number.isFinite(v.omniscientMinutes) ? v.omniscientMinutes : null
	}) as unknown as FairVariant;

/**
 * Works out, for every option set the checker tries, the fair result and par ranges.
 * @param scenario a valid scenario (the build checks it first)
 * @param compiled the same scenario compiled, when the caller has it
 * @param fair how to solve fair par for an option set (a caller that has solved some already, as
 *   the checker's lints have, passes its cache: `fairFor`)
 */
export function precompute(
	scenario: Scenario,
	compiled: CompiledScenario = compileScenario(scenario),
	fair: (compiled: CompiledScenario, options: Record<string, boolean>) => FairResult | null = solveFair
): Precomputed {
	const pars: FairParsTable = {};
	const results: FairTable = {};
	const par: ParRow[] = [];
	const start = performance.now();
	const defaultsKey = optionsKey(compiled, {});
	for (const options of optionCombinations(scenario)) {
		const resolved = resolveOptions(compiled, options);
		const key = optionsKey(compiled, resolved);
		if (key in results) continue;
		const result = fair(compiled, resolved);
		const variants = result ? result.variants.map(jsonVariant) : null;
		pars[key] = variants;
		results[key] = result ? { ...result, variants: variants! } : null;
		par.push({
			options: resolved,
			defaults: key === defaultsKey,
			// Without a fair result (the search too large), omniscient par still has its own solver.
			omniscient: range(
				result?.variants.map((v) => v.omniscientMinutes) ??
					compiled.variantIds.map((v) => solveVariant(compiled, v, resolved)?.minutes ?? Infinity)
			),
			fair: range(result?.variants.map((v) => v.minutes) ?? [])
		});
	}
	const ms = performance.now() - start;
	const entry: ScenarioEntry = {
		id: scenario.id,
		version: scenario.version,
		title: scenario.title,
		summary: scenario.summary,
		difficulty: scenario.difficulty,
		estimatedMinutes: scenario.estimatedMinutes,
		tags: scenario.tags,
		learningGoals: scenario.learningGoals,
		historicalMinutes: scenario.historical?.minutes ?? null,
		options: scenario.options,
		presets: scenario.presets,
		par
	};
	return { entry, pars, fair: results, ms };
}

/** Catalogue order: by difficulty, then title. */
export function catalogueOrder(a: Pick<ScenarioEntry, 'difficulty' | 'title'>, b: typeof a): number {
	const rank: Record<Difficulty, number> = { introductory: 0, intermediate: 1, advanced: 2 };
	return rank[a.difficulty] - rank[b.difficulty] || a.title.localeCompare(b.title);
}
