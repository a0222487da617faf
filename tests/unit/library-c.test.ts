/**
 * Library scenarios from public post-mortems (issue 10): each replays its real night to the
 * real timeline's time, and the choices the night turned on play out as the sources say.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/lib/scenario/parse.ts';
import { checkReferences } from '../../src/lib/scenario/validate.ts';
import { compileScenario, type CompiledScenario } from '../../src/lib/engine/compile.ts';
import { seedForHidden, seedForVariant } from '../../src/lib/engine/check.ts';
import { solveVariant } from '../../src/lib/engine/solver.ts';
import { replay } from '../../src/lib/engine/replay.ts';

function load(id: string): CompiledScenario {
	const file = `scenarios/${id}.yaml`;
	const parsed = parseScenario(readFileSync(file, 'utf8'), file);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
	expect(checkReferences(parsed.value, file)).toEqual([]);
	return compileScenario(parsed.value);
}

/** Plays actions on a seed under a preset (or the default options). */
function play(compiled: CompiledScenario, seed: number, actions: string[], preset?: string) {
	const options = preset ? compiled.scenario.presets.find((p) => p.id === preset)!.options : {};
	return replay(
		compiled,
		{ seed, options },
		actions.map((action) => ({ type: 'action', action }))
	);
}

describe('joyent-2014-reboot', () => {
	const joyent = load('joyent-2014-reboot');
	const s = joyent.scenario;
	const h = s.historical!;
	const preset = (id: string) => s.presets.find((p) => p.id === id)!.options;

	it('starts at 20:13 UTC on 27 May 2014, when the reboot went out', () => {
		expect(s.start).toMatchObject({ date: '2014-05-27', time: '20:13' });
		expect(s.variants.length).toBeGreaterThanOrEqual(4);
		expect(s.variants.filter((v) => v.historical).map((v) => v.id)).toEqual([h.variant]);
	});

	it('replays the real night to the last instances back after about 149 minutes', () => {
		expect(h.minutes).toBe(149);
		// The old nodes' second round of power cycles is the slow draw: 40 minutes.
		const seed = seedForHidden(joyent, `${h.variant}~power-cycle-stuck=40`)!;
		const run = play(joyent, seed, h.path, h.preset);
		expect(run.error).toBeNull();
		expect(run.state.outcome).toBe('restored');
		expect(Math.abs(run.state.clock - h.minutes)).toBeLessThanOrEqual(15);
		// With the quick draw the same night ends ten minutes sooner, still near the real time.
		const quick = play(joyent, seedForHidden(joyent, `${h.variant}~power-cycle-stuck=30`)!, h.path, h.preset);
		expect(quick.state.outcome).toBe('restored');
		expect(Math.abs(quick.state.clock - h.minutes)).toBeLessThanOrEqual(5);
	});

	it('has a par well below the real night, and lower still after the lessons', () => {
		const asItWas = solveVariant(joyent, h.variant, preset('as-it-was'))!;
		const after = solveVariant(joyent, h.variant, preset('after-the-lessons'))!;
		expect(asItWas.clock).toBeLessThan(h.minutes);
		expect(after.minutes).toBeLessThan(asItWas.minutes);
	});

	it('ends in split-brain when the stores are forced behind a network partition', () => {
		const run = play(joyent, seedForVariant(joyent, 'network-partition')!, [
			'check-stores',
			'read-job-log',
			'rebuild-binder'
		]);
		expect(run.state).toMatchObject({ outcome: 'failed', failure: 'split-brain' });
	});

	it('brings a partitioned datacenter back by reloading the core, with the stores rejoining by themselves', () => {
		const run = play(joyent, seedForVariant(joyent, 'network-partition')!, [
			'check-core-switches',
			'reload-core-switches'
		]);
		expect(run.state.outcome).toBe('restored');
		expect(run.state.clock).toBe(25);
	});

	it('lets the rollout job reboot the fleet again unless it is stopped', () => {
		const seed = seedForVariant(joyent, 'rollout-retry')!;
		const unstopped = play(joyent, seed, ['read-job-log', 'check-stores', 'rebuild-binder', 'promote-manatee']);
		expect(unstopped.state).toMatchObject({ outcome: 'failed', failure: 'second-reboot' });
		const stopped = play(joyent, seed, ['read-job-log', 'stop-rollout', 'rebuild-binder', 'promote-manatee']);
		expect(stopped.state.outcome).toBe('playing');
	});

	it('keeps the power-cycles of the old nodes waiting for the API', () => {
		const seed = seedForVariant(joyent, h.variant)!;
		const early = play(joyent, seed, ['power-cycle-stuck']);
		expect(early.error).toMatch(/bring the control plane back first/);
	});

	it('counts a needless reload of the core as a boot wave started again', () => {
		const seed = seedForVariant(joyent, h.variant)!;
		const options = preset('after-the-lessons');
		const calm = replay(joyent, { seed, options }, [{ type: 'action', action: 'watch-recovery' }]);
		const reloaded = replay(joyent, { seed, options }, [
			{ type: 'action', action: 'reload-core-switches' },
			{ type: 'action', action: 'watch-recovery' },
			{ type: 'action', action: 'watch-recovery' }
		]);
		expect(calm.state).toMatchObject({ outcome: 'restored', clock: 45 });
		expect(reloaded.state).toMatchObject({ outcome: 'restored', clock: 90 });
	});
});

