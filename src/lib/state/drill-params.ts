/**
 * How a drill is set up, as it travels in a URL: `?seed=1&mode=guided&opt.spareServer=1&rate=2`.
 * A shared link (a drill code) therefore replays the same hidden fault on every device.
 * Read these only in the browser: prerendered pages have no query string.
 */
import type { CompiledScenario } from '$lib/engine/compile.ts';
import { resolveOptions, variantForSeed, type ScenarioSetup } from '$lib/engine/world.ts';
import { isSeed } from '$lib/engine/rng.ts';
import { liveClockFor, MODES, type Mode } from '$lib/vocabulary.ts';
import { decodeDrillCode, encodeDrillCode, type CodeScenario } from '$lib/engine/drill-code.ts';

export interface DrillParams {
	seed: number;
	mode: Mode;
	/** Every scenario option, resolved (defaults filled in). */
	options: Record<string, boolean>;
	/** Drill mode's live clock: simulated minutes per real minute; null when off. */
	liveClockRate: number | null;
	/**
	 * The team drill's code when the drill is played for one (`?drill=CODE`); the code then
	 * fixes the seed, mode, options and rate, whatever else the URL says.
	 */
	drillCode?: string | null;
}

const DEFAULT_SEED = 1;

/** Parses a seed typed by a person or read from a URL; null when it isn't one. */
export function parseSeed(text: string | null | undefined): number | null {
	if (text == null || !/^\s*\d{1,10}\s*$/.test(text)) return null;
	const n = Number(text.trim());
	return isSeed(n) ? n : null;
}

/**
 * Reads a drill's set-up from a query string; anything missing or malformed gets its default.
 * @param search the query string
 * @param compiled the scenario (for its options): compiled, or its index entry's `setupOf`
 */
export function readDrillParams(search: URLSearchParams, compiled: ScenarioSetup): DrillParams {
	const fromCode = paramsFromCode(search.get('drill'), compiled);
	if (fromCode) return fromCode;
	const modeText = search.get('mode');
	const mode: Mode = (MODES as readonly string[]).includes(modeText ?? '') ? (modeText as Mode) : 'guided';
	const given: Record<string, boolean> = {};
	for (const id of compiled.optionIds) {
		const v = search.get(`opt.${id}`);
		if (v === '1' || v === 'true') given[id] = true;
		else if (v === '0' || v === 'false') given[id] = false;
	}
	const rate = Number(search.get('rate'));
	return {
		seed: parseSeed(search.get('seed')) ?? DEFAULT_SEED,
		mode,
		options: resolveOptions(compiled, given),
		liveClockRate: liveClockFor(mode, rate)
	};
}

/** The query string for a drill's set-up (without the leading "?"). */
export function drillQuery(params: DrillParams): string {
	const q = new URLSearchParams();
	q.set('seed', String(params.seed));
	q.set('mode', params.mode);
	for (const [id, on] of Object.entries(params.options)) q.set(`opt.${id}`, on ? '1' : '0');
	const rate = liveClockFor(params.mode, params.liveClockRate);
	if (rate) q.set('rate', String(rate));
	if (params.drillCode) q.set('drill', params.drillCode);
	return q.toString();
}

/**
 * A team drill's set-up from its code, when the code is one for this scenario.
 * @returns the params with `drillCode` set (in its canonical spelling), or null
 */
export function paramsFromCode(code: string | null, compiled: ScenarioSetup): DrillParams | null {
	if (!code) return null;
	const scenario = codeScenarioOf(compiled);
	const decoded = decodeDrillCode(code, [scenario]);
	if (!decoded.ok) return null;
	const d = decoded.drill;
	return {
		seed: d.seed,
		mode: d.mode,
		options: resolveOptions(compiled, d.options),
		liveClockRate: liveClockFor(d.mode, d.liveClockRate),
		drillCode: encodeDrillCode(d, scenario)
	};
}

/** What a drill code knows of a scenario: id, option order, and an imported one's content hash. */
export function codeScenarioOf(setup: ScenarioSetup): CodeScenario {
	return setup.hash
		? { id: setup.scenario.id, optionIds: setup.optionIds, hash: setup.hash }
		: { id: setup.scenario.id, optionIds: setup.optionIds };
}

/**
 * A fresh seed for practice and "New variant". Seeds choose the hidden fault, so this uses the
 * platform's generator once, outside the engine; everything after it is deterministic.
 * @param avoid a seed not to return
 */
export function freshSeed(avoid?: number): number {
	const buf = new Uint32Array(1);
	do {
		globalThis.crypto.getRandomValues(buf);
	} while (buf[0]! === avoid);
	return buf[0]!;
}

/**
 * A fresh seed that hides a different fault from `variant`, for "New variant" (any seed when
 * the scenario has a single variant).
 */
export function seedForNewVariant(compiled: CompiledScenario, variant: string): number {
	if (compiled.variantIds.length > 1) {
		for (let i = 0; i < 200; i++) {
			const seed = freshSeed();
			if (variantForSeed(compiled, seed) !== variant) return seed;
		}
	}
	return freshSeed();
}
