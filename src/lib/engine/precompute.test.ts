import { describe, expect, it } from 'vitest';
import { fixture, fixtureText } from '../../../tests/fixtures/load.ts';
import { parseScenario } from '../scenario/parse.ts';
import { scoreState } from './attempt.ts';
import { optionCombinations, seedForVariant } from './check.ts';
import { compileScenario } from './compile.ts';
import { fairFor, firstDeparture, optionsKey, parsFor, policyPath, solveFair } from './fair.ts';
import { precompute } from './precompute.ts';
import { primeFair, primeFairPars } from './primed.ts';
import { replay } from './replay.ts';
import { solveVariant } from './solver.ts';

const disk = fixture('disk-full');
const pre = precompute(disk.scenario, disk);
/** The tables as the browser gets them: through JSON, as the build writes its modules. */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A freshly compiled copy: its caches start empty, so only what is primed is known ahead. */
const freshDisk = () => {
	const parsed = parseScenario(fixtureText('disk-full'), 'disk-full.yaml');
	if (!parsed.ok) throw new Error('fixture does not parse');
	return compileScenario(parsed.value);
};

describe('precompute', () => {
	it('works out every option set the checker tries, with fair par equal to the search', () => {
		const sets = optionCombinations(disk.scenario);
		expect(Object.keys(pre.pars)).toHaveLength(new Set(sets.map((o) => optionsKey(disk, o))).size);
		for (const options of sets) {
			const solved = solveFair(disk, options)!;
			expect(pre.pars[optionsKey(disk, options)]).toEqual(solved.variants);
			expect(pre.fair[optionsKey(disk, options)]?.policy).toEqual(solved.policy);
		}
	});

	it('gives the index the par ranges of both yardsticks, and marks the default options', () => {
		const row = pre.entry.par.find((r) => r.defaults)!;
		const omniscient = disk.variantIds.map((v) => solveVariant(disk, v, {})!.minutes);
		const fair = solveFair(disk, {})!.variants.map((v) => v.minutes);
		expect(row.omniscient).toEqual({ min: Math.min(...omniscient), max: Math.max(...omniscient) });
		expect(row.fair).toEqual({ min: Math.min(...fair), max: Math.max(...fair) });
		expect(pre.entry.par.filter((r) => r.defaults)).toHaveLength(1);
		expect(pre.entry).toMatchObject({ id: 'disk-full', version: disk.scenario.version, title: disk.scenario.title });
	});
});

describe('primed fair results', () => {
	it('score a drill exactly as the search would', () => {
		const primed = freshDisk();
		primeFairPars(primed, json(pre.pars));
		const seed = seedForVariant(disk, 'dumps')!;
		const steps = [{ type: 'action' as const, action: 'check-disk' }];
		const state = replay(primed, { seed, mode: 'practice' }, steps).state;
		expect(scoreState(primed, state)).toEqual(scoreState(disk, replay(disk, { seed, mode: 'practice' }, steps).state));
		expect(parsFor(primed, seed)).toEqual(parsFor(disk, seed));
	});

	it('give the debrief the same best play and departure as the search', () => {
		const primed = freshDisk();
		primeFair(primed, json(pre.fair));
		for (const variant of disk.variantIds) {
			expect(policyPath(fairFor(primed)!, variant)).toEqual(policyPath(fairFor(disk)!, variant));
			expect(firstDeparture(primed, {}, variant, ['wait'])).toEqual(firstDeparture(disk, {}, variant, ['wait']));
		}
	});

	it('keep a variant with no restore as having no par after the trip through JSON', () => {
		const primed = freshDisk();
		const key = optionsKey(primed, {});
		const variants = pre.pars[key]!.map((v, i) => (i === 0 ? { ...v, omniscientMinutes: Infinity } : v));
		primeFairPars(primed, json({ [key]: variants }));
		const seed = seedForVariant(primed, variants[0]!.variant)!;
		expect(parsFor(primed, seed)).toBeNull();
	});
});
