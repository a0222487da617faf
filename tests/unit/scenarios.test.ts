/**
 * The bundled scenarios: each parses, passes its reference checks, is solvable for every
 * variant under every option combination, and the http4 night replays as it really happened.
 * The two scenarios around it keep to its facts and can't be won without reading the evidence.
 * (Dead ends and unreachable actions are checked by `npm run scenarios -- check`.)
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bundledFiles } from '../fixtures/load.ts';
import { parseScenario } from '../../src/lib/scenario/parse.ts';
import { checkReferences } from '../../src/lib/scenario/validate.ts';
import { compileScenario, type CompiledScenario } from '../../src/lib/engine/compile.ts';
import { lint, optionCombinations, seedForVariant } from '../../src/lib/engine/check.ts';
import { solveHidden, solveVariant } from '../../src/lib/engine/solver.ts';
import { replay } from '../../src/lib/engine/replay.ts';
import { scoreState } from '../../src/lib/engine/attempt.ts';
import { fairFor } from '../../src/lib/engine/fair.ts';
import { scoreStrategy, standardStrategies } from '../../src/lib/engine/strategies.ts';

/** Plays actions on the variant's first seed. */
function play(compiled: CompiledScenario, variant: string, actions: string[]) {
	const seed = seedForVariant(compiled, variant)!;
	return replay(
		compiled,
		{ seed },
		actions.map((action) => ({ type: 'action', action }))
	);
}

/** Every blind strategy of `npm run strategies` averages below B, and the fair policy near 100. */
function expectDiagnosisToPay(compiled: CompiledScenario) {
	for (const { name, blind, make } of standardStrategies(compiled, {})) {
		const score = scoreStrategy(compiled, {}, make)!;
		if (blind) expect(score.total, name).toBeLessThan(75);
		else expect(score.total, name).toBeGreaterThanOrEqual(95);
	}
}

function load(file: string): CompiledScenario {
	const parsed = parseScenario(readFileSync(file, 'utf8'), file);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
	expect(checkReferences(parsed.value, file)).toEqual([]);
	return compileScenario(parsed.value);
}

const files = bundledFiles();
const byId = new Map(files.map((f) => [f.replace(/^scenarios\/|\.yaml$/g, ''), load(f)]));

