import { browser } from '$app/environment';
import { loadScenarioPage, scenarioEntries } from '$lib/scenarios/page-load.ts';
import { preloadFairResults } from '$lib/scenarios/load.ts';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = scenarioEntries;

/**
 * The scenario (its own chunk), with its fair results (another) fetched beside it rather than
 * after the page has mounted. The attempt is read once mounted, without Dexie (state/attempts.ts).
 */
export const load: PageLoad = ({ params }) => {
	if (browser) preloadFairResults(params.id);
	return loadScenarioPage({ params });
};
