import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './suggest.ts';

describe('editDistance', () => {
	it('counts insertions, deletions, changes and swaps of neighbours as one each', () => {
		expect(editDistance('nic-loop', 'nic-loop')).toBe(0);
		expect(editDistance('nic-loop2', 'nic-loop')).toBe(1);
		expect(editDistance('chekc-disk', 'check-disk')).toBe(1);
		expect(editDistance('df', 'du')).toBe(1);
		expect(editDistance('abc', 'xyz')).toBe(3);
	});
});

describe('closest', () => {
	const evidence = ['df', 'du-logs', 'du-dumps', 'nic-error-loop', 'kernel-log'];

	it('names the id a typo most likely meant', () => {
		expect(closest('dff', evidence)).toBe('df');
		expect(closest('du-log', evidence)).toBe('du-logs');
		expect(closest('nic-eror-loop', evidence)).toBe('nic-error-loop');
	});

	it('finds a name written in another case', () => {
		expect(closest('serviceUP', ['serviceUp', 'diskFree'])).toBe('serviceUp');
	});

	it('suggests nothing when no known name is close', () => {
		expect(closest('reboot', evidence)).toBeNull();
		expect(didYouMean('zz', evidence)).toBe('');
	});

	it('words the suggestion for a message', () => {
		expect(didYouMean('titel', ['title', 'summary'])).toBe('; did you mean "title"?');
	});
});
