import { error } from '@sveltejs/kit';
import { loadScenario } from '$lib/scenarios/load.ts';
import { scenarioEntries } from '$lib/scenarios/page-load.ts';
import { briefingOf } from '$lib/state/briefing.ts';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = scenarioEntries;

/**
 * The briefing's text, read while prerendering and sent inside the page: the briefing never
 * loads the scenario's own chunk (actions, evidence), only the catalogue's index for its
 * options, presets and par.
 */
export const load: PageServerLoad = async ({ params }) => {
	const compiled = await loadScenario(params.id);
	if (!compiled) error(404, `No scenario "${params.id}"`);
	return { id: params.id, briefing: briefingOf(compiled.scenario) };
};
