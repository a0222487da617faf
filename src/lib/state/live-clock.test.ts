import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { applyAction, startDrill, takeIdle } from '$lib/engine/drill.ts';
import { createActor } from 'xstate';
import { machineFor } from '$lib/engine/machine.ts';
import { replay } from '$lib/engine/replay.ts';
import { chargedIdle, endsWhileIdle, owedIdle } from './live-clock.ts';

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

describe('the live clock running into an end', () => {
	const compiled = fixture('disk-full');
	const start = () => startDrill(compiled, { seed: 1, mode: 'drill' });

	it('counts the minutes charged before actions and on their own', () => {
		const acted = applyAction(compiled, start(), compiled.actionById.get('check-disk')!, 7);
		expect(chargedIdle(acted.journal)).toBe(7);
		expect(chargedIdle(takeIdle(compiled, acted, 500).journal)).toBe(7 + 228);
	});

	it('ends the drill at the time limit (240 min in disk-full), not before', () => {
		expect(endsWhileIdle(compiled, start(), 239)).toBe(false);
		expect(endsWhileIdle(compiled, start(), 240)).toBe(true);
		expect(endsWhileIdle(compiled, start(), 0)).toBe(false);
	});

	it('stops the clock at the limit, records the minutes that passed, and replays to the same end', () => {
		const acted = applyAction(compiled, start(), compiled.actionById.get('check-disk')!);
		const ended = takeIdle(compiled, acted, 300);
		expect(ended).toMatchObject({ outcome: 'timeout', clock: 240 });
		// The service was down all along: each idle minute counts against customers.
		expect(ended.journal.at(-1)).toEqual({ kind: 'idle', at: 5, minutes: 235, impact: 235 });
		expect(ended.impact).toBe(240);
		// Nothing more can happen, and no phase is reached by time passing.
		expect(takeIdle(compiled, ended, 10)).toBe(ended);
		expect(ended.laps).toEqual(acted.laps);
		const run = replay(compiled, { seed: 1, mode: 'drill' }, [
			{ type: 'action', action: 'check-disk' },
			{ type: 'idle', minutes: 235 }
		]);
		expect(run).toEqual({ state: ended, error: null });
	});

	it('moves the machine on, and into its timed-out state at the limit', () => {
		const actor = createActor(machineFor(compiled), { input: { seed: 1, mode: 'drill' } }).start();
		actor.send({ type: 'idle', minutes: 100 });
		expect(actor.getSnapshot().matches('playing')).toBe(true);
		expect(actor.getSnapshot().context.clock).toBe(100);
		actor.send({ type: 'idle', minutes: 300 });
		expect(actor.getSnapshot().matches({ over: 'timedOut' })).toBe(true);
	});

	it('refuses a logged wait after the end, naming the step', () => {
		const run = replay(compiled, { seed: 1, mode: 'drill' }, [
			{ type: 'idle', minutes: 240 },
			{ type: 'idle', minutes: 5 }
		]);
		expect(run.error).toBe('step 2 (5 min with no action) was not possible: the drill was over');
	});
});
