/**
 * Where a scenario's pages are: a bundled scenario's under `/scenarios/<id>/` (one prerendered
 * page each), an imported one's under `/imported/` with its content hash in the query string
 * (the same prerendered pages for every imported scenario). The screens build their links
 * through these, so one screen serves both.
 */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export interface ScenarioPaths {
	/** The briefing (with an optional query, e.g. a team drill's). */
	briefing(query?: string): ResolvedPathname;
	/** The drill page for a set-up (`drillQuery`). */
	play(query: string): ResolvedPathname;
	/** The debrief of an attempt. */
	debrief(attemptId: string): ResolvedPathname;
}

const withQuery = (query?: string) => (query ? `?${query}` : '');

/** A bundled scenario's pages. */
export function bundledPaths(id: string): ScenarioPaths {
	return {
		briefing: (query) => resolve(`/scenarios/${id}/${withQuery(query)}`),
		play: (query) => resolve(`/scenarios/${id}/play/?${query}`),
		debrief: (attemptId) => resolve(`/scenarios/${id}/debrief/?attempt=${encodeURIComponent(attemptId)}`)
	};
}

/** An imported scenario's pages, by its content hash. */
export function importedPaths(hash: string): ScenarioPaths {
	return {
		briefing: (query) => resolve(`/imported/?s=${hash}${query ? `&${query}` : ''}`),
		play: (query) => resolve(`/imported/play/?s=${hash}&${query}`),
		debrief: (attemptId) => resolve(`/imported/debrief/?s=${hash}&attempt=${encodeURIComponent(attemptId)}`)
	};
}

/** The pages of the scenario an attempt or drill names: imported when it has a content hash. */
export function pathsFor(scenario: { id: string; hash?: string | null }): ScenarioPaths {
	return scenario.hash ? importedPaths(scenario.hash) : bundledPaths(scenario.id);
}
