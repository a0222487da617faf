/**
 * The README's scenario table stays true: every bundled scenario has its row, with the
 * difficulty its file gives, and the table is the learning path, step by step.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bundledFiles, ROOT } from '../fixtures/load.ts';
import { PATH_ORDER } from '../../src/lib/learning-path.ts';

/** The rows of the table under "## The scenarios": step, id, difficulty. */
function scenarioRows(): Map<string, { step: number; difficulty: string }> {
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
	const section = readme.slice(
		readme.indexOf('## The scenarios\n'),
		readme.indexOf('\n## ', readme.indexOf('## The scenarios\n') + 1)
	);
	const rows = new Map<string, { step: number; difficulty: string }>();
	for (const m of section.matchAll(/^\| (\d+) \| `([a-z0-9-]+)` \| (\w+) \|/gm))
		rows.set(m[2]!, { step: Number(m[1]), difficulty: m[3]! });
	return rows;
}

describe('README', () => {
	const bundled = bundledFiles().map(
		(file) => parse(readFileSync(join(ROOT, file), 'utf8')) as { id: string; difficulty: string }
	);

	it('lists every bundled scenario with the difficulty its file gives', () => {
		const rows = scenarioRows();
		for (const s of bundled) {
			expect(rows.get(s.id), `README row for ${s.id}`).toBeDefined();
			expect(rows.get(s.id)!.difficulty, `${s.id}: difficulty`).toBe(s.difficulty);
		}
	});

	it('numbers the scenarios in the order of the learning path', () => {
		const rows = [...scenarioRows()].sort((a, b) => a[1].step - b[1].step);
		expect(rows.map(([id, r]) => [r.step, id])).toEqual(PATH_ORDER.map((id, i) => [i + 1, id]));
	});
});
