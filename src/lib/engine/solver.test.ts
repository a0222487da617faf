import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { fixture, generatedHeader } from '../../../tests/fixtures/load.ts';
import { checkScenario, optionCombinations } from './check.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import { availability, variantForSeed } from './world.ts';
import { createDrillMachine, type DrillMachine } from './machine.ts';
import { replay } from './replay.ts';
import { solveHidden, solveVariant } from './solver.ts';
import { ScenarioSchema } from '../scenario/schema.ts';

type Context = SnapshotFrom<DrillMachine>['context'];

/**
 * Walks every legal action sequence through the XState machine itself (no shared code with the
 * solver or the checker but the step functions). Two snapshots with the same flags, done actions
 * and seen evidence at the same clock have the same futures (no `since` conditions here, so done
 * times don't matter): each is entered once.
 * @param enter called on each snapshot reached; false leaves what follows it unexplored
 * @returns every action some entered snapshot offered
 */
function walk(
	compiled: CompiledScenario,
	seed: number,
	options: Record<string, boolean>,
	enter: (context: Context) => boolean
): Set<string> {
	const machine: DrillMachine = createDrillMachine(compiled);
	const visited = new Set<string>();
	const offered = new Set<string>();
	const visit = (snapshot: SnapshotFrom<DrillMachine>) => {
		const { context } = snapshot;
		const key = JSON.stringify([
			context.clock,
			context.flags,
			Object.keys(context.doneAt).sort(),
			Object.keys(context.seen).sort(),
			context.outcome
		]);
		if (visited.has(key)) return;
		visited.add(key);
		if (!enter(context) || context.outcome !== 'playing') return;
		for (const a of compiled.actions) {
			if (!availability(compiled, context, a.def.id).available) continue;
			offered.add(a.def.id);
			visit(transition(machine, snapshot, { type: 'action', action: a.def.id })[0]);
		}
	};
	visit(initialTransition(machine, { seed, options })[0]);
	return offered;
}

/** The least time to restore, by walking the machine, pruned only by the best time found so far. */
function bruteForce(compiled: CompiledScenario, seed: number, options: Record<string, boolean>): number | null {
	let best = Infinity;
	walk(compiled, seed, options, (context) => {
		if (context.clock >= best) return false;
		if (context.outcome === 'restored' || context.outcome === 'degraded') best = context.clock;
		return true;
	});
	return best === Infinity ? null : best;
}

function seedsPerVariant(compiled: CompiledScenario): Map<string, number> {
	const out = new Map<string, number>();
	for (let seed = 0; seed < 200 && out.size < compiled.variantIds.length; seed++) {
		const v = variantForSeed(compiled, seed);
		if (!out.has(v)) out.set(v, seed);
	}
	return out;
}

