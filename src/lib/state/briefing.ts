/**
 * What the briefing shows of a scenario: the situation and the set-up, not the drill itself.
 * A bundled scenario's is read while prerendering and sent inside the page (the briefing never
 * loads the scenario's chunk); an imported scenario's comes from the scenario, opened.
 */
import type { Scenario } from '$lib/scenario/schema.ts';

export type BriefingScenario = Pick<
	Scenario,
	'id' | 'title' | 'difficulty' | 'estimatedMinutes' | 'start' | 'briefing' | 'learningGoals'
> & { world: Pick<Scenario['world'], 'description' | 'people'> };

/** The briefing's part of a scenario. */
export function briefingOf(s: Scenario): BriefingScenario {
	return {
		id: s.id,
		title: s.title,
		difficulty: s.difficulty,
		estimatedMinutes: s.estimatedMinutes,
		start: s.start,
		briefing: s.briefing,
		learningGoals: s.learningGoals,
		world: { description: s.world.description, people: s.world.people }
	};
}
