import { error } from '@sveltejs/kit';
import { resolveOptions } from '$lib/engine/world.ts';
import { fairFor } from '$lib/engine/fair.ts';
import { getScenario } from '$lib/scenarios/index.ts';
import { scenarioEntries } from '$lib/scenarios/page-load.ts';
import { parRange } from '$lib/state/debrief.ts';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = scenarioEntries;

/**
 * Fair par over every variant for the default options and for each preset, solved while
 * prerendering: the briefing shows how preparedness changes par without running a solver.
 */
export const load: PageServerLoad = ({ params }) => {
	const compiled = getScenario(params.id);
	if (!compiled) error(404, `No scenario "${params.id}"`);
	const sets = [resolveOptions(compiled), ...compiled.scenario.presets.map((p) => resolveOptions(compiled, p.options))];
	const seen = new Set<string>();
	const par: Array<{ options: Record<string, boolean>; range: { min: number; max: number } | null }> = [];
	for (const options of sets) {
		const key = JSON.stringify(options);
		if (seen.has(key)) continue;
		seen.add(key);
		const fair = fairFor(compiled, options);
		par.push({ options, range: parRange(compiled, (v) => fair?.variants.find((x) => x.variant === v)?.minutes ?? null) });
	}
	return { id: params.id, par };
};
