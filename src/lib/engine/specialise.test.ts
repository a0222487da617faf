import { describe, expect, it } from 'vitest';
import { bundledFiles, compileFile } from '../../../tests/fixtures/load.ts';
import { optionCombinations } from './check.ts';
import { solveFrom } from './solver.ts';
import { narrowWorld, settledBy, specialise } from './specialise.ts';
import { startWorld } from './world.ts';

describe('settledBy', () => {
	const on = { replication: true, spare: false };

	it('settles variant and option conditions, and leaves the rest to the drill', () => {
		expect(settledBy({ variant: 'a' }, 'a', on)).toBe(true);
		expect(settledBy({ variant: ['b', 'c'] }, 'a', on)).toBe(false);
		expect(settledBy({ option: { replication: true } }, 'a', on)).toBe(true);
		expect(settledBy({ option: { spare: true } }, 'a', on)).toBe(false);
		expect(settledBy({ flag: { up: true } }, 'a', on)).toBeNull();
	});

	it('settles all, any and not as far as their parts allow', () => {
		const flag = { flag: { up: true } };
		expect(settledBy({ all: [{ variant: 'b' }, flag] }, 'a', on)).toBe(false);
		expect(settledBy({ all: [{ variant: 'a' }, flag] }, 'a', on)).toBeNull();
		expect(settledBy({ any: [{ variant: 'a' }, flag] }, 'a', on)).toBe(true);
		expect(settledBy({ any: [{ variant: 'b' }, flag] }, 'a', on)).toBeNull();
		expect(settledBy({ not: { variant: 'b' } }, 'a', on)).toBe(true);
		expect(settledBy({ not: flag }, 'a', on)).toBeNull();
	});
});

describe('specialise', () => {
	const scenarios = bundledFiles().map((f) => compileFile(f));
	const http4 = scenarios.find((c) => c.scenario.id === 'http4-night')!;

	it('leaves out of the state a once-only action that can change nothing under the variant', () => {
		// Checking the cables brings http4 back only when the cable is the fault.
		expect(http4.keyActions).toContain('check-cables');
		expect(specialise(http4, 'card-driver', {}).keyActions).not.toContain('check-cables');
		expect(specialise(http4, 'bad-cable', {}).keyActions).toContain('check-cables');
	});

	it('keeps only the evidence conditions read, so worlds stay small', () => {
		const view = specialise(http4, 'card-driver', {});
		const full = startWorld(http4, 'card-driver', {});
		expect(Object.keys(startWorld(view, 'card-driver', {}).seen)).toEqual(Object.keys(narrowWorld(http4, full).seen));
		expect(view.actions.flatMap((a) => a.reveals).length).toBeLessThan(http4.actions.flatMap((a) => a.reveals).length);
	});

	for (const compiled of scenarios)
		it(`${compiled.scenario.id}: gives the same par as the whole scenario for every variant and option set`, () => {
			for (const options of optionCombinations(compiled.scenario))
				for (const variant of compiled.variantIds) {
					const whole = solveFrom(compiled, startWorld(compiled, variant, options));
					const view = specialise(compiled, variant, options);
					const seen = solveFrom(view, startWorld(view, variant, options));
					expect(seen?.minutes, `${variant} ${JSON.stringify(options)}`).toBe(whole?.minutes);
				}
		});
});
