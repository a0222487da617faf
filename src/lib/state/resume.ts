/**
 * Saving the drill in progress after every action, and picking it up again after a reload:
 * each action is first written ahead synchronously (db/write-ahead.ts, before the screen shows
 * it), then saved to IndexedDB. On the next open the furthest of the two is taken: restore the
 * saved XState snapshot when the scenario's version is the same, rebuild by replaying the log
 * otherwise (a write-ahead record, or a scenario that changed), and when the log no longer
 * replays keep the attempt in history marked interrupted, saying why.
 */
import type { CompiledScenario } from '$lib/engine/compile.ts';
import { replay } from '$lib/engine/replay.ts';
import type { DrillStep } from '$lib/engine/drill.ts';
import type { InProgressRow } from '$lib/db/client.ts';
import { clearInProgress, getInProgress, listInProgress, prepareSaves, saveInProgress } from '$lib/db/in-progress.ts';
import { currentProfile } from '$lib/db/profiles.ts';
import {
	browserStore,
	clearWriteAhead,
	furthest,
	listWriteAhead,
	readWriteAhead,
	type KeyValueStore
} from '$lib/db/write-ahead.ts';
import { drillQuery, paramsFromCode, type DrillParams } from './drill-params.ts';
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

/** The name of the measure of each synchronous write-ahead record (in the click's own task). */
export const WRITE_AHEAD_MEASURE = 'nightshift:write-ahead';

/**
 * The record of a drill in progress as it is saved (IndexedDB) and written ahead (localStorage).
 * @param point where the drill stands
 */
export function drillRecord(
	compiled: CompiledScenario,
	params: DrillParams,
	trainee: string,
	point: ResumePoint
): InProgressRow {
	return {
		scenarioId: compiled.scenario.id,
		scenarioVersion: compiled.scenario.version,
		input: { seed: params.seed, options: params.options, mode: params.mode },
		liveClockRate: params.liveClockRate,
		drillCode: params.drillCode ?? null,
		scenarioHash: compiled.hash ?? null,
		snapshot: point.snapshot,
		log: point.log,
		wallMs: point.wallMs,
		elapsedMs: point.elapsedMs,
		trainee,
		startedAt: point.startedAt,
		savedAt: new Date().toISOString()
	};
}

/**
 * Saves the drill in progress to IndexedDB; once it is written, the write-ahead record is
 * cleared unless it is already further along. With the database open, the row is handed over
 * in the caller's task (the action's), before the page draws anything.
 * @param store the write-ahead store (localStorage in the browser)
 * @returns false when storage failed (the banner says so)
 */
export async function saveDrill(row: InProgressRow, store: KeyValueStore | null = browserStore()): Promise<boolean> {
	const start = performance.now();
	const result = await withDb((db) => saveInProgress(db, row));
	if (result.ok) clearWriteAhead(store, row.scenarioId, { startedAt: row.startedAt, steps: row.log.length });
	// From the hand-over to the transaction complete (as the writer saw it: the worker's event
	// comes to this thread only once the page has drawn).
	performance.measure?.(SAVE_MEASURE, { start, end: result.ok ? Math.max(start, result.value) : performance.now() });
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
	/** The set-up to play: the page's, with the team drill's code kept from the saved drill. */
	params: DrillParams;
	trainee: string;
	resume: ResumePoint | null;
	/** What the trainee should be told (resumed, rebuilt, or interrupted and why). */
	notice: string | null;
}

/** Keeps a drill in progress in history, marked interrupted, and forgets it as in progress. */
async function interrupt(
	compiled: CompiledScenario,
	row: InProgressRow,
	reason: string,
	store: KeyValueStore | null
): Promise<void> {
	// Forgotten first: a record left behind would bring the drill back on the next open.
	clearWriteAhead(store, row.scenarioId);
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
					drillCode: row.drillCode ?? null,
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
 * The team drill's code a saved drill carries, when it is a code for this very drill (same
 * scenario, seed, mode, options and rate); anything else is dropped, not trusted.
 */
