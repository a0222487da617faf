import { error } from '@sveltejs/kit';
import type { Scenario } from '$lib/scenario/schema.ts';
import { loadScenario } from '$lib/scenarios/load.ts';
import { scenarioEntries } from '$lib/scenarios/page-load.ts';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = scenarioEntries;

/** What the briefing shows of a scenario: the situation and the set-up, not the drill itself. */
export type BriefingScenario = Pick<
	Scenario,
	'id' | 'title' | 'difficulty' | 'estimatedMinutes' | 'start' | 'briefing' | 'learningGoals'
> & { world: Pick<Scenario['world'], 'description' | 'people'> };

/**
 * The briefing's text, read while prerendering and sent inside the page: the briefing never
 * loads the scenario's own chunk (actions, evidence), only the catalogue's index for its
 * options, presets and par.
 */
export const load: PageServerLoad = async ({ params }) => {
	const compiled = await loadScenario(params.id);
	if (!compiled) error(404, `No scenario "${params.id}"`);
	const s = compiled.scenario;
	const briefing: BriefingScenario = {
		id: s.id,
		title: s.title,
		difficulty: s.difficulty,
		estimatedMinutes: s.estimatedMinutes,
		start: s.start,
		briefing: s.briefing,
		learningGoals: s.learningGoals,
		world: { description: s.world.description, people: s.world.people }
	};
	return { id: params.id, briefing };
};
