/**
 * Library scenarios from public post-mortems (issue 10), part A: each replays its real night
 * to the real time, loses the data the night lost, passes every lint without opting out, and
 * pays for diagnosis.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/lib/scenario/parse.ts';
import { checkReferences } from '../../src/lib/scenario/validate.ts';
import { compileScenario, type CompiledScenario } from '../../src/lib/engine/compile.ts';
import { lint, seedForHidden, seedForVariant } from '../../src/lib/engine/check.ts';
import { replay } from '../../src/lib/engine/replay.ts';
import { solveVariant } from '../../src/lib/engine/solver.ts';
import { scoreStrategy, standardStrategies } from '../../src/lib/engine/strategies.ts';

function load(id: string): CompiledScenario {
	const file = `scenarios/${id}.yaml`;
	const parsed = parseScenario(readFileSync(file, 'utf8'), file);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
	expect(checkReferences(parsed.value, file)).toEqual([]);
	return compileScenario(parsed.value);
}

/** Plays actions on the first seed of a variant (or of a hidden world's key, draws included), with a preset's options. */
function play(compiled: CompiledScenario, hidden: string, preset: string, actions: readonly string[]) {
	const options = compiled.scenario.presets.find((p) => p.id === preset)!.options;
	const seed = hidden.includes('~') ? seedForHidden(compiled, hidden) : seedForVariant(compiled, hidden);
	return replay(
		compiled,
		{ seed: seed!, options },
		actions.map((action) => ({ type: 'action', action }))
	);
}

/**
 * The historical night: its variant is the one marked historical, and its path replays to its
 * minutes (with the night's own durations, `draws`, where the scenario draws them).
 */
function replaysTheRealNight(compiled: CompiledScenario, minutes: number, draws = '') {
	const s = compiled.scenario;
	const h = s.historical!;
	expect(h.minutes).toBe(minutes);
	expect(h.preset).toBe('as-it-was');
	expect(s.variants.filter((v) => v.historical).map((v) => v.id)).toEqual([h.variant]);
	const run = play(compiled, h.variant + draws, h.preset!, h.path);
	expect(run.error).toBeNull();
	expect(run.state.outcome).toBe('restored');
	expect(run.state.clock).toBe(minutes);
	return run;
}

/** Every lint passes with no `allow`; blind strategies average below B; the fair policy near 100. */
function passesLintsAndPaysForDiagnosis(compiled: CompiledScenario, file: string) {
	expect(compiled.scenario.allow).toEqual([]);
	expect(lint(compiled, file)).toEqual([]);
	for (const options of [{}, ...compiled.scenario.presets.map((p) => p.options)]) {
		for (const { name, blind, make } of standardStrategies(compiled, options)) {
			const score = scoreStrategy(compiled, options, make)!;
			if (blind) expect(score.total, name).toBeLessThan(75);
			else expect(score.total, name).toBeGreaterThanOrEqual(95);
		}
	}
}

