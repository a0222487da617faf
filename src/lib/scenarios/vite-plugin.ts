/**
 * Vite plugin: the bundled scenarios, checked and worked out at build time, so the browser gets
 * plain data and runs neither a YAML parser, nor a schema library, nor the fair-par search.
 *
 * - `scenarios/<id>.yaml` imported from the app becomes a JSON module of its own (one chunk per
 *   scenario, loaded by id: src/lib/scenarios/index.ts): the scenario as `default`, and fair
 *   par per variant for every option set the checker tries as `pars` (what scoring a drill
 *   needs).
 * - `scenarios/<id>.yaml?fair` is the fair results with their policy trees (what the debrief
 *   needs), a chunk of its own again.
 * - `virtual:nightshift-scenario-index` is the catalogue's index: each scenario's metadata,
 *   options, presets and par ranges (omniscient and fair, per option set), in catalogue order.
 * - `virtual:nightshift-scenario-goals` is each scenario's learning goals by id: what the
 *   catalogue's search reads beyond the index, loaded only when a search needs it, so the
 *   catalogue's first load stays within its budget as the library grows.
 *
 * A scenario with a format or reference error fails the build with every problem named, file
 * and path. The deeper analysis (dead ends, unreachable actions, lints) runs in
 * `npm run scenarios -- check`, which `npm test` runs. Each file is worked out once per content
 * (the client and server builds share it); the build prints what the fair searches cost.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { formatIssue } from '../scenario/errors.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { checkReferences } from '../scenario/validate.ts';
import { catalogueOrder, precompute, type Precomputed, type ScenarioEntry } from '../engine/precompute.ts';

/** The index module's id, as the app imports it. */
export const SCENARIO_INDEX_ID = 'virtual:nightshift-scenario-index';
const RESOLVED_INDEX_ID = '\0' + SCENARIO_INDEX_ID;
/** The learning goals module's id, as the app imports it. */
export const SCENARIO_GOALS_ID = 'virtual:nightshift-scenario-goals';
const RESOLVED_GOALS_ID = '\0' + SCENARIO_GOALS_ID;

const SCENARIO_FILE = /\/scenarios\/([^/]+)\.ya?ml(\?fair)?$/;

interface Worked {
	scenario: Scenario;
	pre: Precomputed;
}

/**
 * By file name and content hash: a file is checked and solved once per content. Kept on
 * `globalThis` because SvelteKit's client and server builds each load this config (and so this
 * module) anew, in one process.
 */
const worked: Map<string, Worked | { issues: string }> = ((globalThis as { __nightshiftScenarios?: Map<string, Worked | { issues: string }> }).__nightshiftScenarios ??= new Map());

/**
 * Checks a scenario file and works out its par tables.
 * @returns what was worked out, or every problem found, one per line
 */
export function workOut(text: string, file: string): Worked | { issues: string } {
	const key = `${file}:${createHash('sha256').update(text).digest('hex')}`;
	const known = worked.get(key);
	if (known) return known;
	const parsed = parseScenario(text, file);
	const issues = parsed.ok ? checkReferences(parsed.value, file) : parsed.issues;
	let result: Worked | { issues: string };
	if (!parsed.ok || issues.length > 0) result = { issues: issues.map(formatIssue).join('\n') };
	else {
		const pre = precompute(parsed.value);
		console.info(
			`nightshift-scenarios: ${file}: fair par for ${Object.keys(pre.fair).length} option sets in ${(pre.ms / 1000).toFixed(1)} s`
		);
		result = { scenario: parsed.value, pre };
	}
	worked.set(key, result);
	return result;
}

/** A JS expression for some JSON data: parsing a string is faster than a large object literal. */
const jsonModuleValue = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;

/** Compiles scenario YAML imports to checked JSON modules, and serves the catalogue's index. */
export function scenarioPlugin(): Plugin {
	let root = process.cwd();
	return {
		name: 'nightshift-scenarios',
		configResolved(config) {
			root = config.root;
		},
		resolveId(id) {
			if (id === SCENARIO_INDEX_ID) return RESOLVED_INDEX_ID;
			return id === SCENARIO_GOALS_ID ? RESOLVED_GOALS_ID : null;
		},
		load(id) {
			if (id !== RESOLVED_INDEX_ID && id !== RESOLVED_GOALS_ID) return null;
			const dir = join(root, 'scenarios');
			const entries: ScenarioEntry[] = [];
			const goals: Record<string, string[]> = {};
			for (const name of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
				const path = join(dir, name);
				this.addWatchFile(path);
				const got = workOut(readFileSync(path, 'utf8'), `scenarios/${name}`);
				if ('issues' in got) this.error(`scenario check failed:\n${got.issues}`);
				// The app loads a scenario's chunk by its id (src/lib/scenarios/index.ts), as the CLI finds its file.
				if (name.replace(/\.yaml$/, '') !== got.scenario.id)
					this.error(`scenarios/${name}: id: "${got.scenario.id}" must match the file name`);
				const { learningGoals, ...entry } = got.pre.entry;
				entries.push(entry);
				goals[entry.id] = learningGoals ?? [];
			}
			entries.sort(catalogueOrder);
			const value = id === RESOLVED_INDEX_ID ? entries : goals;
			return { code: `export default ${jsonModuleValue(value)};`, map: null };
		},
		transform(code, id) {
			const match = SCENARIO_FILE.exec(id);
			if (!match) return null;
			const file = id.slice(id.lastIndexOf('/scenarios/') + 1).replace(/\?.*$/, '');
			const got = workOut(code, file);
			if ('issues' in got) this.error(`scenario check failed:\n${got.issues}`);
			if (match[2]) return { code: `export default ${jsonModuleValue(got.pre.fair)};`, map: null };
			return {
				code: `export default ${jsonModuleValue(got.scenario)};\nexport const pars = ${jsonModuleValue(got.pre.pars)};`,
				map: null
			};
		}
	};
}
