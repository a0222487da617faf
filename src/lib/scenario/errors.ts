/** One problem found in a scenario file: where it is and what is wrong. */
export interface ScenarioIssue {
	/** The file's name as the author knows it, e.g. `scenarios/http4-night.yaml`. */
	file: string;
	/** The path inside the file, e.g. `actions[3].reveals[0]`; empty for the file as a whole. */
	path: string;
	message: string;
	/** Where in the file (1-based), when it is known: the line and column an editor jumps to. */
	line?: number;
	column?: number;
	/** What the problem is inside, by id: `action "check-cables"`, `evidence "df"`. */
	within?: string;
	/**
	 * The exact place to point at when it is not `path` itself, as keys and indexes: an unknown
	 * key is reported on its object (`path`) but points at the key.
	 */
	target?: ReadonlyArray<string | number>;
}

/**
 * Formats an issue the way the CLI and the app print it: `file:line:column: path (in action
 * "x"): message`, the form editors and terminals turn into a link to the place.
 */
export function formatIssue(issue: ScenarioIssue): string {
	const at = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
	const where = [issue.path, issue.within ? `(in ${issue.within})` : ''].filter(Boolean).join(' ');
	return where ? `${at}: ${where}: ${issue.message}` : `${at}: ${issue.message}`;
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

/** Reads `actions[3].reveals[0]` back into keys and indexes (ids and names hold no dots or brackets). */
export function parsePath(path: string): Array<string | number> {
	const out: Array<string | number> = [];
	for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
		out.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
	return out;
}
