/**
 * The scenarios bundled with the app, checked at build time (see scenario/vite-plugin.ts)
 * and compiled once on first use.
 */
import type { Scenario } from '$lib/scenario/schema.ts';
import { compileScenario, type CompiledScenario } from '$lib/engine/compile.ts';

const files = import.meta.glob<Scenario>('/scenarios/*.yaml', { eager: true, import: 'default' });

/** Every bundled scenario, in catalogue order (by difficulty, then title). */
export const bundledScenarios: readonly Scenario[] = Object.values(files).sort((a, b) => {
	const rank = { introductory: 0, intermediate: 1, advanced: 2 } as const;
	return rank[a.difficulty] - rank[b.difficulty] || a.title.localeCompare(b.title);
});

const compiled = new Map<string, CompiledScenario>();

/** The compiled scenario with this id, or null when there is none. */
export function getScenario(id: string): CompiledScenario | null {
	const scenario = bundledScenarios.find((s) => s.id === id);
	if (!scenario) return null;
	let c = compiled.get(id);
	if (!c) compiled.set(id, (c = compileScenario(scenario)));
	return c;
}

/** The compiled scenario with this id and version (for verifying result files), or null. */
export function getScenarioVersion(id: string, version: number): CompiledScenario | null {
	const c = getScenario(id);
	return c && c.scenario.version === version ? c : null;
}

/** What a drill code needs to know of each bundled scenario: its id and option order. */
export const codeScenarios: ReadonlyArray<{ id: string; optionIds: readonly string[] }> = bundledScenarios.map((s) => ({
	id: s.id,
	optionIds: s.options.map((o) => o.id)
}));
