import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { performAction, startDrill, takeHint, takeIdle, type DrillState } from '$lib/engine/drill.ts';
import { describeStep } from './announce.ts';

const compiled = fixture('disk-full');
// Seed 1 hides the runaway logs; the drill starts at 23:30.
const start = () => startDrill(compiled, { seed: 1, options: {}, mode: 'guided' });

/** What the status region says after the action. */
function after(state: DrillState, action: string, idle = 0): [string, DrillState] {
	const next = performAction(compiled, state, action, idle);
	return [describeStep(compiled, state, next), next];
}

describe('describeStep', () => {
	it('names the action, when it finished, what it cost and what it showed', () => {
		expect(after(start(), 'check-disk')[0]).toBe('Check disk space: done at 23:35 (5 min), 1 new entry: df -h.');
		expect(after(start(), 'post-status')[0]).toBe('Post a status update: done at 23:32 (2 min), nothing new.');
	});

	it('says what live-clock thinking time cost', () => {
		expect(after(start(), 'check-disk', 4)[0]).toBe(
			'Check disk space: done at 23:39 (5 min), 1 new entry: df -h. Thinking time cost 4 min.'
		);
	});

	it('says how the drill ended: restored, degraded, failed or out of time', () => {
		const [, freed] = after(start(), 'truncate-log');
		expect(after(freed, 'restart')[0]).toBe('Service restored at 23:38, after 8 min.');
		expect(after(start(), 'read-only')[0]).toBe('Service restored in degraded mode at 23:55, after 25 min.');
		expect(after(start(), 'wipe-var')[0]).toBe('Drill failed at 23:32: Data loss.');
		let state = start();
		let said = '';
		while (state.outcome === 'playing') [said, state] = after(state, 'restart');
		expect(state.outcome).toBe('timeout');
		expect(said).toBe('Time is up at 03:30 +1d: the service was not restored.');
	});

	it('says when the live clock ran out with no action, and how long it ran', () => {
		const [, checked] = after(start(), 'check-disk');
		expect(describeStep(compiled, checked, takeIdle(compiled, checked, 400))).toBe(
			'Time is up at 03:30 +1d: the service was not restored. The live clock ran 3 h 55 min while you were deciding.'
		);
	});

	it('says nothing after a hint or when the action was not taken', () => {
		const state = start();
		expect(describeStep(compiled, state, takeHint(compiled, state))).toBe('');
		expect(describeStep(compiled, state, state)).toBe('');
	});
});