describe('solveVariant', () => {
	it('finds the least time to restore on the fixture, as brute force does', () => {
		const disk = fixture('disk-full');
		for (const options of optionCombinations(disk.scenario)) {
			for (const [variant, seed] of seedsPerVariant(disk)) {
				const par = solveVariant(disk, variant, options);
				expect(par?.minutes ?? null, `${variant} ${JSON.stringify(options)}`).toBe(bruteForce(disk, seed, options));
			}
		}
	});

	it('returns a path that replays to par through the machine', () => {
		const disk = fixture('disk-full');
		for (const [variant, seed] of seedsPerVariant(disk)) {
			const par = solveVariant(disk, variant, {})!;
			const run = replay(
				disk,
				{ seed },
				par.path.map((s) => ({ type: 'action', action: s.action }))
			);
			expect(run.error).toBeNull();
			expect(run.state.clock).toBe(par.minutes);
			expect(run.state.outcome).toBe(par.outcome);
			expect(run.state.journal.map((j) => (j.kind === 'action' ? j.at : -1))).toEqual(par.path.map((s) => s.at));
		}
	});

	it('prefers a slower full restore to nothing, and a faster degraded one to a slow full one', () => {
		const disk = fixture('disk-full');
		expect(solveVariant(disk, 'logs')).toMatchObject({ minutes: 8, outcome: 'restored' });
		expect(solveVariant(disk, 'dumps')).toMatchObject({ minutes: 25, outcome: 'degraded' });
	});

	// Random small scenarios: flags, conditional effects, requirements, a late arrival and a
	// waiting action. The solver must agree with brute force on every one.
	const smallScenario = fc.record({
		actions: fc.array(
			fc.record({
				minutes: fc.integer({ min: 1, max: 25 }),
				needs: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
				needsExpert: fc.boolean(),
				sets: fc.integer({ min: 0, max: 2 }),
				onlyVariant: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
				repeatable: fc.boolean()
			}),
			{ minLength: 2, maxLength: 6 }
		),
		arrives: fc.integer({ min: 1, max: 90 }),
		restoreNeeds: fc.subarray([0, 1, 2], { minLength: 1 })
	});

	it('agrees with brute force on random small scenarios, and so does the checker', () => {
		fc.assert(
			fc.property(smallScenario, (spec) => {
				const flags = { f0: false, f1: false, f2: false };
				const data = {
					...generatedHeader('random'),
					limitMinutes: 180,
					world: {
						people: [
							{ id: 'expert', name: 'E', role: 'expert', arrives: `01:${String(spec.arrives % 60).padStart(2, '0')}` }
						],
						status: [{ id: 's', label: 's', states: [{ is: 'down' }] }]
					},
					flags,
					variants: [
						{ id: 'a', label: 'A', weight: 1, explanation: 'a' },
						{ id: 'b', label: 'B', weight: 1, explanation: 'b' }
					],
					evidence: [{ id: 'e', source: 'console', title: 't', text: 'x' }],
					initialEvidence: ['e'],
					actions: [
						...spec.actions.map((a, i) => ({
							id: `act-${i}`,
							label: `Action ${i}`,
							group: 'repair',
							minutes: a.minutes,
							repeatable: a.repeatable,
							requires: [
								...(a.needs === undefined
									? []
									: [{ when: { flag: { [`f${a.needs}`]: true } }, reason: 'needs a flag' }]),
								...(a.needsExpert ? [{ when: { onSite: 'expert' }, reason: 'needs the expert' }] : [])
							],
							effects: [
								{ set: { [`f${a.sets}`]: true }, ...(a.onlyVariant ? { when: { variant: a.onlyVariant } } : {}) }
							]
						})),
						{ id: 'wait', label: 'Wait', group: 'escalate', minutes: 120, until: { onSite: 'expert' } },
						{
							id: 'fallback',
							label: 'Fallback',
							group: 'failover',
							minutes: 150,
							effects: [{ set: { f0: true, f1: true, f2: true } }]
						}
					],
					restore: { full: { all: spec.restoreNeeds.map((i) => ({ flag: { [`f${i}`]: true } })) } },
					phases: { diagnosed: { done: 'wait' } }
				};
				const scenario = ScenarioSchema.parse(data);
				const compiled = compileScenario(scenario);
				for (const [variant, seed] of seedsPerVariant(compiled)) {
					const minutes = bruteForce(compiled, seed, {});
					expect(solveVariant(compiled, variant)?.minutes ?? null).toBe(minutes);
					// Through the variant's specialised view (what the app and the fair search use):
					// the same par, and a path that plays to it on the whole scenario.
					const fast = solveHidden(compiled, { variant, draws: {} });
					expect(fast?.minutes ?? null).toBe(minutes);
					if (fast) {
						const run = replay(
							compiled,
							{ seed },
							fast.path.map((step) => ({ type: 'action', action: step.action }))
						);
						expect([run.error, run.state.clock, run.state.outcome]).toEqual([null, fast.clock, fast.outcome]);
					}
				}
				// The checker's verdicts agree with walking the machine: every variant restores (the
				// fallback always can), and an action is "never available" exactly when no state
				// reachable in any variant offers it.
				const result = checkScenario(scenario, 'random.yaml');
				const issues = result.ok ? [] : result.issues.map((i) => i.message);
				expect(issues.filter((m) => m.includes('no path to restore'))).toEqual([]);
				const offered = new Set(
					[...seedsPerVariant(compiled).values()].flatMap((seed) => [...walk(compiled, seed, {}, () => true)])
				);
				// (Each message goes on to say why; the verdict is its first clause.)
				expect(issues.filter((m) => m.includes('can never become available')).map((m) => m.split(':')[0])).toEqual(
					compiled.actions
						.filter((a) => !offered.has(a.def.id))
						.map((a) => `action "${a.def.id}" can never become available`)
				);
			}),
			{ numRuns: 40, seed: 42 }
		);
	}, 60_000);
});
