import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { createAttempt, type Attempt } from './attempt.ts';
import { seedForVariant } from './check.ts';
import { replay } from './replay.ts';
import type { DrillStep } from './drill.ts';
import { checkResult } from './team.ts';
import { boardCsv } from './board-csv.ts';
import type { DrillSpec } from './drill-code.ts';

const disk = fixture('disk-full');
const seed = seedForVariant(disk, 'logs')!;
const find = (id: string, version: number) => (id === 'disk-full' && version === 1 ? disk : null);
const drill: DrillSpec = {
	scenario: 'disk-full',
	seed,
	options: { logRotation: false },
	mode: 'drill',
	liveClockRate: 0
};

function resultFile(trainee: string, actions: string[], mode: 'drill' | 'guided' = 'drill'): Attempt {
	const steps: DrillStep[] = actions.map((action) => ({ type: 'action', action }));
	const run = replay(disk, { seed, mode, options: { logRotation: false } }, steps);
	return createAttempt(disk, run.state, {
		id: `id-${trainee.length}`,
		trainee,
		startedAt: '2026-11-26T10:00:00.000Z',
		drillCode: 'X'
	});
}

/** Checks the result file of a trainee who played these actions, against the drill. */
const checkPlayed = (trainee: string, actions: string[]) =>
	checkResult(JSON.stringify(resultFile(trainee, actions)), drill, find);

describe('checkResult', () => {
	it('verifies a result by replay and says where it left the par path', () => {
		const result = checkPlayed('Robin', ['check-disk', 'truncate-log', 'restart']);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.row).toMatchObject({ trainee: 'Robin', outcome: 'restored', minutes: 13, par: 8 });
		expect(result.row.detour).toEqual({ step: 1, action: 'check-disk', label: 'Check disk space', minutes: 5 });
	});

	it('finds no detour on the par path', () => {
		const result = checkPlayed('Sam', ['truncate-log', 'restart']);
		expect(result.ok && result.row.detour).toBeNull();
	});

	it('refuses a result whose score does not match the replay', () => {
		const a = resultFile('Robin', ['check-disk', 'truncate-log', 'restart']);
		a.score.total = 100;
		a.score.grade = 'A';
		expect(checkResult(JSON.stringify(a), drill, find)).toEqual({
			ok: false,
			reason: expect.stringMatching(/^score does not match the replay: recorded 100, replay gives \d+$/)
		});
	});

	it('refuses a result from a different drill', () => {
		const a = resultFile('Robin', ['truncate-log', 'restart'], 'guided');
		expect(checkResult(JSON.stringify(a), drill, find)).toEqual({
			ok: false,
			reason: 'a different drill: guided mode, not drill'
		});
		expect(
			checkResult(JSON.stringify(resultFile('R', ['truncate-log', 'restart'])), { ...drill, seed: seed + 1 }, find)
		).toMatchObject({ ok: false, reason: `a different drill: seed ${seed}, not ${seed + 1}` });
	});

	it('refuses files that are not results, and never runs what is in them', () => {
		expect(checkResult('<script>alert(1)</script>', drill, find)).toEqual({
			ok: false,
			reason: 'the file is not JSON'
		});
		const a = resultFile('<img src=x onerror=alert(1)>', ['truncate-log', 'restart']);
		const ok = checkResult(JSON.stringify(a), drill, find);
		// Markup in a name is kept as text; the UI shows it as text.
		expect(ok.ok && ok.row.trainee).toBe('<img src=x onerror=alert(1)>');
	});
});

describe('boardCsv', () => {
	it('writes one quoted line per result and defuses spreadsheet formulas', () => {
		const a = checkResult(
			JSON.stringify(resultFile('=HYPERLINK("x")', ['check-disk', 'truncate-log', 'restart'])),
			drill,
			find
		);
		if (!a.ok) throw new Error(a.reason);
		const csv = boardCsv([a.row]);
		const [header, line] = csv.trimEnd().split('\r\n');
		expect(header).toContain('"trainee","scenario","seed"');
		expect(line).toBe(
			`"'=HYPERLINK(""x"")","disk-full","${seed}","drill","restored","","13","8","${a.row.total}","${a.row.grade}","0","5","","","","13","step 1: Check disk space"`
		);
	});
});
