import { loadScenarioPage, scenarioEntries } from '$lib/scenarios/page-load.ts';
import { openStorageEarly } from '$lib/state/persistence.svelte.ts';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = scenarioEntries;

/**
 * The scenario (its own chunk) and the drill's engine (XState and the session) load together,
 * in parallel, once the prerendered page is on screen, and the database opens beside them (a
 * drill in progress may be there): the drill needs all three, the first paint none.
 */
export const load: PageLoad = async ({ params }) => {
	openStorageEarly();
	const [page, { openDrill }] = await Promise.all([
		loadScenarioPage({ params }),
		import('$lib/state/drill-session.svelte.ts')
	]);
	return { ...page, openDrill };
};
