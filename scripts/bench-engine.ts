/**
 * Engine benchmark: `npm run bench:engine [-- SCENARIO...]` (or `npm run bench`). Prints figures and ratios;
 * never fails on time.
 *
 * Per bundled scenario: par solver time and states explored (seed 1, default options, and the
 * slowest variant/option set), replay time for a 100-action log, random-play throughput, and
 * the engine's cost per action against bare XState `transition` on the same events.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMachine, initialTransition, transition } from 'xstate';
import { checkScenarioText, optionCombinations } from '../src/lib/engine/check.ts';
import type { CompiledScenario } from '../src/lib/engine/compile.ts';
import { performAction, startDrill, type DrillState } from '../src/lib/engine/drill.ts';
import { canTake, hiddenForSeed, hiddenWorlds } from '../src/lib/engine/world.ts';
import { replay } from '../src/lib/engine/replay.ts';
import type { DrillStep } from '../src/lib/engine/drill.ts';
import { machineFor } from '../src/lib/engine/machine.ts';
import { createRng } from '../src/lib/engine/rng.ts';
import { simulate } from '../src/lib/engine/simulate.ts';
import { searchHidden } from '../src/lib/engine/solver.ts';
import { bestBlindSequence, solveFair } from '../src/lib/engine/fair.ts';
import { formatIssue } from '../src/lib/scenario/errors.ts';

const dir = resolve(import.meta.dirname, '../scenarios');

/** Median of `runs` timings of fn, in milliseconds. */
function time(fn: () => void, runs: number): number {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		fn();
		samples.push(performance.now() - t);
	}
	samples.sort((a, b) => a - b);
	return samples[Math.floor(samples.length / 2)]!;
}

