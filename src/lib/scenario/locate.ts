/**
 * Where an issue is in the file: line and column from the YAML document's nodes (through
 * the parser's `LineCounter`), and the id of the action, evidence or other item it is inside.
 * Checks report paths (`actions[6].reveals[0].evidence`); an author wants a place to jump to.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import { parsePath, type ScenarioIssue } from './errors.ts';

/** A parsed file kept for locating issues in it. */
export interface ScenarioSource {
	doc: Document.Parsed;
	lines: LineCounter;
}

/** The lists whose items have ids, and what an item is called in messages. */
const ITEMS: Record<string, string> = {
	actions: 'action',
	evidence: 'evidence',
	variants: 'variant',
	options: 'option',
	presets: 'preset',
	failures: 'failure',
	'world.people': 'person',
	'world.status': 'status item'
};

/**
 * The node a path leads to, as far as the document goes, and the offset to point at: a scalar
 * value itself, or the key that opens a mapping or list, so the place reads as the field.
 * @param atKey point at the last key rather than its value (an unknown key)
 */
function offsetOf(doc: Document.Parsed, path: ReadonlyArray<string | number>, atKey = false): number | null {
	let node: unknown = doc.contents;
	let offset: number | null = (node as Node | null)?.range?.[0] ?? null;
	for (const part of path) {
		if (isMap(node)) {
			const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
			if (!pair) break;
			const key = pair.key as Node;
			node = pair.value;
			const value = node as Node | null;
			offset = value && isScalar(value) && !atKey ? (value.range?.[0] ?? null) : (key.range?.[0] ?? null);
		} else if (isSeq(node) && typeof part === 'number') {
			node = node.items[part];
			if (!node) break;
			offset = (node as Node).range?.[0] ?? offset;
		} else break;
	}
	return offset;
}

/** `action "check-cables"` for a path inside the actions list, and the like. */
function withinOf(doc: Document.Parsed, path: ReadonlyArray<string | number>): string | undefined {
	for (const [list, what] of Object.entries(ITEMS)) {
		const keys = list.split('.');
		const index = path[keys.length];
		if (typeof index !== 'number' || keys.some((k, i) => path[i] !== k)) continue;
		const id = doc.getIn([...keys, index, 'id']);
		return typeof id === 'string' ? `${what} "${id}"` : undefined;
	}
	return undefined;
}

/**
 * Adds line, column and the enclosing item's id to each issue that has none.
 * @param source the parsed file, or null when it did not parse (the issues are kept as they are)
 */
export function locateIssues(source: ScenarioSource | null, issues: ScenarioIssue[]): ScenarioIssue[] {
	if (!source) return issues;
	return issues.map((issue) => {
		// A problem of the file as a whole (empty, not a mapping) has no place to point at.
		if (issue.line !== undefined || (issue.path === '' && !issue.target)) return issue;
		const path = issue.target ?? parsePath(issue.path);
		const offset = offsetOf(source.doc, path, issue.target !== undefined);
		const within = issue.within ?? withinOf(source.doc, path);
		const located: ScenarioIssue = { ...issue };
		if (offset !== null) {
			const pos = source.lines.linePos(offset);
			located.line = pos.line;
			located.column = pos.col;
		}
		if (within) located.within = within;
		return located;
	});
}
