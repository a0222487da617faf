/**
 * Saving the drill in progress after every action, and picking it up again after a reload:
 * restore the saved XState snapshot when the scenario's version is the same, rebuild by
 * replaying the log when it changed, and when the log no longer replays keep the attempt in
 * history marked interrupted, saying why.
 */
import type { CompiledScenario } from '$lib/engine/compile.ts';
import { replay } from '$lib/engine/replay.ts';
import type { DrillStep } from '$lib/engine/drill.ts';
import type { InProgressRow } from '$lib/db/client.ts';
import { clearInProgress, getInProgress, saveInProgress } from '$lib/db/in-progress.ts';
import { currentProfile } from '$lib/db/profiles.ts';
import type { DrillParams } from './drill-params.ts';
import { withDb } from './persistence.svelte.ts';

/** Where a drill picks up again. */
export interface ResumePoint {
	/** The persisted actor snapshot, or null to rebuild by replaying `log`. */
	snapshot: unknown;
	log: DrillStep[];
	wallMs: number[];
	elapsedMs: number;
	startedAt: string;
}

/** The name of the performance measure each save records (the storage benchmark reads it). */
export const SAVE_MEASURE = 'nightshift:save';

/** The name of the measure from an action to its save being written (the benchmark reads it). */
export const ACTION_SAVED_MEASURE = 'nightshift:action-to-saved';

/**
 * Resolves once the screen has shown the action's outcome (after the next frame), or after
 * 50 ms when no frame comes (a hidden tab): the save then never competes with the drawing of
 * the outcome, and is still written within a few milliseconds of the action.
 */
export function afterPaint(): Promise<void> {
	if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
	return new Promise((done) => {
		const timer = setTimeout(done, 50);
		requestAnimationFrame(() =>
			setTimeout(() => {
				clearTimeout(timer);
				done();
			}, 0)
		);
	});
}

/**
 * Saves the drill in progress.
 * @returns false when storage failed (the banner says so)
 */
export async function saveDrill(
	compiled: CompiledScenario,
	params: DrillParams,
	trainee: string,
	point: ResumePoint
): Promise<boolean> {
	const start = performance.now();
	const row: InProgressRow = {
		scenarioId: compiled.scenario.id,
		scenarioVersion: compiled.scenario.version,
		input: { seed: params.seed, options: params.options, mode: params.mode },
		liveClockRate: params.liveClockRate,
		snapshot: point.snapshot,
		log: point.log,
		wallMs: point.wallMs,
		elapsedMs: point.elapsedMs,
		trainee,
		startedAt: point.startedAt,
		savedAt: new Date().toISOString()
	};
	const result = await withDb((db) => saveInProgress(db, row));
	performance.measure?.(SAVE_MEASURE, { start, end: performance.now() });
	return result.ok;
}

const sortedJson = (o: Record<string, boolean>) =>
	JSON.stringify(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

function sameDrill(row: InProgressRow, params: DrillParams): boolean {
	return (
		row.input.seed === params.seed &&
		row.input.mode === params.mode &&
		row.liveClockRate === params.liveClockRate &&
		sortedJson(row.input.options) === sortedJson(params.options)
	);
}

export interface DrillStart {
	trainee: string;
	resume: ResumePoint | null;
	/** What the trainee should be told (resumed, rebuilt, or interrupted and why). */
	notice: string | null;
}

/** Keeps a drill in progress in history, marked interrupted, and forgets it as in progress. */
async function interrupt(compiled: CompiledScenario, row: InProgressRow, reason: string): Promise<void> {
	const [{ putInterrupted }, { createAttempt }] = await Promise.all([
		import('$lib/db/queries.ts'),
		import('$lib/engine/attempt.ts')
	]);
	let record = null;
	if (row.scenarioVersion === compiled.scenario.version) {
		const run = replay(compiled, row.input, row.log);
		try {
			if (!run.error)
				record = createAttempt(compiled, run.state, {
					id: globalThis.crypto.randomUUID(),
					trainee: row.trainee,
					liveClockRate: row.liveClockRate,
					startedAt: row.startedAt,
					finishedAt: null,
					wallMs: row.wallMs
				});
		} catch {
			record = null;
		}
	}
	await withDb(async (db) => {
		await putInterrupted(db, {
			id: record?.id ?? globalThis.crypto.randomUUID(),
			scenarioId: row.scenarioId,
			mode: row.input.mode,
			trainee: row.trainee,
			reason,
			record,
			drill: {
				scenarioVersion: row.scenarioVersion,
				seed: row.input.seed,
				options: row.input.options,
				steps: row.log,
				startedAt: row.startedAt
			}
		});
		await clearInProgress(db, row.scenarioId);
	});
}

const actions = (n: number) => `${n} ${n === 1 ? 'step' : 'steps'}`;

/**
 * Decides how the drill page starts: fresh, or from the drill in progress for this scenario.
 * @param params the set-up in the page's query string
 */
export async function prepareDrill(compiled: CompiledScenario, params: DrillParams): Promise<DrillStart> {
	const found = await withDb(async (db) => ({
		name: (await currentProfile(db))?.name ?? 'You',
		row: await getInProgress(db, compiled.scenario.id)
	}));
	if (!found.ok) return { trainee: 'You', resume: null, notice: null };
	const { name, row } = found.value;
	if (!row || row.log.length === 0) return { trainee: name, resume: null, notice: null };
	const point = { log: row.log, wallMs: row.wallMs, elapsedMs: row.elapsedMs, startedAt: row.startedAt };
	if (!sameDrill(row, params)) {
		await interrupt(compiled, row, 'a new drill of this scenario was started before it ended');
		return {
			trainee: name,
			resume: null,
			notice: `Your unfinished drill of this scenario (seed ${row.input.seed}, ${actions(row.log.length)}) is kept in History, marked interrupted.`
		};
	}
	const version = compiled.scenario.version;
	if (row.scenarioVersion === version && row.snapshot)
		return {
			trainee: row.trainee,
			resume: { ...point, snapshot: row.snapshot },
			notice: `Resumed your drill in progress (${actions(row.log.length)} taken).`
		};
	const run = replay(compiled, row.input, row.log);
	if (!run.error)
		return {
			trainee: row.trainee,
			resume: { ...point, snapshot: null },
			notice: `This scenario was updated (version ${row.scenarioVersion} to ${version}) since you started; your drill was rebuilt from its ${actions(row.log.length)}.`
		};
	const reason = `the scenario was updated (version ${row.scenarioVersion} to ${version}) and its log no longer replays: ${run.error}`;
	await interrupt(compiled, row, reason);
	return {
		trainee: row.trainee,
		resume: null,
		notice: `Your drill in progress could not be resumed: ${reason}. It is kept in History, marked interrupted; a new drill starts here.`
	};
}

/** The drills in progress on this device (the catalogue offers to resume them). */
export async function drillsInProgress(): Promise<InProgressRow[]> {
	const { listInProgress } = await import('$lib/db/in-progress.ts');
	const result = await withDb((db) => listInProgress(db));
	return result.ok ? result.value : [];
}
