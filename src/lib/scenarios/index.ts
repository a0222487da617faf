/**
 * The scenarios bundled with the app, the seam the pages reach them through. This module is
 * the index, built at build time (vite-plugin.ts): each scenario's metadata, options, presets
 * and par ranges, small enough for any page (the catalogue reads nothing else). The scenarios
 * themselves load by id, each its own chunk, from load.ts.
 *
 * Scenarios from elsewhere (imported by an instructor) can join through the same two doors: an
 * entry in the index and a loader by id.
 */
import index from 'virtual:nightshift-scenario-index';
import type { CodeScenario } from '$lib/engine/drill-code.ts';
import type { ParRow, ScenarioEntry } from '$lib/engine/precompute.ts';
import { resolveOptions, type ScenarioSetup } from '$lib/engine/world.ts';
import { sameOptions } from '$lib/vocabulary.ts';

export type { ParRange, ParRow, ScenarioEntry } from '$lib/engine/precompute.ts';

/** Every bundled scenario, in catalogue order (by difficulty, then title). */
export const scenarioIndex: readonly ScenarioEntry[] = index;

/** The index entry of a bundled scenario, or null when there is none. */
export function scenarioEntry(id: string): ScenarioEntry | null {
	return scenarioIndex.find((e) => e.id === id) ?? null;
}

/** What setting a drill up needs of a scenario (drill-params.ts), from its index entry. */
export function setupOf(entry: ScenarioEntry): ScenarioSetup {
	return { scenario: { id: entry.id, options: entry.options }, optionIds: entry.options.map((o) => o.id) };
}

/** Par with the scenario's default options, as worked out at build time. */
export function defaultPar(entry: ScenarioEntry): ParRow | null {
	return entry.par.find((row) => row.defaults) ?? null;
}

/**
 * Par for a scenario under some options (defaults filled in), as worked out at build time.
 * @returns the row, or null for an option set the build did not solve (past 64 combinations)
 */
export function parFor(entry: ScenarioEntry, options: Record<string, boolean> = {}): ParRow | null {
	const resolved = resolveOptions(setupOf(entry), options);
	return entry.par.find((row) => sameOptions(row.options, resolved)) ?? null;
}

/**
 * Each bundled scenario's learning goals, by id: what the catalogue's search reads beyond the
 * index, in a chunk of its own so the catalogue's first load does not carry them.
 */
export async function loadLearningGoals(): Promise<Record<string, string[]>> {
	return (await import('virtual:nightshift-scenario-goals')).default;
}

/** What a drill code needs to know of each bundled scenario: its id and option order. */
export const codeScenarios: readonly CodeScenario[] = scenarioIndex.map((e) => ({
	id: e.id,
	optionIds: e.options.map((o) => o.id)
}));
