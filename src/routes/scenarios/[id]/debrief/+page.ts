import { error } from '@sveltejs/kit';
import { bundledScenarios, getScenario } from '$lib/scenarios/index.ts';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => bundledScenarios.map((s) => ({ id: s.id }));

// The query string (seed, mode, options, attempt) is read in the browser only, after mount.
export const load: PageLoad = ({ params }) => {
	if (!getScenario(params.id)) error(404, `No scenario "${params.id}"`);
	return { id: params.id };
};
