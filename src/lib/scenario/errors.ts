/** One problem found in a scenario file: where it is and what is wrong. */
export interface ScenarioIssue {
	/** The file's name as the author knows it, e.g. `scenarios/http4-night.yaml`. */
	file: string;
	/** The path inside the file, e.g. `actions[3].reveals[0]`; empty for the file as a whole. */
	path: string;
	message: string;
}

/** Formats an issue the way the CLI and the app print it: `file: path: message`. */
export function formatIssue(issue: ScenarioIssue): string {
	return issue.path ? `${issue.file}: ${issue.path}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}

/** Turns a path of keys and indexes into `actions[3].reveals[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out ? `.${String(part)}` : String(part);
	}
	return out;
}
