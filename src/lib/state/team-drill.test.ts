import { describe, expect, it } from 'vitest';
import { encodeDrillCode } from '$lib/engine/drill-code.ts';
import { diskFullDrill } from '../../../tests/fixtures/load.ts';
import { paramsFromCode, readDrillParams } from './drill-params.ts';
import { briefingPath, joinLink, lookUpCode } from './team-drill.ts';

const { compiled, scenarios, spec, code } = diskFullDrill({ seed: 77, logRotation: true, liveClockRate: 5 });

describe('team drills', () => {
	it('looks a typed code up, whatever its case and spacing, and gives it back canonical', () => {
		const typed = code.toLowerCase().replace(/-/g, ' ');
		expect(lookUpCode(typed, scenarios)).toEqual({ ok: true, drill: spec, code });
	});

	it('refuses a mistyped code with a reason a trainee can act on', () => {
		const last = code.at(-1) === '0' ? '1' : '0';
		expect(lookUpCode(code.slice(0, -1) + last, scenarios)).toEqual({
			ok: false,
			reason: 'This code has a typo: check each character.'
		});
		expect(lookUpCode('ABC', scenarios)).toMatchObject({ ok: false, reason: expect.stringMatching(/14 characters/) });
		expect(lookUpCode('', scenarios)).toEqual({ ok: false, reason: 'Enter a drill code.' });
	});

	it('opens a briefing whose query string the code locks', () => {
		const path = briefingPath(spec, code);
		expect(path.startsWith('/scenarios/disk-full/?')).toBe(true);
		const params = readDrillParams(new URL(path, 'http://x').searchParams, compiled);
		expect(params).toEqual({
			seed: 77,
			mode: 'drill',
			options: { logRotation: true },
			liveClockRate: 5,
			drillCode: code
		});
		expect(joinLink('https://n.example', code)).toBe(`https://n.example/join/?code=${code}`);
	});

	it('lets the code win over anything else in the URL', () => {
		const params = readDrillParams(
			new URLSearchParams(`seed=1&mode=practice&opt.logRotation=0&drill=${code}`),
			compiled
		);
		expect(params).toMatchObject({ seed: 77, mode: 'drill', options: { logRotation: true }, drillCode: code });
	});

	it('ignores a code for another scenario or a broken one', () => {
		expect(paramsFromCode('NOPE', compiled)).toBeNull();
		const other = encodeDrillCode({ ...spec, scenario: 'other' }, { id: 'other', optionIds: [] });
		expect(paramsFromCode(other, compiled)).toBeNull();
		expect(readDrillParams(new URLSearchParams(`seed=3&drill=${other}`), compiled).drillCode).toBeUndefined();
	});

	it('turns the live clock off outside drill mode', () => {
		const guided = encodeDrillCode({ ...spec, mode: 'guided', liveClockRate: 0 }, scenarios[0]!);
		expect(paramsFromCode(guided, compiled)).toMatchObject({ mode: 'guided', liveClockRate: null });
	});
});
