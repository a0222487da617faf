import { describe, expect, it } from 'vitest';
import { owedIdle } from './live-clock.ts';

describe('owedIdle', () => {
	it('charges nothing when the live clock is off', () => {
		expect(owedIdle(10 * 60_000, null, 0)).toBe(0);
	});

	it('turns real thinking time into whole simulated minutes at the rate', () => {
		expect(owedIdle(90_000, 2, 0)).toBe(3);
		expect(owedIdle(29_000, 2, 0)).toBe(0);
	});

	it('never charges the same minutes twice, and keeps the fractions for later', () => {
		// 45 s at 2x = 1.5 min: 1 charged now; at 75 s (2.5 min) one more is owed.
		expect(owedIdle(45_000, 2, 0)).toBe(1);
		expect(owedIdle(75_000, 2, 1)).toBe(1);
		expect(owedIdle(75_000, 2, 5)).toBe(0);
	});
});
