/**
 * Incidents as they really run (issue 9): people working in parallel, events that arrive on
 * their own, durations drawn from the seed, and how they combine with the clock, the ends and
 * what the trainee can know.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatedHeader } from '../../../tests/fixtures/load.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import { checkReferences } from '../scenario/validate.ts';
import { seedForHidden } from './check.ts';
import { compileScenario } from './compile.ts';
import { performAction, startDrill, takeIdle, type DrillState } from './drill.ts';
import { solveFair } from './fair.ts';
import { replay } from './replay.ts';
import { solveFrom } from './solver.ts';
import { advance, availability, canTake, hiddenForSeed, hiddenWorlds, startWorld } from './world.ts';

/** A board swap the technician does (20 to 30 minutes) while the admin phones customers; a ticket arrives at minute 10. */
const data = {
	...generatedHeader('swap'),
	limitMinutes: 240,
	world: {
		people: [{ id: 'tech', name: 'Tech', role: 'provider technician' }],
		status: [
			{
				id: 'site',
				label: 'Site',
				states: [{ when: { flag: { fixed: true } }, is: 'up' }, { is: 'down' }]
			}
		]
	},
	flags: { fixed: false, told: false },
	variants: [
		{ id: 'board', label: 'Board', weight: 1, explanation: 'x' },
		{ id: 'ram', label: 'RAM', weight: 1, explanation: 'x' }
	],
	evidence: [
		{ id: 'alert', source: 'monitoring', title: 'Down', text: 'down' },
		{ id: 'ticket', source: 'ticket', title: 'Ticket #1', text: 'Is the site down?' },
		{ id: 'swapped', source: 'phone', title: 'Tech', text: 'Board swapped.' },
		{ id: 'angry', source: 'ticket', title: 'Ticket #2', text: 'Still down, nobody told us.' }
	],
	initialEvidence: ['alert'],
	actions: [
		{
			id: 'swap-board',
			label: 'Swap the board',
			group: 'repair',
			by: 'tech',
			minutes: { from: 20, to: 30, step: 10 },
			reveals: ['swapped'],
			effects: [{ set: { fixed: true }, when: { variant: 'board' } }]
		},
		{
			id: 'swap-ram',
			label: 'Swap the RAM',
			group: 'repair',
			by: 'tech',
			minutes: 15,
			effects: [{ set: { fixed: true }, when: { variant: 'ram' } }]
		},
		{ id: 'phone', label: 'Phone customers', group: 'communicate', minutes: 15, effects: [{ set: { told: true } }] }
	],
	events: [
		{ id: 'first-ticket', label: 'A customer ticket arrives', after: 10, reveals: ['ticket'] },
		{
			id: 'second-ticket',
			label: 'An angry ticket arrives',
			when: { all: [{ elapsed: { atLeast: 30 } }, { flag: { told: false } }] },
			reveals: ['angry']
		}
	],
	restore: { full: { flag: { fixed: true } } },
	phases: { diagnosed: { done: 'swap-board' } }
};
const compiled = compileScenario(ScenarioSchema.parse(data));
const seedWith = (key: string) => seedForHidden(compiled, key)!;
const act = (state: DrillState, ...ids: string[]) => ids.reduce((s, id) => performAction(compiled, s, id), state);

describe('people working in parallel', () => {
	it("starts someone else's work at once, and the trainee goes on while it runs", () => {
		const s = act(startDrill(compiled, { seed: seedWith('board~swap-board=20') }), 'swap-board');
		expect(s.clock).toBe(0);
		expect(s.running).toEqual([{ action: 'swap-board', by: 'tech', from: 0, until: 20 }]);
		expect(availability(compiled, s, 'swap-ram')).toMatchObject({ available: false, reason: 'Tech is busy.' });
		expect(availability(compiled, s, 'swap-board')).toMatchObject({ available: false, reason: 'In progress: Tech.' });
		// The admin phones for 15 minutes; the ticket arrives at minute 10 on the way.
		const phoned = act(s, 'phone');
		expect(phoned.clock).toBe(15);
		const entry = phoned.journal.at(-1)!;
		expect(entry.kind === 'action' && entry.happenings).toEqual([
			{ kind: 'event', id: 'first-ticket', at: 10, revealed: ['ticket'] }
		]);
		// Waiting for the next one: the swap ends at minute 20 and restores the site.
		const done = act(phoned, 'wait-for-next');
		expect(done.clock).toBe(20);
		expect(done.outcome).toBe('restored');
		expect(done.seen.swapped).toBe(20);
	});

	it('offers the wait only while someone is at work', () => {
		const s = startDrill(compiled, { seed: 1 });
		expect(availability(compiled, s, 'wait-for-next')).toMatchObject({ available: false, hidden: true });
		expect(availability(compiled, act(s, 'swap-ram'), 'wait-for-next')).toEqual({ available: true });
	});
});

