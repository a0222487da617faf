/** Writes scenarios/scenario.schema.json from the zod schema: `npm run schema`. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenarioJsonSchema } from '../src/lib/scenario/json-schema.ts';

const target = resolve(import.meta.dirname, '../scenarios/scenario.schema.json');
writeFileSync(target, `${JSON.stringify(scenarioJsonSchema(), null, '\t')}\n`);
console.log(`wrote ${target}`);
