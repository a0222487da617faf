import { openStorageEarly } from '$lib/state/persistence.svelte.ts';

/** The history is all in the database: it opens (and Dexie loads) at once, beside the page's own code. */
export function load(): void {
	openStorageEarly();
}
