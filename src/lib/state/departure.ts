/**
 * Where an attempt's path first left the best play from the evidence, worked out in a worker
 * (departure-worker.ts) so the debrief never freezes while the fair search runs.
 */
import type { Departure } from '$lib/engine/fair.ts';
import { compileScenario, type CompiledScenario } from '$lib/engine/compile.ts';
import { primeFair } from '$lib/engine/primed.ts';
import { loadFairResults, loadScenarioVersion } from '$lib/scenarios/load.ts';
import { debriefDeparture, type DepartureQuery } from './debrief.ts';

export type DepartureReply = { ok: true; departure: Departure | null } | { ok: false; reason: string };

/** An imported scenario the query carries (checked by the page that sent it), with its fair results primed. */
function carriedScenario(query: DepartureQuery): CompiledScenario | null {
	const { scenario, fair } = query.carried!;
	if (scenario.id !== query.scenario.id || scenario.version !== query.scenario.version) return null;
	const compiled = compileScenario(scenario, query.scenario.hash);
	primeFair(compiled, fair);
	return compiled;
}

/**
 * Loads the scenario the query names, with its fair results, and finds the departure (what the
 * worker runs).
 */
export async function departureReply(query: DepartureQuery): Promise<DepartureReply> {
	try {
		const compiled = query.carried
			? carriedScenario(query)
			: await loadScenarioVersion(query.scenario.id, query.scenario.version);
		if (!compiled)
			return { ok: false, reason: `unknown scenario ${query.scenario.id} version ${query.scenario.version}` };
		if (!query.carried) await loadFairResults(compiled);
		return { ok: true, departure: debriefDeparture(compiled, query) };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	}
}

/**
 * Finds the departure in a worker. Where the browser has no module workers, or the worker
 * fails to start, it runs here once the page has drawn: slower to answer, same result.
 * @returns the departure (null: the path followed the best play), or why it could not be found
 */
export function findDeparture(query: DepartureQuery): Promise<DepartureReply> {
	const here = () => new Promise((r) => setTimeout(r, 0)).then(() => departureReply(query));
	if (typeof Worker === 'undefined') return here();
	return new Promise((done) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('./departure-worker.ts', import.meta.url), { type: 'module' });
		} catch {
			return void here().then(done);
		}
		worker.addEventListener('message', (event: MessageEvent<DepartureReply>) => {
			worker.terminate();
			done(event.data);
		});
		worker.addEventListener('error', () => {
			worker.terminate();
			void here().then(done);
		});
		worker.postMessage(query);
	});
}
