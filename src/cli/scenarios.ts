/**
 * The authoring CLI: `npm run scenarios -- <command>`. It reuses the engine as the app does.
 *
 *   check [files…] [--watch]       validate every scenario (or the named files), on two cores
 *                                  when there are (--serial: on one); --watch checks again
 *                                  each time a file is saved
 *   par <id> [--seed N | --fair] [--option k=v…] [--json]
 *   replay <id> --seed N [--option k=v…] --actions a,b,c [--mode M] [--json]
 *   verify <attempt.json>          replay an attempt file; exit 0 only if it matches
 *   simulate <id> --runs N [--seed S] [--option k=v…]
 *
 * A file's check and its fair results are kept between runs (cache.ts) and used again while
 * neither the file nor the engine has changed; --no-cache works everything out again.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatIssue } from '../lib/scenario/errors.ts';
import { locateIssues } from '../lib/scenario/locate.ts';
import { scoreState, verifyAttempt } from '../lib/engine/attempt.ts';
import { parseAttempt } from '../lib/engine/attempt-schema.ts';
import { checkScenarioText } from '../lib/engine/check.ts';
import { compileScenario } from '../lib/engine/compile.ts';
import { parseScenario } from '../lib/scenario/parse.ts';
import { checkReferences } from '../lib/scenario/validate.ts';
import type { CompiledScenario } from '../lib/engine/compile.ts';
import { impactParts, resolveOptions, variantForSeed } from '../lib/engine/world.ts';
import { isRestored, MODES, SEED_RANGE_MESSAGE, type Mode } from '../lib/vocabulary.ts';
import { replay } from '../lib/engine/replay.ts';
import { isSeed } from '../lib/engine/rng.ts';
import { simulate } from '../lib/engine/simulate.ts';
import { solvePar } from '../lib/engine/solver.ts';
import { fairFor, optionsKey, type PolicyNode } from '../lib/engine/fair.ts';
import { primeFair, primedFair } from '../lib/engine/primed.ts';
import { cacheKey, disableCache, readEntry, writeEntry } from './cache.ts';
import { formatDuration, timeAt } from '../lib/engine/time.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO_DIR = join(ROOT, 'scenarios');

class UsageError extends Error {}

function scenarioFiles(): string[] {
	return readdirSync(SCENARIO_DIR)
		.filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json'))
		.sort()
		.map((f) => join(SCENARIO_DIR, f));
}

const display = (path: string) => relative(process.cwd(), path) || path;

function readText(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		throw new UsageError(`${display(path)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
	}
}

/** Each loaded scenario's cache key (cache.ts), to keep the fair results worked out for it. */
const cacheKeys = new WeakMap<CompiledScenario, string>();

/**
 * Loads and checks one scenario by id; a broken one is reported, not used. Fair results kept
 * from an earlier run of the same file and engine are handed to the engine (primed.ts).
 */
function loadScenario(id: string): CompiledScenario {
	for (const file of scenarioFiles()) {
		if (basename(file).replace(/\.(ya?ml|json)$/, '') !== id) continue;
		// par, replay and simulate need a scenario that parses and whose references hold; the
		// deep analysis and lints are `check`'s (and CI's) job, not rerun on every call.
		const text = readText(file);
		const parsed = parseScenario(text, display(file));
		if (!parsed.ok) throw new UsageError(parsed.issues.map(formatIssue).join('\n'));
		const refs = locateIssues(parsed.source, checkReferences(parsed.value, display(file)));
		if (refs.length > 0) throw new UsageError(refs.map(formatIssue).join('\n'));
		const compiled = compileScenario(parsed.value);
		const key = cacheKey(display(file), text);
		const { fair } = readEntry(key);
		if (fair) primeFair(compiled, fair);
		cacheKeys.set(compiled, key);
		return compiled;
	}
	throw new UsageError(`no scenario "${id}" in ${display(SCENARIO_DIR)}`);
}

/** Keeps the fair results for these option sets, where they were worked out in this run. */
function keepFair(compiled: CompiledScenario, ...sets: Array<Record<string, boolean>>) {
	const key = cacheKeys.get(compiled);
	const fresh = sets.map((o) => optionsKey(compiled, o)).filter((k) => primedFair(compiled, k) === undefined);
	if (key && fresh.length > 0)
		writeEntry(key, { fair: Object.fromEntries(sets.map((o) => [optionsKey(compiled, o), fairFor(compiled, o)])) });
}

