import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseData, parseScenario } from './parse.ts';
import { formatIssue } from './errors.ts';

const FILE = 'scenarios/bad.yaml';
const messages = (text: string) => {
	const result = parseScenario(text, FILE);
	expect(result.ok).toBe(false);
	return result.ok ? [] : result.issues.map(formatIssue);
};

/** Every hostile input must be answered quickly: well under a second. */
function timed<T>(fn: () => T): T {
	const started = performance.now();
	const value = fn();
	expect(performance.now() - started).toBeLessThan(1000);
	return value;
}

describe('parseScenario', () => {
	it('accepts the fixture scenario', () => {
		const text = readFileSync('tests/fixtures/scenarios/disk-full.yaml', 'utf8');
		expect(parseScenario(text, 'disk-full.yaml').ok).toBe(true);
	});

	it('names the line of malformed YAML', () => {
		expect(messages('id: [unclosed\ntitle: x')[0]).toMatch(/^scenarios\/bad\.yaml:2:1: YAML: /);
	});

	it('refuses duplicate keys', () => {
		expect(messages('id: a\nid: b\n')[0]).toContain('Map keys must be unique');
	});

	it('reports wrong types with their path, all at once', () => {
		const found = messages('format: nightshift-scenario/1\nid: Bad Id\nversion: "one"\n');
		expect(found).toContain('scenarios/bad.yaml:2:5: id: must be a kebab-case id such as "check-cables"');
		expect(found.some((m) => m.startsWith('scenarios/bad.yaml:3:10: version: '))).toBe(true);
		// A missing field points at the mapping it is missing from.
		expect(found).toContain('scenarios/bad.yaml:1:1: title: is required');
	});

	it('names unknown keys', () => {
		expect(messages('format: nightshift-scenario/1\ntitel: x\n')).toContain(
			'scenarios/bad.yaml:2:1: unknown key "titel"; did you mean "title"?'
		);
	});

	it('refuses __proto__ keys without polluting prototypes', () => {
		const found = messages('format: nightshift-scenario/1\n__proto__: { polluted: true }\n');
		expect(found).toContain('scenarios/bad.yaml:2:1: unknown key "__proto__"');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('refuses an alias bomb quickly', () => {
		const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
		for (let i = 1; i < 9; i++)
			bomb.push(
				`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9)
					.fill(`*${'abcdefghi'[i - 1]}`)
					.join(', ')}]`
			);
		const result = timed(() => parseData(bomb.join('\n'), FILE));
		expect(result.ok ? '' : result.issues[0]!.message).toMatch(/too many YAML aliases/);
	});

	it('refuses deeply nested flow collections quickly', () => {
		const result = timed(() => parseData('['.repeat(200_000), FILE));
		expect(result.ok ? '' : result.issues[0]!.message).toBe('is nested more than 40 levels deep');
	});

	it('refuses deeply nested block mappings', () => {
		const text = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1';
		const result = timed(() => parseData(text, FILE));
		expect(result.ok ? '' : result.issues[0]!.message).toBe('is nested more than 40 levels deep');
	});

	it('refuses huge files unread', () => {
		const result = timed(() => parseData(`title: "${'x'.repeat(600_000)}"`, FILE));
		expect(result.ok ? '' : result.issues[0]!.message).toMatch(/the limit is 524288/);
	});

	it('refuses binary junk', () => {
		const junk = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => (i * 37) % 256));
		expect(messages(junk)).toEqual(['scenarios/bad.yaml: is binary, not YAML or JSON text']);
	});

	it('refuses empty files and non-mappings', () => {
		expect(messages('   \n')).toEqual(['scenarios/bad.yaml: is empty']);
		expect(messages('- a\n- b\n')).toEqual(['scenarios/bad.yaml: must be a mapping of scenario fields']);
	});

	it('reads JSON too', () => {
		expect(parseData('{"a": [1, 2]}', FILE)).toMatchObject({ ok: true, value: { a: [1, 2] } });
	});
});
