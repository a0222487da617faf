/**
 * Library scenarios from public post-mortems (issue 10): GitHub's split-brain of October 2018
 * and its power disruption of January 2016. Each replays its real night to the real time, on
 * the historical variant and preset, and keeps to the facts its debrief tells.
 */
import { describe, expect, it } from 'vitest';
import { compileFile } from '../fixtures/load.ts';
import { seedForVariant } from '../../src/lib/engine/check.ts';
import { replay } from '../../src/lib/engine/replay.ts';
import { solveVariant } from '../../src/lib/engine/solver.ts';
import type { CompiledScenario } from '../../src/lib/engine/compile.ts';

/** Plays a path of actions on the variant's first seed under a preset's options. */
function play(compiled: CompiledScenario, variant: string, preset: string, actions: string[]) {
	const options = compiled.scenario.presets.find((p) => p.id === preset)!.options;
	const seed = seedForVariant(compiled, variant)!;
	return replay(
		compiled,
		{ seed, options },
		actions.map((action) => ({ type: 'action', action }))
	);
}

/** Replays the scenario's historical path and returns the run. */
function replayHistorical(compiled: CompiledScenario) {
	const h = compiled.scenario.historical!;
	return play(compiled, h.variant, h.preset!, h.path);
}

/** The preset's options by id. */
const presetOf = (compiled: CompiledScenario, id: string) =>
	compiled.scenario.presets.find((p) => p.id === id)!.options;

/** The real cause and at least three red herrings, and both presets. */
function expectVariantsAndPresets(compiled: CompiledScenario, historical: string) {
	const s = compiled.scenario;
	expect(s.variants.length).toBeGreaterThanOrEqual(4);
	expect(s.variants.filter((v) => v.historical).map((v) => v.id)).toEqual([historical]);
	expect(s.presets.map((p) => p.id)).toEqual(['as-it-was', 'after-the-lessons']);
}

describe('github-2018-split-brain', () => {
	const compiled = compileFile('scenarios/github-2018-split-brain.yaml');
	const s = compiled.scenario;

	it('has the real cause and at least three red herrings, and both presets', () => {
		expectVariantsAndPresets(compiled, 'cross-region-split');
	});

	it('replays the real night to every primary back in the East, about 11:12 UTC', () => {
		const run = replayHistorical(compiled);
		expect(run.error).toBeNull();
		expect(run.state.outcome).toBe('restored');
		// 22:54 (first alerts) to 11:12: 738 minutes.
		expect(s.historical!.minutes).toBe(740);
		expect(Math.abs(run.state.clock - 738)).toBeLessThanOrEqual(10);
		// No user data lost: the East-only writes were extracted before the rebuild.
		expect(run.state.dataLost ?? 0).toBe(0);
	});

	it('loses users’ writes when the old East primaries are forced back', () => {
		const run = play(compiled, 'cross-region-split', 'as-it-was', ['check-orchestrator', 'failback-now']);
		expect(run.state.outcome).toBe('restored');
		expect(run.state.dataLost).toBeGreaterThanOrEqual(40);
		// The fast failback is worse for customers than the day of degraded service.
		const safe = solveVariant(compiled, 'cross-region-split', presetOf(compiled, 'as-it-was'))!;
		expect(run.state.impact).toBeGreaterThan(safe.minutes);
	});

	it('loses the East-only seconds when the rebuild overwrites them unsaved', () => {
		const run = play(compiled, 'cross-region-split', 'as-it-was', [
			'check-orchestrator',
			'freeze-change',
			'plan-rebuild',
			'restore-offsite',
			'failback-graceful'
		]);
		expect(run.state.outcome).toBe('restored');
		expect(run.state.dataLost).toBe(1);
	});

	it('is restored far sooner after the lessons', () => {
		const asItWas = solveVariant(compiled, 'cross-region-split', presetOf(compiled, 'as-it-was'))!;
		const after = solveVariant(compiled, 'cross-region-split', presetOf(compiled, 'after-the-lessons'))!;
		expect(after.clock).toBeLessThan(asItWas.clock / 2);
	});
});

describe('github-2016-power', () => {
	const compiled = compileFile('scenarios/github-2016-power.yaml');
	const s = compiled.scenario;

	it('has the real cause and at least three red herrings, and both presets', () => {
		expectVariantsAndPresets(compiled, 'firmware-hides-drives');
	});

	it('replays the real night to the restore at 02:29, 2 h 06 min after the start', () => {
		const run = replayHistorical(compiled);
		expect(run.error).toBeNull();
		expect(run.state.outcome).toBe('restored');
		expect(s.historical!.minutes).toBe(125);
		expect(Math.abs(run.state.clock - 126)).toBeLessThanOrEqual(10);
		expect(run.state.dataLost ?? 0).toBe(0);
	});

	it('lets the technicians and the rebuild work while the trainee goes on', () => {
		const run = play(compiled, 'firmware-hides-drives', 'as-it-was', [
			'open-bridge',
			'drain-redis-hosts',
			'rebuild-on-spares',
			'check-uptimes'
		]);
		expect(run.error).toBeNull();
		// Starting their work took no time: only the bridge and the inventory did.
		expect(run.state.clock).toBe(20);
		expect(run.state.outcome).toBe('playing');
	});

	it('makes loading Redis hosts start over when their power is pulled', () => {
		const waited = play(compiled, 'redis-loading', 'as-it-was', ['serial-console', 'watch-redis', 'restart-apps']);
		expect(waited.state.outcome).toBe('restored');
		const drained = play(compiled, 'redis-loading', 'as-it-was', [
			'open-bridge',
			'drain-redis-hosts',
			'wait-for-next',
			'restart-apps'
		]);
		expect(drained.state.outcome).toBe('playing');
	});

	it('serves degraded at once after the lessons, where the app starts without Redis', () => {
		const run = play(compiled, 'firmware-hides-drives', 'after-the-lessons', ['check-uptimes']);
		expect(run.state.outcome).toBe('playing');
		const asItWas = solveVariant(compiled, 'firmware-hides-drives', presetOf(compiled, 'as-it-was'))!;
		const after = solveVariant(compiled, 'firmware-hides-drives', presetOf(compiled, 'after-the-lessons'))!;
		expect(after.minutes).toBeLessThan(asItWas.minutes);
	});
});
