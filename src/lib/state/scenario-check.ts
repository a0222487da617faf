/**
 * Checking a scenario file in the browser, safely: in a Web Worker (scenario-check-worker.ts),
 * one per check, with a time budget. Past the budget the worker is terminated and the file is
 * refused with the reason, so a file built to make the checker work forever never freezes the
 * tab. The authoring page, imported scenarios and shared links all go through here.
 */
import type { ReportDepth, ScenarioReport } from '$lib/engine/report.ts';
import { MAX_SCENARIO_BYTES } from '$lib/scenario/limits.ts';

/** How long a full check may take before the file is refused (http4-night takes about 2–4 s here). */
export const CHECK_BUDGET_MS = 20_000;
/** How long a quick check (schema and references only) may take. */
export const QUICK_BUDGET_MS = 5_000;

export interface CheckRequest {
	text: string;
	file: string;
	depth: ReportDepth;
}

/** The worker's answer: the report and the text's content hash, or why there is none. */
export type CheckReply = { ok: true; report: ScenarioReport; hash: string } | { ok: false; reason: string };

/**
 * Checks a scenario's text in a worker.
 * @param depth `full` (every check and the figures) or `quick` (schema and references)
 * @param budgetMs how long it may take before the worker is stopped
 * @param signal stops the check (a newer one replaces it)
 * @returns the report, or the reason the file was refused (too big, too slow, no worker)
 */
export function checkScenarioFile(
	text: string,
	file: string,
	depth: ReportDepth = 'full',
	budgetMs = depth === 'full' ? CHECK_BUDGET_MS : QUICK_BUDGET_MS,
	signal?: AbortSignal
): Promise<CheckReply> {
	// The worker would refuse it too, but copying megabytes to it is already work the page does.
	if (text.length > MAX_SCENARIO_BYTES)
		return Promise.resolve({
			ok: false,
			reason: `${file} is ${text.length} characters long; the limit is ${MAX_SCENARIO_BYTES}`
		});
	if (typeof Worker === 'undefined')
		return Promise.resolve({ ok: false, reason: 'this browser cannot check files safely (it has no Web Workers)' });
	return new Promise((done) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('./scenario-check-worker.ts', import.meta.url), { type: 'module' });
		} catch (error) {
			return done({ ok: false, reason: `the checker could not start (${String(error)})` });
		}
		const finish = (reply: CheckReply) => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', stop);
			worker.terminate();
			done(reply);
		};
		const stop = () => finish({ ok: false, reason: 'the check was stopped' });
		signal?.addEventListener('abort', stop);
		const timer = setTimeout(
			() =>
				finish({
					ok: false,
					reason: `checking took longer than ${Math.round(budgetMs / 1000)} s, so it was stopped: the scenario has too many states to explore (simplify it, or check it with "npm run scenarios -- check")`
				}),
			budgetMs
		);
		worker.addEventListener('message', (event: MessageEvent<CheckReply>) => finish(event.data));
		worker.addEventListener('error', (event) =>
			finish({ ok: false, reason: `the checker stopped: ${event.message || 'it ran out of memory or failed to load'}` })
		);
		worker.postMessage({ text, file, depth } satisfies CheckRequest);
	});
}
