import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bundledFiles, ROOT } from '../../tests/fixtures/load.ts';
import { DIFFICULTIES, type Difficulty } from './vocabulary.ts';
import type { ScenarioEntry } from './engine/precompute.ts';
import { learningPath, PATH_ORDER, pathNumbers, pathProgress, shownSteps, type PathAttempt } from './learning-path.ts';

/** The id and difficulty of every file in scenarios/, read as the build reads them. */
const bundled = bundledFiles().map((file) => {
	const data = parse(readFileSync(join(ROOT, file), 'utf8')) as { id: string; difficulty: Difficulty };
	return { id: data.id, difficulty: data.difficulty };
});

/** Just enough of an index entry for the path. */
const entry = (id: string, difficulty: Difficulty = 'introductory') =>
	({ id, title: id, difficulty }) as unknown as ScenarioEntry;

const attempt = (scenario: string, minutes: number | null, total = 80, trainee = 'Ana'): PathAttempt => ({
	scenario,
	trainee,
	minutes,
	grade: total >= 90 ? 'A' : 'C',
	total
});

describe('learning path', () => {
	it('has every bundled scenario on it exactly once', () => {
		const ids: readonly string[] = PATH_ORDER;
		for (const { id } of bundled)
			expect(
				ids.filter((x) => x === id),
				id
			).toHaveLength(1);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('starts introductory and never steps down in difficulty', () => {
		const steps = shownSteps(bundled.map((b) => entry(b.id, b.difficulty)));
		const levels = steps.map((s) => DIFFICULTIES.indexOf(s.entry.difficulty));
		expect(steps[0]?.entry.difficulty).toBe('introductory');
		expect(levels).toEqual([...levels].sort((a, b) => a - b));
	});

	it('says in a line what each step teaches', () => {
		for (const step of learningPath()) expect(step.teaches, step.id).toMatch(/^[A-Z].{20,120}\.$/);
	});

	it('leaves out steps whose scenario is not bundled, numbering the rest from 1', () => {
		const steps = shownSteps([entry('http4-night'), entry('freeze-triage'), entry('not-on-the-path')]);
		expect(steps.map((s) => [s.n, s.id])).toEqual([
			[1, 'freeze-triage'],
			[2, 'http4-night']
		]);
		expect([...pathNumbers([{ id: 'http4-night' }, { id: 'freeze-triage' }])]).toEqual([
			['freeze-triage', 1],
			['http4-night', 2]
		]);
	});

	it('marks a step done by a restored attempt of that trainee, and the first step not done as next', () => {
		const steps = shownSteps([entry('freeze-triage'), entry('failover-or-wait'), entry('http4-night')]);
		const progress = pathProgress(
			steps,
			[
				attempt('freeze-triage', 30, 70),
				attempt('freeze-triage', 25, 95),
				attempt('failover-or-wait', null),
				attempt('failover-or-wait', 40, 90, 'Ben'),
				attempt('http4-night', 70)
			],
			'Ana'
		);
		expect(progress.steps.map((s) => [s.id, s.restored, s.bestGrade, s.next])).toEqual([
			['freeze-triage', 2, 'A', false],
			['failover-or-wait', 0, null, true],
			['http4-night', 1, 'C', false]
		]);
		expect(progress.done).toBe(2);
		expect(progress.next?.id).toBe('failover-or-wait');
	});

	it('has no next step once every step is done', () => {
		const steps = shownSteps([entry('freeze-triage')]);
		const progress = pathProgress(steps, [attempt('freeze-triage', 20)], 'Ana');
		expect(progress.next).toBeNull();
		expect(progress.done).toBe(1);
	});
});
