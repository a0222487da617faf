/**
 * The scenario checker's worker: parses, validates and checks a scenario file from anyone,
 * and works out the authoring page's figures (engine/report.ts). It runs here so a hostile or
 * huge file can never freeze the page: the page gives it a time budget and stops it past that
 * (scenario-check.ts). The YAML parser and the schema library load in this worker only (the
 * schema runs without eval: scenario/schema.ts).
 */
import { reportScenario } from '$lib/engine/report.ts';
import { contentHash } from './content-hash.ts';
import type { CheckRequest, CheckReply } from './scenario-check.ts';

addEventListener('message', (event: MessageEvent<CheckRequest>) => {
	const { text, file, depth } = event.data;
	void (async () => {
		let reply: CheckReply;
		try {
			reply = { ok: true, report: reportScenario(text, file, depth), hash: await contentHash(text) };
		} catch (error) {
			reply = { ok: false, reason: `the check failed: ${error instanceof Error ? error.message : String(error)}` };
		}
		postMessage(reply);
	})();
});
