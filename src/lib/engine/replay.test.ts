import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { fixture } from '../../../tests/fixtures/load.ts';
import { replay } from './replay.ts';
import type { DrillStep } from './drill.ts';
import { machineFor } from './machine.ts';
import { scoreState } from './attempt.ts';

const disk = fixture('disk-full');
const actionIds = disk.actions.map((a) => a.def.id);

const logStep: fc.Arbitrary<DrillStep> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			type: fc.constant('action' as const),
			action: fc.constantFrom(...actionIds),
			idle: fc.integer({ min: 0, max: 20 })
		})
	},
	{ weight: 1, arbitrary: fc.constant({ type: 'hint' as const }) }
);

describe('replay', () => {
	it('gives the same evidence, clock, outcome and score for the same seed, options and log', () => {
		fc.assert(
			fc.property(
				fc.nat({ max: 2 ** 32 - 1 }),
				fc.boolean(),
				fc.constantFrom('guided' as const, 'drill' as const, 'practice' as const),
				fc.array(logStep, { maxLength: 30 }),
				(seed, logRotation, mode, log) => {
					const input = { seed, options: { logRotation }, mode };
					const a = replay(disk, input, log);
					const b = replay(disk, input, log);
					expect(b).toEqual(a);
					expect(scoreState(disk, b.state)).toEqual(scoreState(disk, a.state));
				}
			),
			{ numRuns: 300 }
		);
	});

	it('matches an actor that was sent the same events live', () => {
		fc.assert(
			fc.property(fc.nat({ max: 1000 }), fc.array(logStep, { maxLength: 20 }), (seed, log) => {
				const actor = createActor(machineFor(disk), { input: { seed, mode: 'guided' } }).start();
				for (const step of log) actor.send(step);
				// Replay stops at the first impossible step; the actor ignores it and goes on, so
				// compare against the log's legal prefix.
				const run = replay(disk, { seed, mode: 'guided' }, log);
				if (run.error === null) expect(actor.getSnapshot().context).toEqual(run.state);
				actor.stop();
			}),
			{ numRuns: 200 }
		);
	});

	it('names the first step that was not possible', () => {
		const run = replay(disk, { seed: 1 }, [
			{ type: 'action', action: 'check-disk' },
			{ type: 'action', action: 'check-disk' }
		]);
		expect(run.error).toBe('step 2 ("check-disk") was not possible: Already done.');
		expect(run.state.clock).toBe(5);
	});
});