function parseSeed(value: string | undefined, fallback?: number): number {
	if (value === undefined) {
		if (fallback === undefined) throw new UsageError('--seed N is required');
		return fallback;
	}
	const seed = Number(value);
	if (!isSeed(seed)) throw new UsageError(`--seed must be ${SEED_RANGE_MESSAGE}, not "${value}"`);
	return seed;
}

function parseOptions(compiled: CompiledScenario, pairs: string[] = []): Record<string, boolean> {
	const out: Record<string, boolean> = {};
	for (const pair of pairs) {
		const [key, value] = pair.split('=');
		const preset = compiled.scenario.presets.find((p) => p.id === pair);
		if (preset && value === undefined) {
			Object.assign(out, preset.options);
			continue;
		}
		if (!key || !compiled.optionIds.includes(key)) {
			const known = [...compiled.optionIds, ...compiled.scenario.presets.map((p) => p.id)];
			throw new UsageError(`unknown option "${pair}"; options are ${known.join(', ') || '(none)'}`);
		}
		if (value !== 'true' && value !== 'false' && value !== 'on' && value !== 'off')
			throw new UsageError(`--option ${key} takes true or false, not "${value ?? ''}"`);
		out[key] = value === 'true' || value === 'on';
	}
	return resolveOptions(compiled, out);
}

/** What checking one file gave: whether it passed, and the lines to print. */
interface FileCheck {
	ok: boolean;
	lines: string[];
}

/** Checks one file: a summary line, or one line per issue. */
function checkFile(file: string): FileCheck {
	const started = performance.now();
	let text: string;
	try {
		text = readText(file);
	} catch (error) {
		return { ok: false, lines: [`✗ ${error instanceof Error ? error.message : String(error)}`] };
	}
	const key = cacheKey(display(file), text);
	const kept = readEntry(key).check;
	if (kept) return kept.ok ? { ok: true, lines: [`${kept.lines[0]} (unchanged: as last checked)`] } : kept;
	const result = checkScenarioText(text, display(file));
	if (!result.ok) {
		const failed = { ok: false, lines: result.issues.map((issue) => `✗ ${formatIssue(issue)}`) };
		writeEntry(key, { check: failed });
		return failed;
	}
	const { compiled } = result;
	const { scenario } = compiled;
	const par = solvePar(compiled, 1, {});
	const summary =
		`✓ ${scenario.id} v${scenario.version}: ${scenario.variants.length} variants, ${scenario.actions.length} actions, ` +
		`par for seed 1 ${par ? formatDuration(par.minutes) : 'none'}`;
	// The lints worked out fair par for the defaults and each preset: kept for par, replay and verify.
	const sets = [{}, ...scenario.presets.map((p) => p.options)];
	writeEntry(key, {
		check: { ok: true, lines: [summary] },
		fair: Object.fromEntries(sets.map((o) => [optionsKey(compiled, o), fairFor(compiled, o)]))
	});
	return { ok: true, lines: [`${summary} (${Math.round(performance.now() - started)} ms)`] };
}

function checkTargets(files: string[]): string[] {
	const targets = files.length > 0 ? files.map((f) => resolve(f)) : scenarioFiles();
	if (targets.length === 0) throw new UsageError(`no scenario files in ${display(SCENARIO_DIR)}`);
	return targets;
}

/**
 * Splits the files in two by size (a proxy for how long they take): the heaviest share for
 * this process, which starts at once, the rest for a helper, which first has to start.
 */
function shareOut(files: string[]): [string[], string[]] {
	const sized = files.map((f) => ({ f, size: statSync(f, { throwIfNoEntry: false })?.size ?? 0 }));
	sized.sort((a, b) => b.size - a.size);
	const mine: string[] = [];
	const theirs: string[] = [];
	let [a, b] = [0, 0];
	for (const { f, size } of sized) {
		if (a <= b) {
			mine.push(f);
			a += size;
		} else {
			theirs.push(f);
			b += size;
		}
	}
	return [mine, theirs];
}

/**
 * Checks files in a second process (this CLI again, with the same loader), so a check of
 * several scenarios uses two cores.
 */