describe('bundled scenarios', () => {
	it('include the ones the trainer ships with', () => {
		expect([...byId.keys()].sort()).toEqual([
			'failover-or-wait',
			'freeze-triage',
			'github-2016-power',
			'github-2018-split-brain',
			'gitlab-2017-database',
			'http4-night',
			'joyent-2014-reboot',
			'ovh-2021-sbg-fire',
			'salesforce-2016-na14'
		]);
	});

	for (const [id, compiled] of byId) {
		it(`${id}: every variant can be restored under every option combination`, () => {
			for (const options of optionCombinations(compiled.scenario)) {
				for (const variant of compiled.variantIds) {
					const par = solveVariant(compiled, variant, options);
					expect(par, `${variant} ${JSON.stringify(options)}`).not.toBeNull();
					// The par path replays through the machine to the same time.
					const seed = seedForVariant(compiled, variant)!;
					const run = replay(
						compiled,
						{ seed, options },
						par!.path.map((s) => ({ type: 'action', action: s.action }))
					);
					expect(run.error).toBeNull();
					expect(run.state.clock).toBe(par!.clock);
					expect(run.state.impact).toBe(par!.minutes);
					// Through the variant's specialised view, as the app solves it: the same par, and a
					// path that plays to it too.
					const fast = solveHidden(compiled, { variant, draws: {} }, options)!;
					expect(fast.minutes).toBe(par!.minutes);
					const again = replay(
						compiled,
						{ seed, options },
						fast.path.map((s) => ({ type: 'action', action: s.action }))
					);
					expect([again.error, again.state.impact]).toEqual([null, fast.minutes]);
				}
			}
		});

		it(`${id}: the par path scores 100 before penalties`, () => {
			const variant = compiled.variantIds[0]!;
			const seed = seedForVariant(compiled, variant)!;
			const par = solveVariant(compiled, variant, {})!;
			const run = replay(
				compiled,
				{ seed },
				par.path.map((s) => ({ type: 'action', action: s.action }))
			);
			expect(scoreState(compiled, run.state)!.timeScore).toBe(100);
		}, 30_000);
	}

	describe('http4-night', () => {
		const http4 = byId.get('http4-night')!;
		const s = http4.scenario;
		const preset = (id: string) => s.presets.find((p) => p.id === id)!.options;

		it('has the historical variant and at least three red herrings', () => {
			expect(s.variants.length).toBeGreaterThanOrEqual(4);
			expect(s.variants.filter((v) => v.historical).map((v) => v.id)).toEqual([s.historical!.variant]);
		});

		it('replays the real night to about 9 h 15 min', () => {
			const h = s.historical!;
			expect(h.minutes).toBe(555);
			const seed = seedForVariant(http4, h.variant)!;
			const run = replay(
				http4,
				{ seed, options: preset(h.preset!) },
				h.path.map((action) => ({ type: 'action', action }))
			);
			expect(run.error).toBeNull();
			expect(run.state.outcome).toBe('restored');
			expect(Math.abs(run.state.clock - 555)).toBeLessThanOrEqual(10);
		});

		it('has a par far below the real night, and lower after the lessons', () => {
			const h = s.historical!;
			const asItWas = solveVariant(http4, h.variant, preset('as-it-was'))!;
			const after = solveVariant(http4, h.variant, preset('after-the-lessons'))!;
			expect(asItWas.minutes).toBeLessThan(555 / 2);
			expect(after.minutes).toBeLessThan(asItWas.minutes);
		});

		it("has the admin work while the technician swaps the board, and the wait in the night's path", () => {
			const seed = seedForVariant(http4, 'card-driver')!;
			const run = replay(
				http4,
				{ seed },
				['swap-motherboard', 'post-status-update', 'read-sel'].map((action) => ({ type: 'action' as const, action }))
			);
			// Starting the swap took no time: the status post and the SEL took the admin ten minutes.
			expect(run.state.clock).toBe(10);
			expect(run.state.running).toEqual([
				expect.objectContaining({ action: 'swap-motherboard', by: 'night-tech', from: 0 })
			]);
			expect(s.historical!.path.slice(0, 3)).toEqual(['swap-motherboard', 'post-status-update', 'wait-for-next']);
		});

		it('passes every lint without opting out, and pays for diagnosis', () => {
			expect(s.allow).toEqual([]);
			expect(lint(http4, 'http4-night.yaml')).toEqual([]);
			expectDiagnosisToPay(http4);
		}, 60_000);

		it('can end in split-brain', () => {
			const options = preset('after-the-lessons');
			const path = solveVariant(http4, s.historical!.variant, options, undefined, (w) => w.failure === 'split-brain');
			expect(path).not.toBeNull();
			const seed = seedForVariant(http4, s.historical!.variant)!;
			const run = replay(
				http4,
				{ seed, options },
				path!.path.map((p) => ({ type: 'action', action: p.action }))
			);
			expect(run.state).toMatchObject({ outcome: 'failed', failure: 'split-brain' });
			expect(scoreState(http4, run.state)).toMatchObject({ total: 0, grade: 'F' });
		});
	});

	describe('freeze-triage', () => {
		const freeze = byId.get('freeze-triage')!;
		const s = freeze.scenario;
		const text = (id: string) => s.evidence.find((e) => e.id === id)!.text;

		it('is the Saturday before the outage of Sunday 21 October 2012', () => {
			expect(s.start.date).toBe('2012-10-20');
			expect(new Date(`${s.start.date}T12:00:00Z`).getUTCDay()).toBe(6);
			expect(s.briefing).toContain('Saturday 20 October 2012');
		});

		it("describes http4-night's server: the same processors, memory and in-house kernel", () => {
			const night = readFileSync('scenarios/http4-night.yaml', 'utf8');
			const cpu = /Xeon\(R\) CPU (X\d{4}) @ ([\d.]+GHz)/.exec(night)!;
			const memory = /(\d+) MB OK/.exec(night)![1]!;
			const kernel = /Linux version (\S+)/.exec(night)![1]!;
			expect(text('memtest-clean')).toContain(`Intel Xeon ${cpu[1]} @ ${cpu[2]}`);
			expect(text('memtest-clean')).toContain(`Memory  : ${memory}M`);
			expect(text('syslog-silent')).toContain(`Linux version ${kernel}`);
			expect(text('nmi-trace')).toContain(`Not tainted ${kernel}`);
		});

		it("shows the dying board's event log as http4-night has it: the same lines at the second freeze", () => {
			const night = readFileSync('scenarios/http4-night.yaml', 'utf8');
			const lines = night.split('\n').filter((l) => /\| 10\/20\/2012 \| 22:/.test(l));
			expect(lines.length).toBeGreaterThan(0);
			for (const line of lines) expect(text('sel-board-failing')).toContain(line.trim());
		});

		it('has nothing in the logs after the first freeze on the real afternoon', () => {
			const run = play(freeze, 'dying-motherboard', ['look-at-console', 'send-nmi', 'read-sel', 'check-sensors']);
			expect(Object.keys(run.state.seen)).toEqual(
				expect.arrayContaining(['console-first-freeze', 'nmi-no-response', 'sel-quiet', 'sensors-normal'])
			);
		});

		it('replays the real afternoon to the booking at 22:36, with 30 minutes of downtime', () => {
			const h = s.historical!;
			const run = play(freeze, h.variant, h.path);
			expect(run.error).toBeNull();
			expect(run.state.outcome).toBe('restored');
			expect(run.state.clock).toBe(h.minutes);
			expect(run.state.impact).toBe(30);
		});

		it('counts a memory test as four hours of downtime, and scores such a run far below par', () => {
			const run = play(freeze, 'kernel-deadlock', ['run-memtest', 'boot-previous-kernel']);
			expect(run.state.outcome).toBe('restored');
			expect(run.state.impact).toBe(255);
			expect(scoreState(freeze, run.state)!.timeScore).toBeLessThan(10);
		});

		it('takes a serving http4 out of service before work on it, and counts that work as downtime', () => {
			const run = play(freeze, 'bad-dimm', ['restart-http4', 'read-sel', 'shut-down-http4', 'replace-dimm']);
			expect(run.error).toBeNull();
			expect(run.state.outcome).toBe('restored');
			expect(run.state.impact).toBe(50);
		});

		it('passes every lint without opting out, and pays for diagnosis', () => {
			expect(s.allow).toEqual([]);
			expect(lint(freeze, 'freeze-triage.yaml')).toEqual([]);
			expectDiagnosisToPay(freeze);
		});
	});

	describe('failover-or-wait', () => {
		const failover = byId.get('failover-or-wait')!;
		const s = failover.scenario;

		it('waits through the DNS switch until most clients have followed', () => {
			const run = play(failover, 'router-reboot', [
				'post-incident',
				'fence-remote-hands',
				'promote-dublin',
				'switch-dns',
				'wait-and-watch'
			]);
			expect(run.error).toBeNull();
			expect(run.state.outcome).toBe('restored');
			expect(run.state.clock).toBe(85);
		});

		it('loses the four minutes of writes Paris never shipped when the switch is made', () => {
			const run = play(failover, 'fibre-cut', [
				'check-bmc',
				'fence-bmc',
				'promote-dublin',
				'switch-dns',
				'wait-and-watch'
			]);
			expect(run.state.outcome).toBe('restored');
			expect(run.state.dataLost).toBe(4);
			const waited = play(failover, 'router-reboot', ['wait-and-watch', 'wait-and-watch']);
			expect(waited.state.outcome).toBe('restored');
			expect(waited.state.dataLost ?? 0).toBe(0);
		});

		it('makes a Paris fenced for nothing slow to come back when its network returns', () => {
			const waited = play(failover, 'short-blip', ['check-bmc', 'wait-and-watch']);
			const fenced = play(failover, 'short-blip', ['check-bmc', 'fence-bmc', 'wait-and-watch', 'boot-paris']);
			expect(waited.state).toMatchObject({ outcome: 'restored', clock: 20 });
			expect(fenced.state.outcome).toBe('restored');
			expect(fenced.state.clock).toBeGreaterThanOrEqual(20 + 25);
		});

		it('weighs its variants as its runbook counts: most outages past 30 minutes end within 60', () => {
			const fair = fairFor(failover, {})!;
			const long = fair.variants.filter((v) => v.clock > 30);
			const within = long.filter((v) => v.clock <= 60).reduce((sum, v) => sum + v.weight, 0);
			const beyond = long.filter((v) => v.clock > 60).reduce((sum, v) => sum + v.weight, 0);
			expect(within).toBeGreaterThan(beyond);
		});

		it('passes every lint without opting out, and pays for diagnosis', () => {
			expect(s.allow).toEqual([]);
			expect(lint(failover, 'failover-or-wait.yaml')).toEqual([]);
			expectDiagnosisToPay(failover);
		});
	});
});
