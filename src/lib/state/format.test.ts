import { describe, expect, it } from 'vitest';
import { formatOverPar, formatRange, formatWhen } from './format.ts';
import { timelineBars } from './timeline.ts';

describe('wording', () => {
	it('shows a par range, or one value when every variant has the same par', () => {
		expect(formatRange({ min: 45, max: 120 })).toBe('45 min–2 h');
		expect(formatRange({ min: 75, max: 75 })).toBe('1 h 15 min');
		expect(formatRange(null)).toBe('—');
	});

	it('says how far over par a restore was', () => {
		expect(formatOverPar(75, 75)).toBe('at par');
		expect(formatOverPar(90, 75)).toBe('15 min over par');
	});

	it('writes a date as the reader’s locale does, and leaves text that is not a date as it is', () => {
		const iso = '2026-03-01T10:05:00.000Z';
		const expected = new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
		expect(formatWhen(iso)).toBe(expected);
		expect(formatWhen('2026-01-02T08:00:00.000Z')).not.toBe(expected);
		expect(formatWhen('sometime')).toBe('sometime');
	});
});

describe('timelineBars', () => {
	it('lays both paths out as bars on the simulated clock, giving instant actions a sliver', () => {
		const step = { action: 'a', label: 'A', group: 'diagnose' as const, idle: 0, revealed: [], useless: false };
		const bars = timelineBars([{ ...step, n: 1, start: 0, end: 5 }], [{ ...step, n: 1, start: 0, end: 0 }]);
		expect(bars).toEqual([
			{ x: [0, 5], y: 'Your path', n: 1, label: 'A', group: 'diagnose' },
			{ x: [0, 0.5], y: 'Best play', n: 1, label: 'A', group: 'diagnose' }
		]);
	});
});
