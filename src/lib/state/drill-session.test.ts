import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { verifyAttempt } from '$lib/engine/attempt.ts';
import { parseAttempt } from '$lib/engine/attempt-schema.ts';
import { DrillSession } from './drill-session.svelte.ts';
import { bestResults, loadAttempt, loadSummaries } from './attempts.ts';
import { buildDebrief } from './debrief.ts';

const compiled = fixture('disk-full');
// seed 1 picks the "logs" variant in disk-full (checked below).
const params = { seed: 1, mode: 'guided' as const, options: { logRotation: false }, liveClockRate: null };

function fakeClock(start = 0) {
	const clock = { ms: start, now: () => clock.ms, date: () => new Date(Date.UTC(2024, 2, 2) + clock.ms) };
	return clock;
}

describe('DrillSession', () => {
	it('starts with the initial evidence and every visible action, unavailable ones with their reason', () => {
		const s = new DrillSession(compiled, params, fakeClock());
		expect(s.state.variant).toBe('logs');
		expect(s.log.map((e) => e.key)).toEqual(['e:alert']);
		const find = s.actionGroups.flatMap((g) => g.actions).find((a) => a.id === 'find-big-files')!;
		expect(find).toMatchObject({ available: false, reason: 'Check the disk first.' });
		expect(s.actionGroups.map((g) => g.label)).toEqual(['Diagnose', 'Repair', 'Escalate', 'Communicate', 'Fail over']);
	});

	it('announces each outcome, adds the evidence to the log and explains it in guided mode', () => {
		const s = new DrillSession(compiled, params, fakeClock());
		expect(s.act('check-disk')).toBe(true);
		expect(s.announcement).toBe('Check disk space: done at 23:35 (5 min), 1 new entry: df -h.');
		expect(s.log.map((e) => e.kind)).toEqual(['evidence', 'action', 'evidence']);
		expect(s.note?.action).toBe('Check disk space');
		expect(s.act('check-disk')).toBe(false);
		expect(s.announcement).toBe('Not available: Already done.');
		expect(s.act('find-big-files')).toBe(true);
		expect(s.act('ask-dba')).toBe(false);
		expect(s.announcement).toBe('Not available: The DBA arrives at 00:30.');
		s.act('truncate-log');
		s.act('restart');
		expect(s.over).toBe(true);
		expect(s.end).toEqual({ title: 'Service restored', restored: true });
	});

	it('charges live-clock thinking time with the next action', () => {
		const clock = fakeClock();
		const s = new DrillSession(compiled, { ...params, mode: 'drill', liveClockRate: 2 }, clock);
		clock.ms = 90_000;
		s.tick();
		expect(s.displayClock).toBe(3);
		s.act('check-disk');
		expect(s.state.clock).toBe(8);
		expect(s.state.journal[0]).toMatchObject({ idle: 3, at: 3 });
		expect(s.pendingIdle).toBe(0);
	});

	it('with the live clock, reaching the time limit ends the drill at that moment, and the log replays to it', async () => {
		const clock = fakeClock();
		// 60 simulated minutes per real minute: disk-full's 240 min limit comes after 4 real minutes.
		const s = new DrillSession(compiled, { ...params, mode: 'drill', liveClockRate: 60 }, clock);
		clock.ms = 100_000;
		s.tick();
		expect(s.over).toBe(false);
		s.act('check-disk');
		expect(s.state.clock).toBe(105);
		clock.ms = 250_000;
		s.tick();
		expect(s.over).toBe(true);
		expect(s.state).toMatchObject({ outcome: 'timeout', clock: 240 });
		expect(s.displayClock).toBe(240);
		expect(s.end).toEqual({ title: 'Time is up', restored: false });
		expect(s.announcement).toBe(
			'Time is up at 03:30 +1d: the service was not restored. The live clock ran 2 h 15 min while you were deciding.'
		);
		expect(s.log.at(-1)).toEqual({ kind: 'idle', key: 'i:1', at: 105, minutes: 135 });
		expect(s.actionLog).toEqual([
			{ type: 'action', action: 'check-disk', idle: 100 },
			{ type: 'idle', minutes: 135 }
		]);
		// Too late for an action clicked now.
		expect(s.act('find-big-files')).toBe(false);
		const attempt = await loadAttempt(await s.finish());
		expect(attempt?.steps.map((x) => x.type)).toEqual(['action', 'idle']);
		expect(attempt?.outcome).toBe('timeout');
		// A result file with the step reads back, and the replay confirms it.
		expect(parseAttempt(JSON.stringify(attempt)).ok).toBe(true);
		expect(verifyAttempt(attempt!, () => compiled)).toMatchObject({ ok: true });
	});

	it('an action clicked once the time has run out, before the clock ticked, is not taken', () => {
		const clock = fakeClock();
		const s = new DrillSession(compiled, { ...params, mode: 'drill', liveClockRate: 60 }, clock);
		clock.ms = 300_000;
		expect(s.act('check-disk')).toBe(false);
		expect(s.state).toMatchObject({ outcome: 'timeout', clock: 240 });
		expect(s.state.journal).toEqual([{ kind: 'idle', at: 0, minutes: 240, impact: 240 }]);
		expect(s.announcement).toMatch(/^Time is up at 03:30/);
	});

	it('gives hints only outside drill mode', () => {
		const guided = new DrillSession(compiled, params, fakeClock());
		expect(guided.hint()).toBe('Start with the disk.');
		expect(guided.hints).toEqual(['Start with the disk.']);
		expect(guided.hint()).toBeNull();
		expect(guided.announcement).toBe('No hint applies right now.');
		const drill = new DrillSession(compiled, { ...params, mode: 'drill' }, fakeClock());
		expect(drill.hintAvailable).toBe(false);
		expect(drill.hint()).toBeNull();
	});

	it('keeps the finished attempt; the debrief replays it and finds time to restore equal to par', async () => {
		const s = new DrillSession(compiled, params, fakeClock());
		for (const id of ['check-disk', 'truncate-log', 'restart']) s.act(id);
		const id = await s.finish();
		const parsed = parseAttempt(JSON.stringify(await loadAttempt(id)));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const d = buildDebrief(compiled, parsed.attempt);
		expect(d.replayError).toBeNull();
		expect(d.minutes).toBe(13);
		expect(d.par).toBe(8);
		expect(d.parPath.map((p) => p.action)).toEqual(['truncate-log', 'restart']);
		expect(d.yourPath.map((p) => [p.n, p.start, p.end])).toEqual([
			[1, 0, 5],
			[2, 5, 10],
			[3, 10, 13]
		]);
		expect(d.laps.find((l) => l.phase === 'restored')).toMatchObject({ you: 13, par: 8 });
		expect(d.pointers).toEqual([{ id: 'du-logs', title: 'du /var/log', seenAt: null }]);
		expect(bestResults(await loadSummaries()).get('disk-full')?.id).toBe(id);
	});

	it('a failed drill debriefs what went wrong, when, and after which action', async () => {
		const s = new DrillSession(compiled, params, fakeClock());
		s.act('check-disk');
		s.act('wipe-var');
		expect(s.announcement).toBe('Drill failed at 23:37: Data loss.');
		const parsed = parseAttempt(JSON.stringify(await loadAttempt(await s.finish())));
		if (!parsed.ok) throw new Error(parsed.reason);
		const d = buildDebrief(compiled, parsed.attempt);
		expect(d.restored).toBe(false);
		expect(d.failure).toMatchObject({ id: 'data-loss', at: 7, cause: 'Delete everything under /var' });
		expect(parsed.attempt.score.grade).toBe('F');
	});
});

