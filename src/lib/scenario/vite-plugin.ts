/**
 * Vite plugin: `scenarios/*.yaml` imported from the app become checked JSON modules. The
 * browser gets plain data (no YAML parser, no schema library), and a scenario with a format
 * or reference error fails the build with every problem named, file and path. The deeper
 * analysis (dead ends, unreachable actions) takes seconds per scenario and runs in
 * `npm run scenarios -- check`, which `npm test` runs.
 */
import type { Plugin } from 'vite';
import { formatIssue } from './errors.ts';
import { parseScenario } from './parse.ts';
import { checkReferences } from './validate.ts';

/** Compiles scenario YAML imports to JSON, checking format and references. */
export function scenarioPlugin(): Plugin {
	return {
		name: 'nightshift-scenarios',
		transform(code, id) {
			if (!/\/scenarios\/[^/]+\.ya?ml$/.test(id)) return null;
			const file = id.slice(id.lastIndexOf('/scenarios/') + 1);
			const parsed = parseScenario(code, file);
			const issues = parsed.ok ? checkReferences(parsed.value, file) : parsed.issues;
			if (!parsed.ok || issues.length > 0) this.error(`scenario check failed:\n${issues.map(formatIssue).join('\n')}`);
			return { code: `export default ${JSON.stringify(parsed.value)};`, map: null };
		}
	};
}