/** A long legal log: random actions, avoiding those that would end the drill, up to `length`. */
function longLog(compiled: CompiledScenario, seed: number, length: number): DrillStep[] {
	const random = createRng(seed);
	let state: DrillState = startDrill(compiled, { seed });
	const log: DrillStep[] = [];
	while (log.length < length) {
		const open = compiled.actions.filter((a) => canTake(state, a));
		const safe = open.filter((a) => performAction(compiled, state, a.def.id).outcome === 'playing');
		if (safe.length === 0) break;
		const pick = safe[Math.floor(random() * safe.length)]!.def.id;
		state = performAction(compiled, state, pick);
		log.push({ type: 'action', action: pick });
	}
	return log;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

// `npm run bench:engine -- http4-night` benchmarks only the scenarios named.
const only = process.argv.slice(2);
for (const file of readdirSync(dir)
	.filter((f) => f.endsWith('.yaml') && (only.length === 0 || only.includes(f.replace(/\.yaml$/, ''))))
	.sort()) {
	const checked = checkScenarioText(readFileSync(join(dir, file), 'utf8'), `scenarios/${file}`);
	if (!checked.ok) {
		console.log(checked.issues.map(formatIssue).join('\n'));
		process.exitCode = 1;
		continue;
	}
	const compiled = checked.compiled;
	const id = compiled.scenario.id;
	console.log(`\n${id}`);

	// Omniscient par for seed 1 with default options, as the app computes it (through the
	// variant's specialised view; uncached here, the specialising included).
	const seed1 = hiddenForSeed(compiled, 1);
	const solve1 = () => searchHidden(compiled, seed1, {});
	let par = solve1();
	const parMs = time(() => (par = solve1()), 5);
	console.log(
		`  omniscient par, seed 1 (${seed1.key}): ${par!.minutes} min, ${par!.explored} states, ${fmt(parMs, 1)} ms (target < 100 ms)`
	);
	// Every hidden world (variant and draws) under every option set the checker tries.
	let worst = { ms: 0, states: 0, what: '' };
	for (const options of optionCombinations(compiled.scenario)) {
		for (const h of hiddenWorlds(compiled)) {
			let states = 0;
			const ms = time(() => (states = searchHidden(compiled, h, options)!.explored), 1);
			if (ms > worst.ms) worst = { ms, states, what: `${h.key} ${JSON.stringify(options)}` };
		}
	}
	console.log(
		`  omniscient par, slowest hidden world and options: ${fmt(worst.ms, 1)} ms, ${worst.states} states (${worst.what}) (target < 100 ms)`
	);

	// Fair par (belief states) and the best blind sequence, for the default options and each preset.
	const sets = [{ id: 'default', options: {} }, ...compiled.scenario.presets];
	for (const { id: preset, options } of sets) {
		let fair: ReturnType<typeof solveFair> = null;
		const fairMs = time(() => (fair = solveFair(compiled, options)), 1);
		let blind: ReturnType<typeof bestBlindSequence> = null;
		const blindMs = time(() => (blind = bestBlindSequence(compiled, options)), 1);
		const f = fair as ReturnType<typeof solveFair>;
		const b = blind as ReturnType<typeof bestBlindSequence>;
		console.log(
			`  fair par, ${preset}: ${f ? f.expectedMinutes.toFixed(1) : '—'} min expected, ${f?.explored ?? '—'} belief states, ${fmt(fairMs, 0)} ms (target < 1000 ms); ` +
				`best blind sequence ${b ? b.expectedMinutes.toFixed(1) : 'none'} min (${b ? (b.expectedMinutes / f!.expectedMinutes).toFixed(2) + '× fair' : 'no fixed sequence restores every variant'}), ${fmt(blindMs, 0)} ms`
		);
	}

	// Replay of a long legal log through XState's pure transition. Scenarios whose actions run
	// out (most are done once) give shorter logs; the time is also given per 100 actions.
	const log = longLog(compiled, 7, 100);
	// Median over rounds of 20 replays each: single runs under a millisecond are mostly timer noise.
	const replayMs =
		time(() => {
			for (let k = 0; k < 20; k++) replay(compiled, { seed: 7 }, log);
		}, 30) / 20;
	console.log(
		`  replay of a ${log.length}-action log: ${fmt(replayMs, 3)} ms, ${fmt((replayMs * 100) / log.length, 3)} ms per 100 actions (target < 5 ms)`
	);

	// Engine cost per action against bare XState transition on the same events, from the same
	// start snapshot (the start itself is measured once, apart).
	const machine = machineFor(compiled);
	const events = log.map((s) =>
		s.type === 'action' ? { type: 'action' as const, action: s.action, idle: 0 } : { type: 'hint' as const }
	);
	const bare = createMachine({
		types: {} as { context: DrillState; events: (typeof events)[number] },
		context: startDrill(compiled, { seed: 7 }),
		initial: 'playing',
		states: { playing: { on: { action: {}, hint: {} } } }
	});
	const [engineStart] = initialTransition(machine, { seed: 7 });
	const [bareStart] = initialTransition(bare);
	const runEvents = (m: typeof machine, start: typeof engineStart) => () => {
		let snapshot = start;
		for (const e of events) [snapshot] = transition(m, snapshot, e);
	};
	// Interleaved rounds, each timing 20 passes of both: the median ratio holds up when the
	// machine is busy with something else.
	const engineRun = runEvents(machine, engineStart);
	const bareRun = runEvents(bare as unknown as typeof machine, bareStart as unknown as typeof engineStart);
	const rounds: Array<{ engine: number; bare: number }> = [];
	for (let r = 0; r < 60; r++) {
		const engine =
			time(() => {
				for (let k = 0; k < 20; k++) engineRun();
			}, 1) / 20;
		const bareTime =
			time(() => {
				for (let k = 0; k < 20; k++) bareRun();
			}, 1) / 20;
		rounds.push({ engine, bare: bareTime });
	}
	const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	const engineMs = median(rounds.map((r) => r.engine));
	const bareMs = median(rounds.map((r) => r.bare));
	const ratio = median(rounds.map((r) => r.engine / r.bare));
	const startMs = time(() => initialTransition(machine, { seed: 7 }), 200);
	console.log(
		`  per action: engine ${fmt((engineMs * 1000) / events.length, 1)} µs, bare transition ${fmt((bareMs * 1000) / events.length, 1)} µs, ratio ${fmt(ratio)}x (target < 2x); drill start ${fmt(startMs * 1000, 1)} µs`
	);

	// Random legal play throughput.
	let actions = 0;
	const runs = 200;
	const simMs = time(() => (actions = simulate(compiled, { runs, seed: 3, options: {} }).actions), 3);
	console.log(
		`  random play: ${runs} drills, ${actions} actions in ${fmt(simMs, 0)} ms = ${Math.round((actions / simMs) * 1000)} actions/s`
	);
}
