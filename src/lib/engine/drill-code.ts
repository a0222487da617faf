/**
 * Drill codes: a short, typeable code that carries everything a team drill fixes — the
 * scenario, the seed, the options, the mode and the live-clock rate — so every trainee plays
 * the same hidden fault. Crockford base32 (no I, L, O, U; case-insensitive; I/L read as 1 and
 * O as 0) with a check character, so a mistyped code is refused rather than opening another
 * drill.
 *
 * Layout (before encoding), 64 bits:
 *   scenario hash 16 | seed 32 | options 8 | mode 2 | rate 6
 * The scenario hash is FNV-1a of the scenario id, folded to 16 bits: codes name scenarios by
 * hash, and `decodeDrillCode` looks the hash up among the scenarios it is given. For a scenario
 * imported into the app (no id is reserved for it) it is the first 16 bits of its file's
 * content hash instead, and the drill's link carries the whole content hash beside the code.
 */
import { LIVE_CLOCK_RATES as RATES, MODES, type Mode } from '../vocabulary.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Live-clock rates a code can carry: simulated minutes per real minute (0 = off), by index. */
const LIVE_CLOCK_RATES = [0, ...RATES] as const;
const MAX_OPTIONS = 8;

export interface DrillSpec {
	scenario: string;
	/** An imported scenario's content hash (its file, exactly); absent for a bundled one. */
	scenarioHash?: string;
	seed: number;
	/** Options in the scenario's declared order; at most 8. */
	options: Record<string, boolean>;
	mode: Mode;
	/** One of LIVE_CLOCK_RATES. */
	liveClockRate: number;
}

/** What a decoder needs to know of a scenario: its id and its options, in declared order. */
export interface CodeScenario {
	id: string;
	optionIds: readonly string[];
	/** An imported scenario's content hash. */
	hash?: string;
}

/** The 16 bits a code names a scenario by: its content hash's first 16 for an imported one, else its id's FNV-1a. */
export function codeHash(scenario: CodeScenario): number {
	return scenario.hash ? parseInt(scenario.hash.slice(0, 4), 16) : scenarioHash(scenario.id);
}

export type DecodedDrill = { ok: true; drill: DrillSpec } | { ok: false; reason: string };

/** FNV-1a of a string, folded to 16 bits. */
export function scenarioHash(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) {
		h ^= id.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return (h ^ (h >>> 16)) & 0xffff;
}

/**
 * A check character: the sum of the characters' values with odd weights, mod 32. An odd
 * weight is invertible mod 32, so any single mistyped character changes it.
 */
function checkChar(body: string): string {
	let sum = 0;
	for (let i = 0; i < body.length; i++) sum += ALPHABET.indexOf(body[i]!) * (2 * i + 1);
	return ALPHABET[sum % 32]!;
}

/**
 * Encodes a drill as a code such as `7Q2M-0K4V-X9TB-3`.
 * @param scenario the scenario's id and option order
 * @throws when the spec can't be carried (unknown rate, too many options, bad seed)
 */
export function encodeDrillCode(spec: DrillSpec, scenario: CodeScenario): string {
	if (scenario.optionIds.length > MAX_OPTIONS) throw new Error(`a drill code carries at most ${MAX_OPTIONS} options`);
	const rate = LIVE_CLOCK_RATES.indexOf(spec.liveClockRate as (typeof LIVE_CLOCK_RATES)[number]);
	if (rate === -1) throw new Error(`live-clock rate must be one of ${LIVE_CLOCK_RATES.join(', ')}`);
	if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > 0xffffffff) throw new Error('seed out of range');
	let options = 0;
	scenario.optionIds.forEach((id, bit) => {
		if (spec.options[id]) options |= 1 << bit;
	});
	let value = BigInt(codeHash(scenario));
	value = (value << 32n) | BigInt(spec.seed);
	value = (value << 8n) | BigInt(options);
	value = (value << 2n) | BigInt(MODES.indexOf(spec.mode));
	value = (value << 6n) | BigInt(rate);
	let body = '';
	for (let i = 0; i < 13; i++) {
		body = ALPHABET[Number(value & 31n)]! + body;
		value >>= 5n;
	}
	const full = body + checkChar(body);
	return `${full.slice(0, 4)}-${full.slice(4, 8)}-${full.slice(8, 12)}-${full.slice(12)}`;
}

/**
 * Reads a drill code typed or pasted by a person (spaces, dashes and case don't matter).
 * @param scenarios the scenarios this device has
 * @returns the drill, or a reason a person can act on
 */
export function decodeDrillCode(code: string, scenarios: readonly CodeScenario[]): DecodedDrill {
	const cleaned = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
	if (cleaned.length === 0) return { ok: false, reason: 'Enter a drill code.' };
	if (cleaned.length !== 14)
		return { ok: false, reason: `A drill code has 14 characters; this one has ${cleaned.length}.` };
	const bad = [...cleaned].find((c) => !ALPHABET.includes(c));
	if (bad) return { ok: false, reason: `"${bad}" can't appear in a drill code.` };
	const body = cleaned.slice(0, 13);
	if (checkChar(body) !== cleaned[13]) return { ok: false, reason: 'This code has a typo: check each character.' };
	let value = 0n;
	for (const c of body) value = (value << 5n) | BigInt(ALPHABET.indexOf(c));
	const rate = Number(value & 63n);
	value >>= 6n;
	const mode = Number(value & 3n);
	value >>= 2n;
	const options = Number(value & 255n);
	value >>= 8n;
	const seed = Number(value & 0xffffffffn);
	value >>= 32n;
	const hash = Number(value & 0xffffn);
	if (value >> 16n !== 0n || rate >= LIVE_CLOCK_RATES.length || mode >= MODES.length)
		return { ok: false, reason: 'This is not a drill code.' };
	const scenario = scenarios.find((s) => codeHash(s) === hash);
	if (!scenario)
		return {
			ok: false,
			reason:
				'This drill is for a scenario this device does not have: open the drill link your lead sent (it carries the scenario), or update the app.'
		};
	return {
		ok: true,
		drill: {
			scenario: scenario.id,
			...(scenario.hash ? { scenarioHash: scenario.hash } : {}),
			seed,
			options: Object.fromEntries(scenario.optionIds.map((id, bit) => [id, (options & (1 << bit)) !== 0])),
			mode: MODES[mode]!,
			liveClockRate: LIVE_CLOCK_RATES[rate]!
		}
	};
}
