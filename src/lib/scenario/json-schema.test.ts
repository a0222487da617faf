import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scenarioJsonSchema } from './json-schema.ts';

describe('scenarios/scenario.schema.json', () => {
	it('is up to date with the zod schema (run `npm run schema` after changing it)', () => {
		const committed = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8'));
		expect(committed).toEqual(scenarioJsonSchema());
	});

	it('describes conditions recursively, so editors complete nested all/any/not', () => {
		expect(JSON.stringify(scenarioJsonSchema())).toContain('"$ref"');
	});
});
