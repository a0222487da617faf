/**
 * The attempt record: the unit the app stores, exports and verifies. It is versioned
 * (`formatVersion`) and validated whenever it comes from outside (attempt-schema.ts).
 */
import type { CompiledScenario } from './compile.ts';
import type { DrillState } from './drill.ts';
import { ATTEMPT_FORMAT, ATTEMPT_FORMAT_VERSION, type Mode, type Outcome } from '../vocabulary.ts';
import { replay } from './replay.ts';
import type { DrillStep } from './drill.ts';
import { scoreDrill, type Score } from './score.ts';
import { parsFor } from './fair.ts';

export { ATTEMPT_FORMAT, ATTEMPT_FORMAT_VERSION, MAX_ATTEMPT_BYTES } from '../vocabulary.ts';

/** One step of an attempt's log, as recorded (and checked by the attempt schema). */
export type AttemptStep =
	| {
			type: 'action';
			action: string;
			/** Simulated clock when the action started. */
			at: number;
			/** Simulated minutes it took. */
			minutes: number;
			/** Live-clock thinking minutes before it. */
			idle: number;
			/** Wall-clock milliseconds since the drill started. */
			wallMs: number;
	  }
	| { type: 'hint'; at: number; wallMs: number }
	/** Live-clock minutes with no action, that ran into the drill's end. */
	| { type: 'idle'; at: number; minutes: number; wallMs: number };

/**
 * The attempt record. Written out by hand so that code which builds or reads attempts needs no
 * validator library; the schema that checks foreign ones (result files, backups) is
 * attempt-schema.ts, which proves at compile time that it describes exactly this type.
 */
export interface Attempt {
	format: typeof ATTEMPT_FORMAT;
	formatVersion: 1 | typeof ATTEMPT_FORMAT_VERSION;
	id: string;
	/** `hash`: the content hash of an imported scenario's file (bundled scenarios have none). */
	scenario: { id: string; version: number; hash?: string };
	seed: number;
	options: Record<string, boolean>;
	mode: Mode;
	trainee: string;
	/** Drill-mode live clock: simulated minutes per real minute, or null when off. */
	liveClockRate: number | null;
	/** The team drill's code, when the attempt was played for one. */
	drillCode: string | null;
	startedAt: string;
	finishedAt: string | null;
	steps: AttemptStep[];
	outcome: Outcome;
	failure: string | null;
	/** The hidden variant, revealed in the debrief. */
	variant: string;
	laps: Record<string, number>;
	score: Score;
}

/** The log part of an attempt, as replay takes it. */
export function stepsToLog(steps: readonly AttemptStep[]): DrillStep[] {
	return steps.map((s) =>
		s.type === 'action'
			? { type: 'action', action: s.action, idle: s.idle }
			: s.type === 'hint'
				? { type: 'hint' }
				: { type: 'idle', minutes: s.minutes }
	);
}

/**
 * Scores a drill state against fair par on its variant (and shows omniscient par beside it).
 * @returns the score, or null when the variant has no par (a scenario bug the checker reports)
 */
export function scoreState(compiled: CompiledScenario, state: DrillState): Score | null {
	const pars = parsFor(compiled, state.seed, state.options);
	return pars ? scoreDrill(compiled, state, pars) : null;
}

export interface AttemptMeta {
	id: string;
	trainee: string;
	liveClockRate?: number | null;
	drillCode?: string | null;
	startedAt: string;
	finishedAt?: string | null;
	/** Wall-clock milliseconds since the start, one per journal entry. */
	wallMs?: readonly number[];
}

/**
 * Builds the attempt record for a drill state.
 * @param meta who played, when, and wall-clock times per step
 */
