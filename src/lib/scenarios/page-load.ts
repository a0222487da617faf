/**
 * What the pages under `/scenarios/<id>/` load: one page per bundled scenario, and for the
 * drill and the debrief the scenario itself, loaded by id (its own chunk) before the page
 * renders, while prerendering and again in the browser. What varies per drill (seed, mode,
 * options, the attempt) is in the query string, which prerendered pages don't see: the pages
 * read it in the browser, after mount.
 */
import { error } from '@sveltejs/kit';
import type { CompiledScenario } from '$lib/engine/compile.ts';
import { bundledIds, loadScenario } from './load.ts';

/** The ids to prerender a page for: every bundled scenario (SvelteKit's `entries`). */
export function scenarioEntries(): Array<{ id: string }> {
	return bundledIds().map((id) => ({ id }));
}

/**
 * Loads a scenario's page (SvelteKit's `load`).
 * @returns the scenario's id and the scenario, compiled; an id no bundled scenario has is a 404
 */
export async function loadScenarioPage({
	params
}: {
	params: { id: string };
}): Promise<{ id: string; compiled: CompiledScenario }> {
	const compiled = await loadScenario(params.id);
	if (!compiled) error(404, `No scenario "${params.id}"`);
	return { id: params.id, compiled };
}

