import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { fixture } from '../../../tests/fixtures/load.ts';
import { seedForVariant } from './check.ts';
import { machineFor } from './machine.ts';
import { worldStatus } from './world.ts';

const disk = fixture('disk-full');
const machine = machineFor(disk);
const logsSeed = seedForVariant(disk, 'logs')!;

describe('the drill machine', () => {
	it("starts playing with the initial evidence and the seed's variant", () => {
		const [snapshot] = initialTransition(machine, { seed: logsSeed });
		expect(snapshot.value).toBe('playing');
		expect(snapshot.context).toMatchObject({ clock: 0, variant: 'logs', initial: ['alert'], outcome: 'playing' });
	});

	it('is pure: transition gives the next snapshot and leaves the old one alone', () => {
		const [s0] = initialTransition(machine, { seed: logsSeed });
		const [s1] = transition(machine, s0, { type: 'action', action: 'check-disk' });
		expect(s0.context.clock).toBe(0);
		expect(s1.context.clock).toBe(5);
		expect(s1.context.seen).toEqual({ alert: 0, df: 5 });
	});

	it('ignores actions that are not available', () => {
		const [s0] = initialTransition(machine, { seed: logsSeed });
		const [s1] = transition(machine, s0, { type: 'action', action: 'find-big-files' });
		expect(s1.context).toBe(s0.context);
	});

	it('reaches its final state when the service is restored', () => {
		let [s] = initialTransition(machine, { seed: logsSeed });
		for (const action of ['truncate-log', 'restart']) [s] = transition(machine, s, { type: 'action', action });
		expect(s.matches({ over: 'restored' })).toBe(true);
		expect(s.context.outcome).toBe('restored');
		expect(worldStatus(disk, s.context)[0]).toMatchObject({ id: 'web1', is: 'up' });
	});

	it('ends in failure on a fail effect', () => {
		let [s] = initialTransition(machine, { seed: logsSeed });
		[s] = transition(machine, s, { type: 'action', action: 'wipe-var' });
		expect(s.context).toMatchObject({ outcome: 'failed', failure: 'data-loss', clock: 2 });
	});

	it('restores a persisted snapshot exactly where it was', () => {
		const actor = createActor(machine, { input: { seed: logsSeed, mode: 'guided' } }).start();
		actor.send({ type: 'action', action: 'check-disk' });
		actor.send({ type: 'hint' });
		const saved = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		actor.stop();
		const restored = createActor(machine, { snapshot: saved, input: { seed: logsSeed } }).start();
		expect(restored.getSnapshot().context).toEqual(saved.context);
		restored.send({ type: 'action', action: 'find-big-files' });
		expect(restored.getSnapshot().context.clock).toBe(15);
	});

	it('gives hints in order, only when they apply, and never in drill mode', () => {
		const [g0] = initialTransition(machine, { seed: logsSeed, mode: 'guided' });
		const [g1] = transition(machine, g0, { type: 'hint' });
		const [g2] = transition(machine, g1, { type: 'hint' });
		expect(g1.context.hintsUsed).toEqual([0]);
		expect(g2.context).toBe(g1.context); // the second hint needs the df output first
		const [d0] = initialTransition(machine, { seed: logsSeed, mode: 'drill' });
		expect(transition(machine, d0, { type: 'hint' })[0].context).toBe(d0.context);
	});
});
