import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { seedForVariant } from './check.ts';
import { replay } from './replay.ts';
import type { DrillStep } from './drill.ts';
import { scoreState } from './attempt.ts';

const disk = fixture('disk-full');
const logs = seedForVariant(disk, 'logs')!;
const dumps = seedForVariant(disk, 'dumps')!;
const acts = (...ids: string[]): DrillStep[] => ids.map((action) => ({ type: 'action', action }));
const score = (seed: number, steps: DrillStep[], mode: 'guided' | 'drill' | 'practice' = 'practice') =>
	scoreState(disk, replay(disk, { seed, mode }, steps).state)!;

describe('scoreDrill', () => {
	it('gives 100 and an A on the par path with a timely status update', () => {
		// Par for "logs" is 8 min; restored in 8, before the status update is due.
		const s = score(logs, acts('truncate-log', 'restart'));
		expect(s).toMatchObject({ par: 8, minutes: 8, timeScore: 100, total: 100, grade: 'A', penalties: [] });
	});

	it('scales the time score by par over time to restore', () => {
		const s = score(logs, acts('check-disk', 'find-big-files', 'truncate-log', 'restart'));
		expect(s.minutes).toBe(23);
		expect(s.timeScore).toBe(Math.round((100 * 8) / 23));
	});

	it('charges hints, useless actions and late status updates', () => {
		const s = score(logs, [{ type: 'hint' }, ...acts('read-only'), ...acts('truncate-log', 'restart')], 'guided');
		// read-only ends the drill degraded at 25 min: degraded penalty, a hint.
		expect(s.penalties.map((p) => [p.kind, p.points])).toEqual([
			['hint', 5],
			['degraded', 10]
		]);
		const useless = score(dumps, acts('wait', 'restart', 'ask-dba', 'delete-dumps', 'restart'));
		expect(useless.penalties.map((p) => p.kind)).toEqual(['useless', 'late-update']);
	});

	it('charges a risky action even when the drill goes on', () => {
		const s = score(logs, acts('wipe-var'));
		expect(s).toMatchObject({ total: 0, grade: 'F', minutes: null });
		expect(s.penalties).toContainEqual({ kind: 'risk', label: 'Delete everything under /var', points: 20 });
	});

	it('grades by the total', () => {
		const slow = score(dumps, acts('wait', 'ask-dba', 'delete-dumps', 'restart'));
		// Restored fully at 78 min, no status update in 30 min: scored on impact against fair par.
		expect(slow.minutes).toBe(78);
		expect(slow.par).toBeLessThan(slow.impact!);
		expect(slow.timeScore).toBe(Math.round((100 * slow.par) / slow.impact!));
		expect(slow.total).toBe(slow.timeScore - 5);
		expect(slow.grade).toBe('E');
	});
});

describe('conditional risks', () => {
	it('charge a risk only when its condition holds as the action is chosen', async () => {
		const { parse, stringify } = await import('yaml');
		const { compileFile, fixtureText } = await import('../../../tests/fixtures/load.ts');
		const data = parse(fixtureText('disk-full'));
		// Deleting the dumps is risky unless the DBA has said they are safe.
		const del = data.actions.find((a: { id: string }) => a.id === 'delete-dumps');
		del.requires = [];
		del.risk = { penalty: 15, reason: 'Dumps may be needed.', when: { not: { seen: 'dba-says' } } };
		const c = compileFile('disk-full.yaml', stringify(data));
		const blind = scoreState(c, replay(c, { seed: dumps }, acts('delete-dumps', 'restart')).state)!;
		expect(blind.penalties).toContainEqual({ kind: 'risk', label: 'Delete the old dumps', points: 15 });
		const asked = scoreState(c, replay(c, { seed: dumps }, acts('wait', 'ask-dba', 'delete-dumps', 'restart')).state)!;
		expect(asked.penalties.some((p) => p.kind === 'risk')).toBe(false);
	});
});
