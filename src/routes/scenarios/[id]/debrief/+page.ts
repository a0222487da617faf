import { loadScenarioPage, scenarioEntries } from '$lib/scenarios/page-load.ts';
import { openStorageEarly } from '$lib/state/persistence.svelte.ts';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = scenarioEntries;

/** The scenario (its own chunk), with the database opening beside it: the attempt is in there. */
export const load: PageLoad = ({ params }) => {
	openStorageEarly();
	return loadScenarioPage({ params });
};