describe('gitlab-2017-database', () => {
	const gitlab = load('gitlab-2017-database');
	const s = gitlab.scenario;

	it('has the real cause and three red herrings, and both presets', () => {
		expect(s.variants.length).toBeGreaterThanOrEqual(4);
		expect(s.presets.map((p) => p.id)).toEqual(['as-it-was', 'after-the-lessons']);
	});

	it('replays the real night from the page at 22:00 to the site back at 18:15, six hours of writes lost', () => {
		const run = replaysTheRealNight(gitlab, 1215, '~copy-staging=965');
		expect(run.state.dataLost).toBe(365);
		expect(Object.keys(run.state.seen)).toEqual(
			expect.arrayContaining(['basebackup-fatal', 'restart-semaphores', 'wiped-db1', 'dump-job-failing'])
		);
	});

	it('deletes the primary when the wipe is typed into db1’s terminal, unless the prompt names the host', () => {
		const steps = ['start-basebackup', 'start-basebackup', 'raise-wal-senders', 'lower-max-connections'];
		const asItWas = play(gitlab, 'checkpoint-wait', 'as-it-was', [...steps, 'start-basebackup']);
		expect(asItWas.state.flags.db1Wiped).toBe(true);
		const after = play(gitlab, 'checkpoint-wait', 'after-the-lessons', [
			'start-basebackup',
			'start-basebackup',
			'raise-wal-senders',
			'start-basebackup'
		]);
		expect(after.state.flags.db1Wiped).toBe(false);
		expect(Object.keys(after.state.seen)).toContain('prompt-caught');
	});

	it('streams within ten minutes when left alone, on the real cause', () => {
		const run = play(gitlab, 'checkpoint-wait', 'as-it-was', ['start-basebackup', 'watch-basebackup']);
		expect(run.state).toMatchObject({ outcome: 'restored', clock: 15 });
	});

	it('lets the second engineer rebuild the webhooks while the copy runs', () => {
		const wipe = [
			'start-basebackup',
			'start-basebackup',
			'raise-wal-senders',
			'lower-max-connections',
			'start-basebackup'
		];
		const run = play(gitlab, 'checkpoint-wait~copy-staging=1025', 'as-it-was', [
			...wipe,
			'rebuild-webhooks',
			'copy-staging',
			'bump-sequences',
			'reopen-site'
		]);
		expect(run.state.outcome).toBe('restored');
		expect(run.state.flags.webhooks).toBe(true);
		expect(run.state.clock).toBe(run.state.doneAt['start-basebackup']! + 1025 + 5 + 10);
	});

	it('restores from the 23:00 snapshot in under an hour with hourly snapshots, losing 25 minutes', () => {
		const options = { hostPrompts: false, saneMaxConnections: false, hourlySnapshots: true };
		const path = [
			'start-basebackup',
			'start-basebackup',
			'raise-wal-senders',
			'lower-max-connections',
			'start-basebackup'
		];
		const run = replay(
			gitlab,
			{ seed: seedForVariant(gitlab, 'checkpoint-wait')!, options },
			[...path, 'merge-snapshot', 'bump-sequences', 'reopen-site'].map((action) => ({ type: 'action', action }))
		);
		expect(run.state.outcome).toBe('restored');
		expect(run.state.dataLost).toBe(25);
		expect(run.state.clock).toBeLessThan(200);
	});

	it('has a par far below the real night under either preset', () => {
		for (const preset of s.presets)
			expect(solveVariant(gitlab, 'checkpoint-wait', preset.options)!.clock).toBeLessThan(60);
	});

	it('passes every lint without opting out, and pays for diagnosis', () => {
		passesLintsAndPaysForDiagnosis(gitlab, 'gitlab-2017-database.yaml');
	}, 60_000);
});

describe('salesforce-2016-na14', () => {
	const na14 = load('salesforce-2016-na14');
	const s = na14.scenario;

	it('has the real cause and three red herrings, and both presets', () => {
		expect(s.variants.length).toBeGreaterThanOrEqual(4);
		expect(s.presets.map((p) => p.id)).toEqual(['as-it-was', 'after-the-lessons']);
	});

	it('replays the real disruption from the slowdown at 05:41 PDT to "resolved" at 02:31, four hours of data lost', () => {
		const run = replaysTheRealNight(na14, 1250);
		expect(run.state.dataLost).toBe(240);
		expect(Object.keys(run.state.seen)).toEqual(
			expect.arrayContaining(['cluster-crashed', 'vendor-discrepancy', 'repair-more-errors', 'standby-damaged'])
		);
	});

	it('keeps the standby sound when replication is suspended before the damage reaches it', () => {
		const early = play(na14, 'array-firmware', 'as-it-was', [
			'check-array',
			'pause-replication',
			'begin-switch',
			'complete-switch'
		]);
		expect(early.state).toMatchObject({ outcome: 'restored', dataLost: 30 });
		const late = play(na14, 'array-firmware', 'as-it-was', ['watch-instance', 'begin-switch', 'complete-switch']);
		expect(late.state.outcome).toBe('playing');
		expect(Object.keys(late.state.seen)).toContain('switch-done-damaged');
	});

	it('finds the same software fault on the other site when the database itself is at fault', () => {
		const run = play(na14, 'database-bug', 'as-it-was', ['begin-switch', 'complete-switch']);
		expect(run.state.outcome).toBe('playing');
		expect(Object.keys(run.state.seen)).toContain('switch-done-bug');
	});

	it('loses less data from the backup completed around the switch', () => {
		const steps = ['watch-instance', 'restore-backup'];
		expect(play(na14, 'array-firmware', 'as-it-was', steps).state.dataLost).toBe(240);
		expect(play(na14, 'array-firmware', 'after-the-lessons', steps).state.dataLost).toBe(120);
	});

	it('has a par far below the real disruption under either preset', () => {
		for (const preset of s.presets)
			expect(solveVariant(na14, 'array-firmware', preset.options)!.clock).toBeLessThan(1250 / 4);
	});

	it('passes every lint without opting out, and pays for diagnosis', () => {
		passesLintsAndPaysForDiagnosis(na14, 'salesforce-2016-na14.yaml');
	}, 60_000);
});
