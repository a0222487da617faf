import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDrillCode, encodeDrillCode, scenarioHash, type DrillSpec } from './drill-code.ts';
import { LIVE_CLOCK_RATES } from '../vocabulary.ts';
import { MODES } from '../vocabulary.ts';

const http4 = { id: 'http4-night', optionIds: ['providerKernelBoot', 'spareServer', 'replication'] };
const freeze = { id: 'freeze-triage', optionIds: [] };
const scenarios = [http4, freeze, { id: 'failover-or-wait', optionIds: [] }];

const spec: DrillSpec = {
	scenario: 'http4-night',
	seed: 123456,
	options: { providerKernelBoot: true, spareServer: false, replication: true },
	mode: 'drill',
	liveClockRate: 5
};

describe('drill codes', () => {
	it('give distinct hashes to the bundled scenarios', () => {
		expect(new Set(scenarios.map((s) => scenarioHash(s.id))).size).toBe(scenarios.length);
	});

	it('round-trip scenario, seed, options, mode and live-clock rate', () => {
		const code = encodeDrillCode(spec, http4);
		expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
		expect(decodeDrillCode(code, scenarios)).toEqual({ ok: true, drill: spec });
	});

	it('round-trip any drill', () => {
		fc.assert(
			fc.property(
				fc.nat({ max: 0xffffffff }),
				fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
				fc.constantFrom(...MODES),
				fc.constantFrom(0, ...LIVE_CLOCK_RATES),
				(seed, [a, b, c], mode, liveClockRate) => {
					const drill = {
						scenario: 'http4-night',
						seed,
						options: { providerKernelBoot: a!, spareServer: b!, replication: c! },
						mode,
						liveClockRate
					};
					expect(decodeDrillCode(encodeDrillCode(drill, http4), scenarios)).toEqual({ ok: true, drill });
				}
			)
		);
	});

	it('read codes typed loosely: lower case, spaces, O for 0 and I or L for 1', () => {
		const code = encodeDrillCode(spec, http4);
		const loose = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
		expect(decodeDrillCode(loose, scenarios)).toEqual({ ok: true, drill: spec });
	});

	it('refuse every single mistyped character', () => {
		const code = encodeDrillCode(spec, http4).replace(/-/g, '');
		const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
		for (let i = 0; i < code.length; i++) {
			for (const c of alphabet) {
				if (c === code[i]) continue;
				const typo = code.slice(0, i) + c + code.slice(i + 1);
				expect(decodeDrillCode(typo, scenarios).ok, typo).toBe(false);
			}
		}
	});

	it('say what is wrong with a bad code', () => {
		expect(decodeDrillCode('', scenarios)).toEqual({ ok: false, reason: 'Enter a drill code.' });
		expect(decodeDrillCode('ABC', scenarios)).toEqual({
			ok: false,
			reason: 'A drill code has 14 characters; this one has 3.'
		});
		expect(decodeDrillCode('ABCD-EFGH-JKMN-P!', scenarios)).toEqual({
			ok: false,
			reason: '"!" can\'t appear in a drill code.'
		});
		expect(decodeDrillCode('ABCD-EFGH-JKMN-U1', scenarios)).toEqual({
			ok: false,
			reason: '"U" can\'t appear in a drill code.'
		});
		const other = encodeDrillCode(
			{ ...spec, scenario: 'unknown', options: {} },
			{ id: 'unknown-scenario', optionIds: [] }
		);
		expect(decodeDrillCode(other, scenarios)).toEqual({
			ok: false,
			reason:
				'This drill is for a scenario this device does not have: open the drill link your lead sent (it carries the scenario), or update the app.'
		});
	});

	it('refuse what a code cannot carry', () => {
		expect(() => encodeDrillCode({ ...spec, liveClockRate: 7 }, http4)).toThrow(/live-clock rate/);
	});
});
