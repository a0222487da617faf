import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatedHeader } from '../../../tests/fixtures/load.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import { availabilitySignature, observation, statusSignature } from './belief.ts';
import { seedForHidden } from './check.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import { bestBlindSequence, policyPath, solveFair } from './fair.ts';
import { replay } from './replay.ts';
import { solveFrom } from './solver.ts';
import { advance, canTake, hiddenWorlds, startWorld, type World } from './world.ts';

type Member = { weight: number; world: World };

/**
 * Fair par by its definition, with nothing but the step functions and the screen's signatures:
 * the least expected impact over every legal policy, where a policy chooses by what the screen
 * showed. Beliefs are keyed by their worlds in full (no state merging); an action that tells no
 * variant apart and changes nothing in any of them is not taken unless it is a wait (the fair
 * policy's rule).
 */
function bruteFair(compiled: CompiledScenario, options: Record<string, boolean>): number {
	const total = hiddenWorlds(compiled).reduce((s, v) => s + v.weight, 0);
	const memo = new Map<string, number>();
	const over = (w: World) =>
		w.outcome === 'restored' || w.outcome === 'degraded' ? 0 : 10 * compiled.scenario.limitMinutes;
	const value = (belief: Member[]): number => {
		if (belief[0]!.world.outcome !== 'playing') return belief.reduce((s, m) => s + m.weight * over(m.world), 0);
		const key = JSON.stringify(belief.map((m) => [m.weight, m.world]));
		const known = memo.get(key);
		if (known !== undefined) return known;
		let best = Infinity;
		for (const action of compiled.actions) {
			if (!canTake(belief[0]!.world, action)) continue;
			const steps = belief.map((m) => ({ m, step: advance(compiled, m.world, action) }));
			const groups = new Map<string, Member[]>();
			for (const { m, step } of steps) {
				const sig =
					observation(compiled, step) +
					(step.world.outcome === 'playing' ? availabilitySignature(compiled, step.world) : '');
				groups.set(sig, [...(groups.get(sig) ?? []), { weight: m.weight, world: step.world }]);
			}
			const inert =
				action.until === null &&
				groups.size === 1 &&
				steps.every(
					({ m, step }) =>
						step.world.outcome === 'playing' &&
						!step.flagsChanged &&
						statusSignature(compiled, step.world) === statusSignature(compiled, m.world) &&
						availabilitySignature(compiled, step.world, action.def.id) ===
							availabilitySignature(compiled, m.world, action.def.id)
				);
			if (inert) continue;
			let cost = steps.reduce((s, { m, step }) => s + m.weight * (step.world.impact - m.world.impact), 0);
			for (const child of groups.values()) cost += value(child);
			best = Math.min(best, cost);
		}
		memo.set(key, best);
		return best;
	};
	// The first screen may already tell variants apart.
	const start = new Map<string, Member[]>();
	for (const v of hiddenWorlds(compiled)) {
		const world = startWorld(compiled, v.variant, options, v.draws);
		const sig =
			observation(compiled, { world, revealed: Object.keys(world.seen) }) + availabilitySignature(compiled, world);
		start.set(sig, [...(start.get(sig) ?? []), { weight: v.weight, world }]);
	}
	let sum = 0;
	for (const belief of start.values()) sum += value(belief);
	return sum / total;
}

const VARIANTS = ['a', 'b', 'c'] as const;

/**
 * Random small scenarios where evidence matters: each variant has its own fix; diagnostics
 * reveal variant-dependent evidence (sometimes the same text for two variants); one repair
 * fixes everything slowly; a wait lets time pass until an expert arrives, who unlocks a check.
 */
const spec = fc.record({
	weights: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
	diagnostics: fc.array(
		fc.record({
			minutes: fc.integer({ min: 1, max: 15 }),
			tells: fc.subarray([...VARIANTS], { minLength: 1, maxLength: 2 }),
			needsExpert: fc.boolean()
		}),
		{ minLength: 1, maxLength: 3 }
	),
	fixMinutes: fc.tuple(
		fc.integer({ min: 5, max: 30 }),
		fc.integer({ min: 5, max: 30 }),
		fc.integer({ min: 5, max: 30 })
	),
	slowFix: fc.integer({ min: 20, max: 90 }),
	arrives: fc.integer({ min: 5, max: 50 }),
	degraded: fc.boolean(),
	/** The slow fix is the helper's work, done while the trainee goes on (issue 9's parallel work). */
	helperFixes: fc.boolean(),
	/** The slow fix takes a drawn time: its minutes, or up to ten more. */
	rangedFix: fc.boolean(),
	/** An alert that arrives on its own after some minutes and points at one variant. */
	alert: fc.option(fc.record({ after: fc.integer({ min: 5, max: 60 }), tells: fc.constantFrom(...VARIANTS) }), {
		nil: null
	})
});