function savedCode(compiled: CompiledScenario, row: InProgressRow): string | null {
	const fromCode = paramsFromCode(row.drillCode ?? null, compiled);
	return fromCode && sameDrill(row, fromCode) ? fromCode.drillCode! : null;
}

/**
 * Decides how the drill page starts: fresh, or from the drill in progress for this scenario,
 * whichever of IndexedDB's copy and the write-ahead record is further along.
 * @param params the set-up in the page's query string
 * @param store the write-ahead store (localStorage in the browser)
 */
export async function prepareDrill(
	compiled: CompiledScenario,
	params: DrillParams,
	store: KeyValueStore | null = browserStore()
): Promise<DrillStart> {
	const id = compiled.scenario.id;
	const found = await withDb(async (db) => {
		// The save worker starts while the drill is prepared: the first action's save is as quick as the rest.
		prepareSaves(db);
		return { name: (await currentProfile(db))?.name ?? 'You', row: await getInProgress(db, id) };
	});
	const name = found.ok ? found.value.name : 'You';
	// With IndexedDB refused, the write-ahead record alone still resumes the drill.
	const row = furthest(found.ok ? found.value.row : null, readWriteAhead(store, id));
	if (!row || row.log.length === 0) return { params, trainee: name, resume: null, notice: null };
	if (!sameDrill(row, params)) {
		await interrupt(compiled, row, 'a new drill of this scenario was started before it ended', store);
		return {
			params,
			trainee: name,
			resume: null,
			notice: `Your unfinished drill of this scenario (seed ${row.input.seed}, ${actions(row.log.length)}) is kept in History, marked interrupted.`
		};
	}
	const kept = { ...params, drillCode: params.drillCode ?? savedCode(compiled, row) };
	const point = { log: row.log, wallMs: row.wallMs, elapsedMs: row.elapsedMs, startedAt: row.startedAt };
	const resumed = `Resumed your drill in progress (${actions(row.log.length)} taken).`;
	const version = compiled.scenario.version;
	// Another file with this id and version (an imported scenario edited and played again) is
	// another scenario: the drill is rebuilt from its log, as after a version change.
	const sameFile = (row.scenarioHash ?? null) === (compiled.hash ?? null);
	const same = row.scenarioVersion === version && sameFile;
	const change = !sameFile ? 'file changed' : `was updated (version ${row.scenarioVersion} to ${version})`;
	if (same && row.snapshot)
		return { params: kept, trainee: row.trainee, resume: { ...point, snapshot: row.snapshot }, notice: resumed };
	const run = replay(compiled, row.input, row.log);
	if (!run.error)
		return {
			params: kept,
			trainee: row.trainee,
			resume: { ...point, snapshot: null },
			notice: same
				? resumed
				: `This scenario ${change} since you started; your drill was rebuilt from its ${actions(row.log.length)}.`
		};
	const reason = same
		? `its log no longer replays: ${run.error}`
		: `the scenario ${change} and its log no longer replays: ${run.error}`;
	await interrupt(compiled, row, reason, store);
	return {
		params,
		trainee: row.trainee,
		resume: null,
		notice: `Your drill in progress could not be resumed: ${reason}. It is kept in History, marked interrupted; a new drill starts here.`
	};
}

/**
 * The drills in progress on this device, each the furthest of its saved copy and its
 * write-ahead record (the catalogue offers to resume them).
 */
export async function drillsInProgress(store: KeyValueStore | null = browserStore()): Promise<InProgressRow[]> {
	const result = await withDb((db) => listInProgress(db));
	const byScenario = new Map((result.ok ? result.value : []).map((r) => [r.scenarioId, r]));
	for (const ahead of listWriteAhead(store))
		byScenario.set(ahead.scenarioId, furthest(byScenario.get(ahead.scenarioId) ?? null, ahead)!);
	return [...byScenario.values()];
}

/** The drill page's query string that resumes a drill in progress, team drill code included. */
export function resumeQuery(row: InProgressRow): string {
	return drillQuery({
		seed: row.input.seed,
		mode: row.input.mode,
		options: row.input.options,
		liveClockRate: row.liveClockRate,
		drillCode: row.drillCode ?? null
	});
}
