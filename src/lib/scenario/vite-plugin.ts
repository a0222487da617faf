/**
 * Vite plugin: `scenarios/*.yaml` imported from the app become checked JSON modules. The
 * browser gets plain data (no YAML parser, no schema library), and a broken scenario fails
 * the build with every problem named, file and path.
 */
import type { Plugin } from 'vite';
import { checkScenarioText } from '../engine/check';
import { formatIssue } from './errors';

/** Compiles scenario YAML imports to JSON, checking each fully. */
export function scenarioPlugin(): Plugin {
	return {
		name: 'nightshift-scenarios',
		transform(code, id) {
			if (!/\/scenarios\/[^/]+\.ya?ml$/.test(id)) return null;
			const file = id.slice(id.lastIndexOf('/scenarios/') + 1);
			const result = checkScenarioText(code, file);
			if (!result.ok) this.error(`scenario check failed:\n${result.issues.map(formatIssue).join('\n')}`);
			return { code: `export default ${JSON.stringify(result.compiled.scenario)};`, map: null };
		}
	};
}
