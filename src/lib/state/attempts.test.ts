import { describe, expect, it } from 'vitest';
import { bestResults, isBetter, type AttemptSummary } from './attempts.ts';

const summary = (over: Partial<AttemptSummary>): AttemptSummary => ({
	id: 'a',
	scenario: 's',
	seed: 1,
	mode: 'guided',
	trainee: 'You',
	outcome: 'restored',
	minutes: 60,
	par: 30,
	total: 50,
	grade: 'D',
	finishedAt: null,
	...over
});

describe('best results', () => {
	it('prefers restored over not restored, then a higher score, then a faster restore', () => {
		expect(isBetter(summary({ total: 10 }), summary({ minutes: null, total: 0, outcome: 'failed' }))).toBe(true);
		expect(isBetter(summary({ total: 80 }), summary({ total: 70 }))).toBe(true);
		expect(isBetter(summary({ minutes: 40 }), summary({ minutes: 50 }))).toBe(true);
		expect(isBetter(summary({}), summary({}))).toBe(false);
	});

	it('keeps one best result per scenario', () => {
		const best = bestResults([
			summary({ id: '1', total: 40 }),
			summary({ id: '2', total: 90 }),
			summary({ id: '3', scenario: 't', total: 10 })
		]);
		expect(best.get('s')?.id).toBe('2');
		expect(best.get('t')?.id).toBe('3');
	});
});
