/**
 * Text to a schema-valid scenario: YAML (or JSON, which is YAML) parsed defensively, then
 * checked against the schema. Hostile input gets an error quickly, never a crash or a hang.
 */
import { LineCounter, parseDocument } from 'yaml';
import { ScenarioSchema, type Scenario } from './schema.ts';
import { formatPath, type ScenarioIssue } from './errors.ts';
import { locateIssues, type ScenarioSource } from './locate.ts';
import { fieldNamesAt } from './fields.ts';
import { didYouMean } from './suggest.ts';
import { MAX_DEPTH, MAX_SCENARIO_BYTES } from './limits.ts';

export { MAX_DEPTH, MAX_SCENARIO_BYTES };

/** Alias expansions allowed in one file: enough for anchors, too few for a "billion laughs". */
const MAX_ALIASES = 50;

/**
 * What parsing gave: the value and the parsed file (to locate later issues in), or the issues
 * that stop it, already located where the file parsed far enough.
 */
export type ParseResult<T> =
	| { ok: true; value: T; source: ScenarioSource | null }
	| { ok: false; issues: ScenarioIssue[]; source: ScenarioSource | null };

/** Measures nesting without recursion, so a deep document can't overflow the stack. */
function depthOf(value: unknown): number {
	let max = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		if (node === null || typeof node !== 'object') continue;
		if (depth > max) max = depth;
		if (max > MAX_DEPTH) return max;
		for (const child of Object.values(node)) stack.push([child, depth + 1]);
	}
	return max;
}

/**
 * A cheap upper bound on flow-collection nesting, checked before the (recursive) parser
 * sees the text. Brackets inside strings count too, so the threshold is generous.
 */
function bracketDepth(text: string): number {
	let depth = 0;
	let max = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 91 || c === 123) max = Math.max(max, ++depth);
		else if ((c === 93 || c === 125) && depth > 0) depth--;
	}
	return max;
}

/**
 * Parses YAML or JSON text into plain data, with the limits above.
 * @param text the file's contents
 * @param file the name used in error messages
 * @returns the data, or the issues that stop it
 */
export function parseData(text: string, file: string): ParseResult<unknown> {
	const fail = (message: string, path = ''): ParseResult<unknown> => ({
		ok: false,
		issues: [{ file, path, message }],
		source: null
	});
	if (typeof text !== 'string') return fail('is not text');
	if (text.length > MAX_SCENARIO_BYTES)
		return fail(`is ${text.length} characters long; the limit is ${MAX_SCENARIO_BYTES}`);
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return fail('is binary, not YAML or JSON text');
	if (text.trim() === '') return fail('is empty');
	if (bracketDepth(text) > MAX_DEPTH * 4) return fail(`is nested more than ${MAX_DEPTH} levels deep`);

	let doc;
	const lines = new LineCounter();
	try {
		doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true, lineCounter: lines });
	} catch (error) {
		// The parser recurses over nested flow collections; a pathological file can exhaust the stack.
		return fail(`could not be parsed: ${error instanceof RangeError ? 'nested too deeply' : String(error)}`);
	}
	if (doc.errors.length > 0) {
		return {
			ok: false,
			issues: doc.errors.map((e) => {
				const pos = e.linePos?.[0];
				const issue: ScenarioIssue = { file, path: '', message: `YAML: ${e.message.split('\n')[0]}` };
				return pos ? { ...issue, line: pos.line, column: pos.col } : issue;
			}),
			source: null
		};
	}
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: MAX_ALIASES });
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return fail(
			/alias/i.test(message)
				? `uses too many YAML aliases (the limit is ${MAX_ALIASES}): ${message}`
				: `could not be read: ${error instanceof RangeError ? 'nested too deeply' : message}`
		);
	}
	if (depthOf(data) > MAX_DEPTH) return fail(`is nested more than ${MAX_DEPTH} levels deep`);
	return { ok: true, value: data, source: { doc, lines } };
}

/**
 * Checks plain data against the scenario schema and reports every problem at once.
 * @param data parsed YAML or JSON
 * @param file the name used in error messages
 */
export function checkSchema(data: unknown, file: string): ParseResult<Scenario> {
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		return { ok: false, issues: [{ file, path: '', message: 'must be a mapping of scenario fields' }], source: null };
	}
	const result = ScenarioSchema.safeParse(data);
	if (result.success) return { ok: true, value: result.data, source: null };
	return {
		ok: false,
		issues: result.error.issues.slice(0, MAX_ISSUES).map((issue): ScenarioIssue => {
			const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
			const out: ScenarioIssue = { file, path: formatPath(path), message: describeZodIssue(issue, path) };
			// An unknown key is reported on its object; point at the key itself.
			if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) out.target = [...path, issue.keys[0]];
			return out;
		}),
		source: null
	};
}

/** Caps the list so a junk file yields a readable report, not thousands of lines. */
const MAX_ISSUES = 60;

function describeZodIssue(
	issue: { code: string; message: string; keys?: string[] },
	path: ReadonlyArray<string | number>
): string {
	if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return 'is required';
	if (issue.code === 'unrecognized_keys' && issue.keys) {
		const known = fieldNamesAt(path);
		const hint = issue.keys.length === 1 ? didYouMean(issue.keys[0]!, known) : '';
		return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${hint}`;
	}
	return issue.message;
}

/**
 * Parses and schema-checks a scenario file's text. References are checked by `checkReferences`
 * (validate.ts) and meaning by `analyse` (engine/check.ts); `checkScenarioText` there runs all
 * three.
 */
export function parseScenario(text: string, file: string): ParseResult<Scenario> {
	const data = parseData(text, file);
	if (!data.ok) return data;
	const checked = checkSchema(data.value, file);
	return checked.ok
		? { ...checked, source: data.source }
		: { ok: false, issues: locateIssues(data.source, checked.issues), source: data.source };
}
