/**
 * `npm run strategies`: how scripted players score on every bundled scenario, for the default
 * options and each preset. The fair policy reads the evidence; the others are blind (the best
 * fixed sequence, the historical path played whatever the variant, failing over at once,
 * clicking every action in order). Scores are the app's (total after penalties), averaged by
 * the variants' weights. Prints a table; exits 1 when a blind strategy averages B (75) or better.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkScenarioText } from '../src/lib/engine/check.ts';
import { scoreStrategy, standardStrategies } from '../src/lib/engine/strategies.ts';
import { formatIssue } from '../src/lib/scenario/errors.ts';

const dir = resolve(import.meta.dirname, '../scenarios');
const only = process.argv.slice(2);
let blindWins = 0;
for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
	const id = file.replace(/\.ya?ml$/, '');
	if (only.length > 0 && !only.includes(id)) continue;
	const result = checkScenarioText(readFileSync(join(dir, file), 'utf8'), file);
	if (!result.compiled) {
		if (!result.ok) console.log(result.issues.map(formatIssue).join('\n'));
		continue;
	}
	const compiled = result.compiled;
	const sets = [{ id: 'default options', options: {} as Record<string, boolean> }, ...compiled.scenario.presets];
	for (const { id: preset, options } of sets) {
		console.log(`${id}, ${preset}:`);
		for (const { name, blind, make } of standardStrategies(compiled, options)) {
			const s = scoreStrategy(compiled, options, make);
			if (!s) continue;
			const flag = blind && s.total >= 75 ? '  ← blind play scores B or better' : '';
			if (flag) blindWins++;
			console.log(
				`  ${name.padEnd(20)} average ${s.total.toFixed(1).padStart(5)} (time ${s.timeScore.toFixed(1).padStart(5)}), restored ${Math.round(100 * s.restored)}%${flag}`
			);
		}
	}
}
process.exit(blindWins > 0 ? 1 : 0);
