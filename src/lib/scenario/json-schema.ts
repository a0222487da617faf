/**
 * The JSON Schema that editors use to autocomplete and check `scenarios/*.yaml`, generated
 * from the zod schema so the two can't drift (a unit test compares it with the committed file).
 */
import { z } from 'zod';
import { ScenarioSchema } from './schema.ts';

/** The JSON Schema for scenario files, as committed in `scenarios/scenario.schema.json`. */
export function scenarioJsonSchema(): Record<string, unknown> {
	const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' });
	return {
		...schema,
		$id: 'https://nightshift.invalid/scenario.schema.json',
		title: 'Nightshift scenario',
		description: 'A disaster-recovery drill scenario: data interpreted by the Nightshift engine, never code.'
	};
}
