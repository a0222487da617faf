/**
 * What the pages under `/scenarios/<id>/` load while prerendering: one page per bundled
 * scenario, and its id, checked. What varies per drill (seed, mode, options, the attempt) is in
 * the query string, which prerendered pages don't see: the pages read it in the browser, after
 * mount.
 */
import { error } from '@sveltejs/kit';
import { bundledScenarios, getScenario } from './index.ts';

/** The ids to prerender a page for: every bundled scenario (SvelteKit's `entries`). */
export function scenarioEntries(): Array<{ id: string }> {
	return bundledScenarios.map((s) => ({ id: s.id }));
}

/**
 * Loads a scenario's page (SvelteKit's `load`).
 * @returns the scenario's id; an id no bundled scenario has is a 404
 */
export function loadScenarioPage({ params }: { params: { id: string } }): { id: string } {
	if (!getScenario(params.id)) error(404, `No scenario "${params.id}"`);
	return { id: params.id };
}
