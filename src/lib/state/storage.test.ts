import { describe, expect, it } from 'vitest';
import { createSafeStorage } from './storage';

/** A Storage that refuses every write, as Safari's private mode once did. */
const refusing = {
	getItem: () => null,
	setItem: () => {
		throw new DOMException('QuotaExceededError');
	},
	removeItem: () => {},
	clear: () => {},
	key: () => null,
	length: 0
} as Storage;

describe('safe storage', () => {
	it('keeps values in memory when the browser refuses storage, and says so', () => {
		const s = createSafeStorage('localStorage', refusing);
		expect(s.set('k', 'v')).toBe(false);
		expect(s.get('k')).toBe('v');
		expect(s.degraded).toBe(true);
	});

	it('works in memory when there is no storage at all (node, prerendering)', () => {
		const s = createSafeStorage('sessionStorage', null);
		s.set('k', 'v');
		expect(s.get('k')).toBe('v');
		s.remove('k');
		expect(s.get('k')).toBeNull();
	});
});