type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(s: Spec) {
	const data = {
		...generatedHeader('random-fair'),
		limitMinutes: 240,
		world: {
			people: [
				{ id: 'expert', name: 'E', role: 'expert', arrives: `00:${String(s.arrives).padStart(2, '0')}` },
				{ id: 'helper', name: 'H', role: 'helper' }
			],
			status: [
				{
					id: 'site',
					label: 'Site',
					states: [
						{ when: { flag: { fixed: true } }, is: 'up' },
						...(s.degraded ? [{ when: { flag: { half: true } }, is: 'degraded' }] : []),
						{ is: 'down' }
					]
				}
			]
		},
		flags: { fixed: false, half: false },
		variants: VARIANTS.map((id, i) => ({ id, label: id, weight: s.weights[i]!, explanation: id })),
		evidence: [
			{ id: 'alert', source: 'monitoring', title: 'Site down', text: 'down' },
			...s.diagnostics.flatMap((d, i) => [
				{ id: `d${i}-yes`, source: 'console', title: `Check ${i}`, text: `points at ${d.tells.join('/')}` },
				{ id: `d${i}-no`, source: 'console', title: `Check ${i}`, text: 'nothing' }
			]),
			{ id: 'late-alert', source: 'monitoring', title: 'Alert', text: 'points at one' }
		],
		events: s.alert
			? [
					{
						id: 'alert-fires',
						label: 'An alert fires',
						after: s.alert.after,
						reveals: [{ evidence: 'late-alert', when: { variant: s.alert.tells } }]
					}
				]
			: [],
		initialEvidence: ['alert'],
		actions: [
			...s.diagnostics.map((d, i) => ({
				id: `check-${i}`,
				label: `Check ${i}`,
				group: 'diagnose',
				minutes: d.minutes,
				requires: d.needsExpert ? [{ when: { onSite: 'expert' }, reason: 'needs the expert' }] : [],
				reveals: [
					{ evidence: `d${i}-yes`, when: { variant: d.tells } },
					{ evidence: `d${i}-no`, when: { not: { variant: d.tells } } }
				]
			})),
			...VARIANTS.map((id, i) => ({
				id: `fix-${id}`,
				label: `Fix ${id}`,
				group: 'repair',
				minutes: s.fixMinutes[i]!,
				effects: [{ set: { fixed: true }, when: { variant: id } }]
			})),
			{
				id: 'fix-all',
				label: 'Fix all',
				group: 'repair',
				minutes: s.rangedFix ? { from: s.slowFix, to: s.slowFix + 10, step: 5 } : s.slowFix,
				...(s.helperFixes ? { by: 'helper' } : {}),
				effects: [{ set: { fixed: true } }]
			},
			...(s.degraded
				? [{ id: 'half', label: 'Half', group: 'failover', minutes: 5, effects: [{ set: { half: true } }] }]
				: []),
			{ id: 'wait', label: 'Wait', group: 'escalate', minutes: 60, until: { onSite: 'expert' } }
		],
		restore: { full: { flag: { fixed: true } } },
		phases: { diagnosed: { done: 'check-0' } }
	};
	return compileScenario(ScenarioSchema.parse(data));
}

describe('solveFair', () => {
	it('agrees with the definition, computed by brute force, on random small scenarios', () => {
		fc.assert(
			fc.property(spec, (s) => {
				const compiled = scenarioOf(s);
				const fair = solveFair(compiled)!;
				expect(fair.expectedMinutes).toBeCloseTo(bruteFair(compiled, {}), 9);
			}),
			{ numRuns: 60, seed: 7 }
		);
	}, 120_000);

	it('is never below omniscient par, never above the best fixed sequence, and its policy replays to its minutes', () => {
		fc.assert(
			fc.property(spec, (s) => {
				const compiled = scenarioOf(s);
				const fair = solveFair(compiled)!;
				for (const v of fair.variants) {
					const omniscient = solveFrom(compiled, startWorld(compiled, v.variant, {}, v.draws))!;
					expect(v.minutes).toBeGreaterThanOrEqual(omniscient.minutes - 1e-9);
					const run = replay(
						compiled,
						{ seed: seedForHidden(compiled, v.key)! },
						policyPath(fair, v.key).map((p) => ({ type: 'action', action: p.action }))
					);
					expect(run.error).toBeNull();
					expect(run.state.impact).toBeCloseTo(v.minutes, 9);
				}
				const blind = bestBlindSequence(compiled);
				if (blind) expect(fair.expectedMinutes).toBeLessThanOrEqual(blind.expectedMinutes + 1e-9);
			}),
			{ numRuns: 40, seed: 11 }
		);
	}, 120_000);

	it('tells variants apart only by what the screen shows: identical texts make one branch', () => {
		const compiled = scenarioOf({
			weights: [1, 1, 1],
			diagnostics: [{ minutes: 5, tells: ['a', 'b'], needsExpert: false }],
			fixMinutes: [10, 10, 10],
			slowFix: 60,
			arrives: 30,
			degraded: false,
			helperFixes: false,
			rangedFix: false,
			alert: null
		});
		const fair = solveFair(compiled)!;
		expect(fair.policy?.action).toBe('check-0');
		expect(fair.policy?.branches.map((b) => b.variants)).toEqual([['a', 'b'], ['c']]);
	});
});
