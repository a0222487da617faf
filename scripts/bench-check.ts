/**
 * How long checking a scenario takes, as an author meets it: `npm run scenarios -- check` of
 * every bundled scenario (the command as typed, worked out in full on two cores and on one, and
 * again with nothing changed, from the CLI's cache; median of runs), each
 * file's check in this process, and the authoring page's check in Chromium (the worker's time,
 * against its budget). It prints; it never fails on time.
 *
 *   npm run bench:check [-- --runs 3] [--no-browser]   (the browser part needs `npm run build`)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkScenarioText } from '../src/lib/engine/check.ts';
import { CHECK_BUDGET_MS } from '../src/lib/state/scenario-check.ts';
import { bundledFiles } from '../tests/fixtures/load.ts';
import { median, openApp, root } from './browser-harness.ts';

const { values } = parseArgs({
	options: { runs: { type: 'string', default: '3' }, 'no-browser': { type: 'boolean' }, port: { type: 'string' } }
});
const runs = Math.max(1, Number(values.runs));
const files = bundledFiles();
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function cli(...args: string[]): number {
	const started = performance.now();
	const run = spawnSync('npx', ['tsx', 'src/cli/scenarios.ts', 'check', ...args], { cwd: root, encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`scenarios check failed:\n${run.stdout}${run.stderr}`);
	return performance.now() - started;
}

console.log(`scenarios check of ${files.length} bundled scenarios, the command as typed (median of ${runs}):`);
const parallel = median(Array.from({ length: runs }, () => cli('--no-cache')));
const serial = median(Array.from({ length: runs }, () => cli('--no-cache', '--serial')));
console.log(`  on two cores  ${s(parallel)}   (target under 3 s: ${(parallel / 3000).toFixed(2)} of it)`);
console.log(`  on one core   ${s(serial)}`);
// What an author meets checking again with nothing changed (src/cli/cache.ts): every file's
// check kept from the run before.
cli();
const warm = median(Array.from({ length: runs }, () => cli()));
console.log(`  again, nothing changed since the last check: ${s(warm)}`);

console.log(`\neach file's check in this process (median of ${runs}, after one warm-up):`);
for (const file of files) {
	const text = readFileSync(`${root}/${file}`, 'utf8');
	checkScenarioText(text, file);
	const times = Array.from({ length: runs }, () => {
		const started = performance.now();
		const result = checkScenarioText(text, file);
		if (!result.ok) throw new Error(`${file} does not pass its checks`);
		return performance.now() - started;
	});
	console.log(`  ${file.padEnd(32)} ${s(median(times))}`);
}

if (!values['no-browser']) {
	const { base, browser, close } = await openApp(Number(values.port ?? 4279));
	try {
		console.log(
			`\nthe authoring page's check in Chromium (its worker, a fresh one per check; budget ${s(CHECK_BUDGET_MS)}):`
		);
		const page = await browser.newPage();
		await page.goto(`${base}/author/`);
		for (const file of files) {
			const times: number[] = [];
			for (let i = 0; i < runs; i++) {
				const started = Date.now();
				// A fresh page state each time: the file input keeps its value otherwise.
				await page.goto(`${base}/author/`);
				await page.getByLabel('Scenario file', { exact: true }).setInputFiles(`${root}/${file}`);
				await page
					.getByTestId('author-status')
					.filter({ hasText: /passes every check|to fix|Refused/ })
					.waitFor({ timeout: CHECK_BUDGET_MS + 10_000 });
				times.push(Date.now() - started);
			}
			const m = median(times);
			console.log(`  ${file.padEnd(32)} ${s(m)}   (${((100 * m) / CHECK_BUDGET_MS).toFixed(0)}% of the budget)`);
		}
	} finally {
		await close();
	}
}