describe('events', () => {
	it('happen once, at their time or when their condition first holds', () => {
		// Nobody phoned by minute 30: the angry ticket arrives, once, during the wait.
		const s = act(startDrill(compiled, { seed: seedWith('ram~swap-board=30') }), 'swap-board', 'wait-for-next');
		expect(s.clock).toBe(10); // the first ticket ends the wait: something happened
		const later = act(s, 'wait-for-next');
		expect(later.clock).toBe(30);
		expect(later.seen.angry).toBe(30);
		expect(later.doneAt['second-ticket']).toBe(30);
	});

	it('also happen while live-clock minutes pass with no action', () => {
		const s = takeIdle(compiled, startDrill(compiled, { seed: 1 }), 12);
		const entry = s.journal.at(-1)!;
		expect(entry.kind === 'idle' && entry.happenings?.map((h) => h.id)).toEqual(['first-ticket']);
		expect(s.seen.ticket).toBe(10);
	});

	it("may not share an id with an action, nor take the engine's wait", () => {
		const bad = ScenarioSchema.parse({
			...data,
			events: [
				{ id: 'phone', label: 'x', after: 5 },
				{ id: 'wait-for-next', label: 'y', after: 6 }
			]
		});
		expect(checkReferences(bad, 'f').map((i) => i.message)).toEqual(
			expect.arrayContaining([
				'"phone" is an action\'s id too: an event needs an id of its own',
				'"wait-for-next" is the engine\'s own wait: choose another id'
			])
		);
	});
});

describe('durations drawn from the seed', () => {
	it('are part of what the seed hides, each value equally likely', () => {
		expect(hiddenWorlds(compiled).map((h) => [h.key, h.weight])).toEqual([
			['board~swap-board=20', 0.5],
			['board~swap-board=30', 0.5],
			['ram~swap-board=20', 0.5],
			['ram~swap-board=30', 0.5]
		]);
		const keys = new Set(Array.from({ length: 200 }, (_, seed) => hiddenForSeed(compiled, seed).key));
		expect(keys.size).toBe(4);
	});

	it('take the drawn time, and the same seed and log always give the same run', () => {
		for (const [key, end] of [
			['board~swap-board=20', 20],
			['board~swap-board=30', 30]
		] as const) {
			// The first wait ends with the ticket at minute 10, the second with the swap.
			const log = ['swap-board', 'wait-for-next', 'wait-for-next'].map((action) => ({
				type: 'action' as const,
				action
			}));
			const a = replay(compiled, { seed: seedWith(key) }, log);
			const b = replay(compiled, { seed: seedWith(key) }, log);
			expect(a.state.clock).toBe(end);
			expect(b.state).toEqual(a.state);
		}
	});

	it('are hidden from fair par, which is exact over them, and known to omniscient par', () => {
		const fair = solveFair(compiled)!;
		const byKey = Object.fromEntries(fair.variants.map((v) => [v.key, v]));
		for (const h of hiddenWorlds(compiled)) {
			const omni = solveFrom(compiled, startWorld(compiled, h.variant, {}, h.draws))!;
			expect(byKey[h.key]!.omniscientMinutes).toBe(omni.minutes);
			expect(byKey[h.key]!.minutes).toBeGreaterThanOrEqual(omni.minutes);
		}
		// Knowing the variant, the board swap takes its draw: 20 or 30 minutes of downtime.
		expect(byKey['board~swap-board=20']!.omniscientMinutes).toBe(20);
		expect(byKey['board~swap-board=30']!.omniscientMinutes).toBe(30);
	});
});

describe('determinism', () => {
	it('gives the same run for the same seed and log, with parallel work, events and draws', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.array(fc.nat(), { maxLength: 12 }), (seed, picks) => {
				// A legal log: each pick chooses among the actions on offer at that point.
				let direct = startDrill(compiled, { seed });
				const log: Array<{ type: 'action'; action: string }> = [];
				for (const pick of picks) {
					const open = compiled.actions.filter((a) => availability(compiled, direct, a.def.id).available);
					if (open.length === 0) break;
					const action = open[pick % open.length]!.def.id;
					direct = performAction(compiled, direct, action);
					log.push({ type: 'action', action });
				}
				const first = replay(compiled, { seed }, log);
				const second = replay(compiled, { seed }, log);
				expect(first.error).toBeNull();
				expect(second.state).toEqual(first.state);
				expect(first.state).toEqual(direct);
			}),
			{ numRuns: 200, seed: 9 }
		);
	});
});

describe('omniscient par', () => {
	/** The least impact to a restore over every legal sequence of actions, by brute force. */
	function brute(world: ReturnType<typeof startWorld>): number {
		if (world.outcome === 'restored') return world.impact;
		if (world.outcome !== 'playing') return Infinity;
		let best = Infinity;
		for (const a of compiled.actions)
			if (canTake(world, a)) best = Math.min(best, brute(advance(compiled, world, a).world));
		return best;
	}

	it('agrees with brute force on every hidden world, parallel work and events included', () => {
		for (const h of hiddenWorlds(compiled)) {
			const world = startWorld(compiled, h.variant, {}, h.draws);
			expect(solveFrom(compiled, world)!.minutes, h.key).toBe(brute(world));
		}
	});
});