function checkElsewhere(files: string[]): Promise<Map<string, FileCheck>> {
	return new Promise((done, fail) => {
		const child = fork(fileURLToPath(import.meta.url), ['check-part', ...files], {
			execArgv: process.execArgv,
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		let results: Map<string, FileCheck> | null = null;
		child.on('message', (message) => (results = new Map(message as Array<[string, FileCheck]>)));
		child.on('error', fail);
		child.on('exit', (code) =>
			results ? done(results) : fail(new Error(`the helper process checking ${files.join(', ')} stopped (${code})`))
		);
	});
}

/** The helper's side of `checkElsewhere`: checks its files and sends the results back. */
function cmdCheckPart(files: string[]): number {
	process.send?.(files.map((f) => [f, checkFile(f)]));
	return 0;
}

async function cmdCheck(files: string[], serial: boolean): Promise<number> {
	const targets = checkTargets(files);
	const started = performance.now();
	const [mine, theirs] = serial || targets.length < 2 || availableParallelism() < 2 ? [targets, []] : shareOut(targets);
	const elsewhere = theirs.length > 0 ? checkElsewhere(theirs) : Promise.resolve(new Map<string, FileCheck>());
	const results = new Map(mine.map((f) => [f, checkFile(f)]));
	for (const [f, r] of await elsewhere) results.set(f, r);
	let failed = 0;
	for (const file of targets) {
		const result = results.get(file)!;
		for (const line of result.lines) console.log(line);
		if (!result.ok) failed++;
	}
	const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
	console.log(
		failed === 0
			? `${targets.length} scenarios passed in ${took}`
			: `${failed} of ${targets.length} scenarios failed (${took})`
	);
	return failed === 0 ? 0 : 1;
}

/**
 * `check --watch`: checks the files, then again each time one is saved, until interrupted.
 * Editors save in several steps (truncate, write, rename), so a change is checked once the
 * file has been quiet for a moment; a file that is briefly missing is waited for.
 */
function cmdWatch(files: string[]): Promise<number> {
	const targets = checkTargets(files);
	const stamp = () => new Date().toTimeString().slice(0, 8);
	const timers = new Map<string, ReturnType<typeof setTimeout>>();
	const run = (file: string) => {
		timers.delete(file);
		console.log(`\n${stamp()} ${display(file)}`);
		// A file being rewritten may be gone for a moment: that is one more line, and the watch goes on.
		for (const line of checkFile(file).lines) console.log(line);
	};
	for (const file of targets) run(file);
	console.log(`\nWatching ${targets.length === 1 ? display(targets[0]!) : `${targets.length} files`}; Ctrl-C stops.`);
	const watched = new Set(targets);
	// The directories are watched rather than the files, so a save by rename is still seen.
	for (const dir of new Set(targets.map((f) => dirname(f))))
		watch(dir, (_event, name) => {
			const file = name ? join(dir, name.toString()) : null;
			if (!file || !watched.has(file)) return;
			clearTimeout(timers.get(file));
			timers.set(
				file,
				setTimeout(() => run(file), 150)
			);
		});
	return new Promise(() => {});
}

/** `par --fair`: the fair policy as a decision tree, its expected impact and its impact per variant. */
function cmdFairPar(id: string, compiled: CompiledScenario, options: Record<string, boolean>, json: boolean): number {
	const fair = fairFor(compiled, options);
	if (!fair) throw new UsageError(`${id}: the fair search is too large`);
	keepFair(compiled, options);
	const resolved = resolveOptions(compiled, options);
	if (json) {
		console.log(
			JSON.stringify({
				scenario: id,
				options: resolved,
				expectedMinutes: fair.expectedMinutes,
				variants: fair.variants.map(({ variant, weight, minutes, omniscientMinutes }) => ({
					variant,
					weight,
					minutes,
					omniscientMinutes
				})),
				policy: fair.policy
			})
		);
		return 0;
	}
	const start = compiled.scenario.start.time;
	console.log(
		`${id}: fair par ${formatDuration(Math.round(fair.expectedMinutes))} expected (${fair.explored} belief states)`
	);
	for (const v of fair.variants)
		console.log(
			`  ${v.key}: ${formatDuration(Math.round(v.minutes))} (if known: ${formatDuration(Math.round(v.omniscientMinutes))})`
		);
	const print = (node: PolicyNode | null, indent: string) => {
		if (!node) return;
		console.log(`${indent}${timeAt(node.at, start)}  ${node.action}  [${node.variants.join(', ')}]`);
		for (const b of node.branches) {
			if (node.branches.length > 1) console.log(`${indent}  → ${b.observation} [${b.variants.join(', ')}]`);
			print(b.next, node.branches.length > 1 ? indent + '    ' : indent);
		}
	};
	for (const root of fair.roots) print(root.policy, '  ');
	return 0;
}

function cmdPar(id: string, values: Flags): number {
	const compiled = loadScenario(id);
	const seed = parseSeed(values.seed, 1);
	const options = parseOptions(compiled, values.option);
	if (values.fair) return cmdFairPar(id, compiled, options, values.json === true);
	const par = solvePar(compiled, seed, options);
	if (!par) throw new UsageError(`${id}: no path to restore for seed ${seed}`);
	const label = (action: string) => compiled.actionById.get(action)!.def.label;
	if (values.json) {
		console.log(
			JSON.stringify({
				scenario: id,
				seed,
				options,
				variant: variantForSeed(compiled, seed),
				outcome: par.outcome,
				minutes: par.minutes,
				path: par.path.map((s) => ({ action: s.action, label: label(s.action), at: s.at }))
			})
		);
		return 0;
	}
	const start = compiled.scenario.start.time;
	console.log(
		`${id}, seed ${seed}, variant ${variantForSeed(compiled, seed)}: par ${formatDuration(par.minutes)} (${par.outcome})`
	);
	for (const step of par.path) console.log(`  ${timeAt(step.at, start)}  ${step.action}  ${label(step.action)}`);
	console.log(`  ${timeAt(par.minutes, start)}  service ${par.outcome}`);
	return 0;
}

function cmdReplay(id: string, values: Flags): number {
	const compiled = loadScenario(id);
	const seed = parseSeed(values.seed);
	const options = parseOptions(compiled, values.option);
	if (!values.actions) throw new UsageError('--actions a,b,c is required');
	const mode = (values.mode ?? 'practice') as Mode;
	if (!MODES.includes(mode)) throw new UsageError(`--mode is one of ${MODES.join(', ')}`);
	const steps = values.actions
		.split(',')
		.map((a) => a.trim())
		.filter(Boolean)
		.map((action) => (action === 'hint' ? ({ type: 'hint' } as const) : ({ type: 'action', action } as const)));
	const run = replay(compiled, { seed, options, mode }, steps);
	const score = scoreState(compiled, run.state);
	keepFair(compiled, options);
	const restored = isRestored(run.state.outcome);
	const result = {
		scenario: id,
		seed,
		options,
		variant: run.state.variant,
		outcome: run.state.outcome,
		failure: run.state.failure,
		minutes: restored ? run.state.clock : null,
		clock: run.state.clock,
		score,
		fairPar: score?.par ?? null,
		omniscientPar: score?.omniscientPar ?? null,
		downtimeMinutes: impactParts(compiled, run.state).downtime,
		dataLostMinutes: impactParts(compiled, run.state).dataLost,
		laps: run.state.laps,
		error: run.error
	};
	if (values.json) console.log(JSON.stringify(result));
	else {
		const start = compiled.scenario.start.time;
		if (run.error) console.log(`stopped: ${run.error}`);
		console.log(
			`${id}, seed ${seed}, variant ${run.state.variant}: ${run.state.outcome}${run.state.failure ? ` (${run.state.failure})` : ''} at ${timeAt(run.state.clock, start)}`
		);
		if (restored)
			console.log(
				`time to restore ${formatDuration(run.state.clock)}, customer impact ${formatDuration(Math.round(run.state.impact))}, fair par ${formatDuration(Math.round(score!.par))}, if known ${formatDuration(Math.round(score!.omniscientPar ?? 0))}`
			);
		if (score)
			console.log(
				`score ${score.total} (${score.grade}); time ${score.timeScore}, penalties ${score.penalties.map((p) => `${p.kind} ${p.label} -${p.points}`).join('; ') || 'none'}`
			);
	}
	return run.error ? 1 : 0;
}

function cmdVerify(file: string | undefined): number {
	if (!file) throw new UsageError('verify needs an attempt file');
	const parsed = parseAttempt(readText(resolve(file)));
	if (!parsed.ok) {
		console.log(`✗ ${display(resolve(file))}: ${parsed.reason}`);
		return 1;
	}
	const cache = new Map<string, CompiledScenario | null>();
	const result = verifyAttempt(parsed.attempt, (id, version) => {
		if (!cache.has(id)) {
			try {
				cache.set(id, loadScenario(id));
			} catch {
				cache.set(id, null);
			}
		}
		const compiled = cache.get(id);
		return compiled && compiled.scenario.version === version ? compiled : null;
	});
	if (!result.ok) {
		console.log(`✗ ${display(resolve(file))}: ${result.reason}`);
		return 1;
	}
	const a = result.attempt;
	const compiled = cache.get(a.scenario.id);
	if (compiled) keepFair(compiled, a.options);
	console.log(
		`✓ ${a.trainee}: ${a.scenario.id} v${a.scenario.version} seed ${a.seed}, ${a.outcome}, score ${a.score.total} (${a.score.grade}) verified by replay`
	);
	return 0;
}

function cmdSimulate(id: string, values: Flags): number {
	const compiled = loadScenario(id);
	const runs = Number(values.runs ?? '');
	if (!Number.isInteger(runs) || runs < 1 || runs > 1_000_000)
		throw new UsageError('--runs N (1 to 1000000) is required');
	const seed = parseSeed(values.seed, 1);
	const options = parseOptions(compiled, values.option);
	const report = simulate(compiled, { runs, seed, options });
	console.log(`${id}: ${runs} random legal plays from seed ${seed}, ${report.actions} actions`);
	const pct = (n: number) => `${((100 * n) / runs).toFixed(1)}%`;
	console.log(
		`  restored ${pct(report.restored)}, degraded ${pct(report.degraded)}, failed ${pct(report.failed)}, timed out ${pct(report.timeout)}`
	);
	for (const [failure, count] of Object.entries(report.failures)) console.log(`    failure ${failure}: ${pct(count)}`);
	const q = report.minutes;
	if (q)
		console.log(
			`  time to restore: min ${formatDuration(q.min)}, median ${formatDuration(q.median)}, p90 ${formatDuration(q.p90)}, max ${formatDuration(q.max)}`
		);
	return 0;
}

type Flags = {
	seed?: string;
	option?: string[];
	actions?: string;
	json?: boolean;
	fair?: boolean;
	runs?: string;
	mode?: string;
	watch?: boolean;
	serial?: boolean;
};

function main(argv: string[]): number | Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			seed: { type: 'string' },
			option: { type: 'string', multiple: true },
			actions: { type: 'string' },
			json: { type: 'boolean' },
			fair: { type: 'boolean' },
			runs: { type: 'string' },
			mode: { type: 'string' },
			watch: { type: 'boolean' },
			serial: { type: 'boolean' },
			'no-cache': { type: 'boolean' }
		}
	});
	if (values['no-cache']) disableCache();
	const [command, ...rest] = positionals;
	const needId = () => {
		if (!rest[0]) throw new UsageError(`${command} needs a scenario id`);
		return rest[0];
	};
	switch (command) {
		case 'check':
			return values.watch ? cmdWatch(rest) : cmdCheck(rest, values.serial === true);
		case 'check-part':
			return cmdCheckPart(rest);
		case 'par':
			return cmdPar(needId(), values);
		case 'replay':
			return cmdReplay(needId(), values);
		case 'verify':
			return cmdVerify(rest[0]);
		case 'simulate':
			return cmdSimulate(needId(), values);
		default:
			throw new UsageError(
				'usage: npm run scenarios -- check [files…] [--watch] | par <id> | replay <id> | verify <file> | simulate <id>'
			);
	}
}

// Output piped into `head` closes early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

function fail(error: unknown) {
	if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
		console.error(error.message);
		process.exitCode = 1;
	} else throw error;
}

try {
	const code = main(process.argv.slice(2));
	if (typeof code === 'number') process.exitCode = code;
	else code.then((c) => (process.exitCode = c), fail);
} catch (error) {
	fail(error);
}