describe('DrillSession resume', () => {
	function playedTwo() {
		const clock = fakeClock();
		const s = new DrillSession(compiled, params, clock, { trainee: 'Ana', persist: false });
		clock.ms = 4000;
		s.act('check-disk');
		clock.ms = 9000;
		s.act('truncate-log');
		// Through JSON, as the database keeps it.
		return { s, point: JSON.parse(JSON.stringify(s.resumePoint())) as ReturnType<DrillSession['resumePoint']> };
	}

	it('restores from the persisted snapshot to the same clock, evidence, actions and wall time', async () => {
		const { s, point } = playedTwo();
		const clock = fakeClock(100_000);
		const r = new DrillSession(compiled, params, clock, { trainee: 'Ana', persist: false, resume: point });
		expect(r.state).toEqual(s.state);
		expect(r.log).toEqual(s.log);
		expect(r.actionGroups).toEqual(s.actionGroups);
		expect(r.startedAt).toBe(s.startedAt);
		expect(r.note).toEqual(s.note);
		expect(r.note?.action).toBe('Truncate the debug log');
		clock.ms += 1000;
		r.act('restart');
		expect(r.over).toBe(true);
		const attempt = await loadAttempt(await r.finish());
		expect(attempt?.trainee).toBe('Ana');
		expect(attempt?.steps.map((x) => x.wallMs)).toEqual([4000, 9000, 10000]);
	});

	it('rebuilds the same drill by replaying the log when there is no snapshot', () => {
		const { s, point } = playedTwo();
		const r = new DrillSession(compiled, params, fakeClock(), { persist: false, resume: { ...point, snapshot: null } });
		expect(r.state).toEqual(s.state);
		expect(r.actionLog).toEqual(s.actionLog);
	});
});
