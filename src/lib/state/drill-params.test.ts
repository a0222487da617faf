import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { variantForSeed } from '$lib/engine/world.ts';
import { drillQuery, freshSeed, parseSeed, readDrillParams, seedForNewVariant } from './drill-params.ts';

const compiled = fixture('disk-full');

describe('drill params', () => {
	it('reads seed, mode, options and live-clock rate from a query string', () => {
		const p = readDrillParams(new URLSearchParams('seed=42&mode=drill&opt.logRotation=1&rate=5'), compiled);
		expect(p).toEqual({ seed: 42, mode: 'drill', options: { logRotation: true }, liveClockRate: 5 });
	});

	it('falls back to defaults for anything missing or malformed', () => {
		const p = readDrillParams(
			new URLSearchParams('seed=-3&mode=speedrun&opt.logRotation=maybe&opt.unknown=1'),
			compiled
		);
		expect(p).toEqual({ seed: 1, mode: 'guided', options: { logRotation: false }, liveClockRate: null });
	});

	it('keeps the live clock for drill mode only', () => {
		expect(readDrillParams(new URLSearchParams('mode=guided&rate=5'), compiled).liveClockRate).toBeNull();
		expect(readDrillParams(new URLSearchParams('mode=drill&rate=500'), compiled).liveClockRate).toBeNull();
	});

	it('round-trips through drillQuery', () => {
		const p = { seed: 7, mode: 'drill' as const, options: { logRotation: true }, liveClockRate: 2 };
		expect(readDrillParams(new URLSearchParams(drillQuery(p)), compiled)).toEqual(p);
	});

	it('parses seeds people type, refusing what is not a 32-bit whole number', () => {
		expect(parseSeed(' 123 ')).toBe(123);
		expect(parseSeed('4294967295')).toBe(4294967295);
		expect(parseSeed('4294967296')).toBeNull();
		expect(parseSeed('1e3')).toBeNull();
		expect(parseSeed('')).toBeNull();
	});

	it('rolls a fresh seed other than the one to avoid', () => {
		const s = freshSeed(5);
		expect(Number.isInteger(s)).toBe(true);
		expect(s).not.toBe(5);
	});
});

describe('seedForNewVariant', () => {
	it('gives a seed that hides another fault', () => {
		for (let i = 0; i < 20; i++) expect(variantForSeed(compiled, seedForNewVariant(compiled, 'logs'))).toBe('dumps');
	});
});