export function createAttempt(compiled: CompiledScenario, state: DrillState, meta: AttemptMeta): Attempt {
	const steps: AttemptStep[] = state.journal.map((j, i) => {
		const wallMs = Math.max(0, Math.round(meta.wallMs?.[i] ?? 0));
		if (j.kind === 'hint') return { type: 'hint', at: j.at, wallMs };
		if (j.kind === 'idle') return { type: 'idle', at: j.at, minutes: j.minutes, wallMs };
		return { type: 'action', action: j.action, at: j.at, minutes: j.minutes, idle: j.idle, wallMs };
	});
	const score = scoreState(compiled, state);
	if (!score) throw new Error(`${state.scenario}: variant "${state.variant}" has no path to restore`);
	return {
		format: ATTEMPT_FORMAT,
		formatVersion: ATTEMPT_FORMAT_VERSION,
		id: meta.id,
		scenario: compiled.hash
			? { id: state.scenario, version: state.version, hash: compiled.hash }
			: { id: state.scenario, version: state.version },
		seed: state.seed,
		options: state.options,
		mode: state.mode,
		trainee: meta.trainee,
		liveClockRate: meta.liveClockRate ?? null,
		drillCode: meta.drillCode ?? null,
		startedAt: meta.startedAt,
		finishedAt: meta.finishedAt ?? null,
		steps,
		outcome: state.outcome,
		failure: state.failure,
		variant: state.variant,
		laps: state.laps,
		score
	};
}

/** JSON with object keys sorted, so two records compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				)
			: v
	);
}

export type Verification = { ok: true; attempt: Attempt; replayed: Attempt } | { ok: false; reason: string };

/** Finds the scenario an attempt names: by id and version, and for an imported one by its file's content hash. */
export type FindScenario = (id: string, version: number, hash?: string) => CompiledScenario | null;

/**
 * Replays an attempt and checks that its recorded path, outcome, laps and score are what the
 * replay gives.
 * @param findScenario looks up a compiled scenario by id, version and (imported) content hash
 */
export function verifyAttempt(attempt: Attempt, findScenario: FindScenario): Verification {
	const { id, version, hash } = attempt.scenario;
	const compiled = findScenario(id, version, hash);
	if (!compiled)
		return {
			ok: false,
			reason: hash
				? `imported scenario ${id} version ${version} (content hash ${hash.slice(0, 12)}) is not on this device: add its file or open its link first`
				: `unknown scenario ${id} version ${version}`
		};
	// The finder is trusted to match, but a scenario that is not exactly the one named never verifies.
	if ((compiled.hash ?? undefined) !== hash || compiled.scenario.id !== id || compiled.scenario.version !== version)
		return {
			ok: false,
			reason: `the scenario found is not ${id} version ${version}${hash ? ` (${hash.slice(0, 12)})` : ''}`
		};
	const run = replay(
		compiled,
		{ seed: attempt.seed, options: attempt.options, mode: attempt.mode },
		stepsToLog(attempt.steps)
	);
	if (run.error) return { ok: false, reason: `the action log does not replay: ${run.error}` };
	let replayed: Attempt;
	try {
		replayed = createAttempt(compiled, run.state, {
			id: attempt.id,
			trainee: attempt.trainee,
			liveClockRate: attempt.liveClockRate,
			drillCode: attempt.drillCode,
			startedAt: attempt.startedAt,
			finishedAt: attempt.finishedAt,
			wallMs: attempt.steps.map((s) => s.wallMs)
		});
	} catch (error) {
		return { ok: false, reason: String(error instanceof Error ? error.message : error) };
	}
	const mismatch = (what: string, recorded: unknown, actual: unknown) =>
		({ ok: false, reason: `${what} does not match the replay: recorded ${recorded}, replay gives ${actual}` }) as const;
	if (canonical(replayed.options) !== canonical(attempt.options))
		return mismatch('options', canonical(attempt.options), canonical(replayed.options));
	for (let i = 0; i < attempt.steps.length; i++) {
		const a = canonical(attempt.steps[i]);
		const b = canonical(replayed.steps[i]);
		if (a !== b) return mismatch(`step ${i + 1}`, a, b);
	}
	if (attempt.outcome !== replayed.outcome) return mismatch('outcome', attempt.outcome, replayed.outcome);
	if (attempt.failure !== replayed.failure) return mismatch('failure', attempt.failure, replayed.failure);
	if (attempt.variant !== replayed.variant) return mismatch('variant', attempt.variant, replayed.variant);
	if (attempt.score.total !== replayed.score.total) return mismatch('score', attempt.score.total, replayed.score.total);
	if (canonical(attempt.score) !== canonical(replayed.score))
		return mismatch('score breakdown', canonical(attempt.score), canonical(replayed.score));
	if (canonical(attempt.laps) !== canonical(replayed.laps))
		return mismatch('phase laps', canonical(attempt.laps), canonical(replayed.laps));
	return { ok: true, attempt, replayed };
}
