/**
 * Team drills as the app's screens see them: a drill code looked up among the scenarios on this
 * device, the briefing it opens, and the join link a lead hands out. The code format itself is
 * the engine's (src/lib/engine/drill-code.ts).
 */
import { decodeDrillCode, encodeDrillCode, type CodeScenario, type DrillSpec } from '$lib/engine/drill-code.ts';
import type { ResolvedPathname } from '$app/types';
import { liveClockFor, type Mode } from '$lib/vocabulary.ts';
import { drillQuery } from './drill-params.ts';
import { importedPaths } from './scenario-paths.ts';

export type LookedUp = { ok: true; drill: DrillSpec; code: string } | { ok: false; reason: string };

/**
 * Reads a code typed, pasted or taken from a link.
 * @param scenarios the scenarios on this device (id and option order)
 * @returns the drill and the code in its canonical spelling, or why it can't be read
 */
export function lookUpCode(text: string, scenarios: readonly CodeScenario[]): LookedUp {
	const decoded = decodeDrillCode(text, scenarios);
	if (!decoded.ok) return decoded;
	const scenario = scenarios.find((s) => s.id === decoded.drill.scenario)!;
	return { ok: true, drill: decoded.drill, code: encodeDrillCode(decoded.drill, scenario) };
}

/**
 * The briefing for a team drill, with its set-up in the query string and the code that locks it.
 * @returns a path such as `/scenarios/http4-night/?seed=7&mode=drill&…&drill=7Q2M-…`, to pass
 *   through `resolve` from `$app/paths` (its type says which route it is)
 */
export function briefingPath(drill: DrillSpec, code: string): `/scenarios/${string}/?${string}` {
	const query = drillQuery({
		seed: drill.seed,
		mode: drill.mode,
		options: drill.options,
		liveClockRate: liveClockFor(drill.mode, drill.liveClockRate),
		drillCode: code
	});
	return `/scenarios/${encodeURIComponent(drill.scenario)}/?${query}`;
}

/**
 * The briefing for a team drill on an imported scenario, by its content hash.
 */
export function importedBriefing(drill: DrillSpec & { scenarioHash: string }, code: string): ResolvedPathname {
	return importedPaths(drill.scenarioHash).briefing(
		drillQuery({
			seed: drill.seed,
			mode: drill.mode,
			options: drill.options,
			liveClockRate: liveClockFor(drill.mode, drill.liveClockRate),
			drillCode: code
		})
	);
}

/**
 * The link a lead hands out: it opens the join page, which opens the briefing. A drill on an
 * imported scenario names it by content hash, and can carry the whole file in the fragment
 * (share-link.ts), so a trainee who does not have it yet gets it from the link.
 * @param origin `location.origin` of the lead's device
 * @param imported the imported scenario's hash, and the fragment that carries it
 */
export function joinLink(origin: string, code: string, imported?: { hash: string; fragment?: string }): string {
	const base = `${origin}/join/?code=${encodeURIComponent(code)}`;
	if (!imported) return base;
	return `${base}&s=${imported.hash}${imported.fragment ? `#${imported.fragment}` : ''}`;
}

/** The modes a team drill can be run in (practice lets trainees pick their own seed). */
export const TEAM_MODES: readonly Mode[] = ['drill', 'guided'];
