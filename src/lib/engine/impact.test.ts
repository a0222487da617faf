import { describe, expect, it } from 'vitest';
import { generatedHeader } from '../../../tests/fixtures/load.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import { scoreState } from './attempt.ts';
import { compileScenario } from './compile.ts';
import { replay } from './replay.ts';
import { solveVariant } from './solver.ts';

/** Restore fast from last night's backup (losing a day's writes), or repair slowly; a degraded read-only mode meanwhile. */
function restoreOrRepair(dataWeight: number) {
	return compileScenario(
		ScenarioSchema.parse({
			...generatedHeader('restore-or-repair'),
			limitMinutes: 600,
			world: {
				status: [
					{
						id: 'db',
						label: 'Database',
						states: [
							{ when: { flag: { back: true } }, is: 'up' },
							{ when: { flag: { readOnly: true } }, is: 'degraded' },
							{ is: 'down' }
						]
					}
				]
			},
			impact: { service: 'db', degradedWeight: 0.5, dataWeight },
			flags: { back: false, readOnly: false },
			variants: [{ id: 'v', label: 'v', weight: 1, explanation: 'v' }],
			evidence: [{ id: 'alert', source: 'monitoring', title: 'DB down', text: 'down' }],
			initialEvidence: ['alert'],
			actions: [
				{
					id: 'read-only',
					label: 'Serve read-only',
					group: 'failover',
					minutes: 10,
					effects: [{ set: { readOnly: true } }]
				},
				{
					id: 'restore-backup',
					label: 'Restore last night’s backup',
					group: 'repair',
					minutes: 20,
					effects: [{ set: { back: true } }, { loseData: 90 }]
				},
				{ id: 'repair', label: 'Repair the primary', group: 'repair', minutes: 120, effects: [{ set: { back: true } }] }
			],
			restore: { full: { flag: { back: true } } },
			phases: { diagnosed: { done: 'repair' } }
		})
	);
}

describe('customer impact', () => {
	it('counts down minutes, degraded minutes at their weight, and lost writes at theirs', () => {
		const compiled = restoreOrRepair(1);
		const run = replay(compiled, { seed: 1 }, [
			{ type: 'action', action: 'read-only' },
			{ type: 'action', action: 'restore-backup' }
		]);
		// 10 min down, 20 min degraded at 0.5, 90 min of writes lost at 1.
		expect(run.state.impact).toBe(10 + 10 + 90);
		expect(run.state.dataLost).toBe(90);
		expect(scoreState(compiled, run.state)).toMatchObject({ impact: 110, dataLost: 90 });
	});

	it('lets par trade downtime against data by the scenario’s weights', () => {
		// Lost writes weigh like downtime: repairing behind a read-only mode (10 + 60) beats the backup (10 + 10 + 90).
		expect(solveVariant(restoreOrRepair(1), 'v')!.path.map((s) => s.action)).toEqual(['read-only', 'repair']);
		// At a quarter, the backup (42.5, with or without read-only first) beats repairing (70).
		const quarter = solveVariant(restoreOrRepair(0.25), 'v')!;
		expect(quarter.path.map((s) => s.action)).toContain('restore-backup');
		expect(quarter.minutes).toBe(42.5);
	});
});