describe('ovh-2021-sbg-fire', () => {
	const ovh = load('ovh-2021-sbg-fire');
	const s = ovh.scenario;
	const h = s.historical!;
	const seedOf = (variant: string, restore = 30) => seedForHidden(ovh, `${variant}~restore-data=${restore}`)!;

	it('starts at 00:50 on 10 March 2021, as the alerts come in', () => {
		expect(s.start).toMatchObject({ date: '2021-03-10', time: '00:50' });
		expect(s.variants.length).toBeGreaterThanOrEqual(4);
		expect(s.variants.filter((v) => v.historical).map((v) => v.id)).toEqual([h.variant]);
	});

	it("replays one customer's night (asleep until the morning, then restores) to 09:10, or 09:40 with the slower restore", () => {
		for (const restore of [30, 60]) {
			const run = play(ovh, seedOf(h.variant, restore), h.path, h.preset);
			expect(run.error).toBeNull();
			expect(run.state.outcome).toBe('restored');
			expect(run.state.clock).toBe(h.minutes + restore - 30);
		}
	});

	it('can only come back from the fire by restoring elsewhere, and sooner after the lessons', () => {
		const waited = play(ovh, seedOf(h.variant), Array(12).fill('wait-for-sbg'));
		expect(waited.state.outcome).toBe('timeout');
		const asItWas = solveVariant(ovh, h.variant, s.presets.find((p) => p.id === 'as-it-was')!.options)!;
		const after = solveVariant(ovh, h.variant, s.presets.find((p) => p.id === 'after-the-lessons')!.options)!;
		expect(asItWas.clock).toBeLessThan(h.minutes / 3);
		expect(after.minutes).toBeLessThan(asItWas.minutes);
	});

	it('needs the DNS moved first when every name server was in SBG', () => {
		const run = play(
			ovh,
			seedOf(h.variant),
			['order-servers', 'wait-for-next', 'restore-data', 'wait-for-next', 'switch-dns'],
			'as-it-was'
		);
		expect(run.error).toMatch(/move your DNS first/);
	});

	it('throws away the writes since the copy restored when the servers in SBG would have come back', () => {
		const restore = ['order-servers', 'wait-for-next', 'restore-data', 'wait-for-next', 'switch-dns'];
		const nightly = play(ovh, seedOf('sbg-power-cut'), ['move-dns', ...restore], 'as-it-was');
		expect(nightly.state.outcome).toBe('restored');
		expect(nightly.state.dataLost).toBe(720);
		const hourly = play(ovh, seedOf('sbg-power-cut'), restore, 'after-the-lessons');
		expect(hourly.state.dataLost).toBe(50);
		expect(hourly.state.impact).toBe(hourly.state.clock + 50);
	});

	it('lets a restore in GRA serve nobody while the whole provider is down', () => {
		const restore = ['order-servers', 'wait-for-next', 'restore-data', 'wait-for-next', 'switch-dns', 'wait-for-sbg'];
		const run = play(ovh, seedOf('ovh-backbone'), restore, 'after-the-lessons');
		expect(run.state).toMatchObject({ outcome: 'restored', clock: 120 });
		const waited = play(
			ovh,
			seedOf('ovh-backbone'),
			['check-other-regions', 'wait-for-sbg', 'wait-for-sbg'],
			'after-the-lessons'
		);
		expect(waited.state).toMatchObject({ outcome: 'restored', clock: 120 });
		expect(waited.state.dataLost ?? 0).toBe(0);
		expect(run.state.dataLost).toBe(50);
	});
});
