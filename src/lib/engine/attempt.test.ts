import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { createAttempt, verifyAttempt, type Attempt } from './attempt.ts';
import { parseAttempt } from './attempt-schema.ts';
import { seedForVariant } from './check.ts';
import { replay } from './replay.ts';

const disk = fixture('disk-full');
const seed = seedForVariant(disk, 'logs')!;
const find = (id: string, version: number) => (id === 'disk-full' && version === 1 ? disk : null);

function played(): Attempt {
	const run = replay(disk, { seed, mode: 'guided' }, [
		{ type: 'hint' },
		{ type: 'action', action: 'check-disk', idle: 2 },
		{ type: 'action', action: 'truncate-log' },
		{ type: 'action', action: 'restart' }
	]);
	return createAttempt(disk, run.state, {
		id: 'a1',
		trainee: 'Robin',
		startedAt: '2026-11-26T10:00:00.000Z',
		finishedAt: '2026-11-26T10:04:00.000Z',
		wallMs: [1000, 20_000, 60_000, 90_000]
	});
}

const roundTrip = (a: unknown) => parseAttempt(JSON.stringify(a));

describe('attempt records', () => {
	it('record the log with simulated and wall-clock times, outcome, laps and score', () => {
		const a = played();
		expect(a).toMatchObject({
			format: 'nightshift-attempt',
			formatVersion: 2,
			seed,
			mode: 'guided',
			outcome: 'restored',
			variant: 'logs'
		});
		expect(a.steps).toEqual([
			{ type: 'hint', at: 0, wallMs: 1000 },
			{ type: 'action', action: 'check-disk', at: 2, minutes: 5, idle: 2, wallMs: 20_000 },
			{ type: 'action', action: 'truncate-log', at: 7, minutes: 5, idle: 0, wallMs: 60_000 },
			{ type: 'action', action: 'restart', at: 12, minutes: 3, idle: 0, wallMs: 90_000 }
		]);
		expect(a.laps).toEqual({ acknowledged: 7, restored: 15 });
		expect(a.score).toMatchObject({ par: 8, minutes: 15, grade: 'D' });
	});

	it('verify by replay when nothing was changed', () => {
		const parsed = roundTrip(played());
		expect(parsed.ok).toBe(true);
		expect(verifyAttempt((parsed as { attempt: Attempt }).attempt, find)).toMatchObject({ ok: true });
	});

	it('verify whatever order the keys of a record come in', () => {
		const a = played();
		const reordered = JSON.parse(JSON.stringify(a), (_k, v) =>
			v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v
		);
		const parsed = parseAttempt(JSON.stringify(reordered));
		expect(parsed.ok && verifyAttempt(parsed.attempt, find).ok).toBe(true);
	});

	const tampered: Array<[string, (a: Attempt) => void, RegExp]> = [
		[
			'a better score',
			(a) => (a.score.total = 100),
			/^score does not match the replay: recorded 100, replay gives \d+$/
		],
		['a faster step', (a) => ((a.steps[1] as { minutes: number }).minutes = 1), /^step 2 does not match the replay/],
		[
			'a different outcome',
			(a) => (a.outcome = 'degraded'),
			/^outcome does not match the replay: recorded degraded, replay gives restored$/
		],
		['a removed hint', (a) => a.steps.shift(), /^step 1 does not match|score/],
		[
			'an action never taken',
			(a) => a.steps.splice(1, 0, { type: 'action', action: 'delete-dumps', at: 0, minutes: 5, idle: 0, wallMs: 0 }),
			/does not replay: step 2 \("delete-dumps"\) was not possible: Ask the DBA first\./
		],
		['another variant', (a) => (a.variant = 'dumps'), /^variant does not match/],
		['an unknown scenario version', (a) => (a.scenario.version = 2), /^unknown scenario disk-full version 2$/]
	];
	for (const [what, change, reason] of tampered) {
		it(`refuse ${what}`, () => {
			const a = played();
			change(a);
			const parsed = roundTrip(a);
			const result = parsed.ok ? verifyAttempt(parsed.attempt, find) : parsed;
			expect(result.ok).toBe(false);
			expect((result as { reason: string }).reason).toMatch(reason);
		});
	}

	it('refuse files that are not attempts, with the reason', () => {
		expect(parseAttempt('not json')).toEqual({ ok: false, reason: 'the file is not JSON' });
		expect(parseAttempt('{"hello": 1}')).toEqual({ ok: false, reason: 'the file is not a Nightshift attempt' });
		expect(parseAttempt(' '.repeat(2_000_000))).toEqual({ ok: false, reason: 'the file is larger than 1 MiB' });
		const bad = { ...played(), trainee: '' };
		expect(parseAttempt(JSON.stringify(bad))).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/^malformed attempt: trainee: /)
		});
		const extra = { ...played(), script: '<script>alert(1)</script>' };
		expect(parseAttempt(JSON.stringify(extra))).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/^malformed attempt: /)
		});
		const impossible = played();
		impossible.score.total = 250;
		expect(roundTrip(impossible)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/^malformed attempt: score.total: /)
		});
	});
});
