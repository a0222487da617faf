/**
 * The queries the app needs, beside the database. Everything read back is validated: a damaged
 * record is skipped with a note, never a crash.
 */
import { AttemptSchema, type Attempt } from '$lib/engine/attempt';
import type { Mode } from '$lib/engine/drill';
import type { AttemptRow, InterruptedDrill, NightshiftDb } from './db';

/** An attempt as the history shows it. */
export type HistoryEntry =
	| { id: string; status: 'finished'; attempt: Attempt }
	| {
			id: string;
			status: 'interrupted';
			scenarioId: string;
			mode: Mode;
			trainee: string;
			finishedAt: string;
			reason: string;
			/** The record when the log still replayed to one. */
			attempt: Attempt | null;
	  };

/** Builds the stored row of a finished attempt. */
export function finishedRow(attempt: Attempt): AttemptRow {
	return {
		id: attempt.id,
		scenarioId: attempt.scenario.id,
		mode: attempt.mode,
		trainee: attempt.trainee,
		finishedAt: attempt.finishedAt ?? attempt.startedAt,
		status: 'finished',
		interruption: null,
		record: attempt,
		interrupted: null
	};
}

/** Stores a finished attempt (replacing one with the same id: it is the same attempt). */
export async function putAttempt(db: NightshiftDb, attempt: Attempt): Promise<void> {
	await db.attempts.put(finishedRow(attempt));
}

/**
 * Stores an attempt that could not go on, with the reason.
 * @param record the attempt record when the log replayed to one, else null
 */
export async function putInterrupted(
	db: NightshiftDb,
	entry: { id: string; scenarioId: string; mode: Mode; trainee: string; reason: string; record: Attempt | null; drill: InterruptedDrill }
): Promise<void> {
	await db.attempts.put({
		id: entry.id,
		scenarioId: entry.scenarioId,
		mode: entry.mode,
		trainee: entry.trainee,
		finishedAt: entry.record?.finishedAt ?? entry.drill.startedAt,
		status: 'interrupted',
		interruption: entry.reason,
		record: entry.record,
		interrupted: entry.drill
	});
}

/**
 * Reads a stored row back.
 * @returns the history entry, or a note saying why the row was skipped
 */
export function readRow(row: AttemptRow): { ok: true; entry: HistoryEntry } | { ok: false; note: string } {
	let attempt: Attempt | null = null;
	if (row.record !== null || row.status === 'finished') {
		const parsed = AttemptSchema.safeParse(row.record);
		if (!parsed.success) {
			const first = parsed.error.issues[0]!;
			return { ok: false, note: `attempt ${String(row.id)} is damaged (${first.path.map(String).join('.') || 'record'}: ${first.message}); skipped` };
		}
		attempt = parsed.data;
	}
	if (row.status === 'interrupted')
		return {
			ok: true,
			entry: {
				id: row.id,
				status: 'interrupted',
				scenarioId: row.scenarioId,
				mode: row.mode,
				trainee: row.trainee,
				finishedAt: row.finishedAt,
				reason: row.interruption ?? 'interrupted',
				attempt
			}
		};
	return { ok: true, entry: { id: row.id, status: 'finished', attempt: attempt! } };
}

/** A finished attempt by id, validated; null when missing or damaged. */
export async function getAttempt(db: NightshiftDb, id: string): Promise<Attempt | null> {
	const row = await db.attempts.get(id);
	if (!row) return null;
	const read = readRow(row);
	return read.ok ? read.entry.attempt : null;
}

export interface AttemptFilter {
	scenarioId?: string;
	mode?: string;
	trainee?: string;
}

/**
 * Every stored attempt matching the filter, newest first.
 * @returns the entries and a note for each damaged row skipped
 */
export async function listAttempts(db: NightshiftDb, filter: AttemptFilter = {}): Promise<{ entries: HistoryEntry[]; skipped: string[] }> {
	// The most selective index first, the other filters in memory.
	const collection = filter.scenarioId
		? db.attempts.where('scenarioId').equals(filter.scenarioId)
		: filter.trainee
			? db.attempts.where('trainee').equals(filter.trainee)
			: filter.mode
				? db.attempts.where('mode').equals(filter.mode)
				: db.attempts.toCollection();
	const rows = await collection
		.filter((r) => (!filter.mode || r.mode === filter.mode) && (!filter.trainee || r.trainee === filter.trainee))
		.toArray();
	rows.sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : 0));
	const entries: HistoryEntry[] = [];
	const skipped: string[] = [];
	for (const row of rows) {
		const read = readRow(row);
		if (read.ok) entries.push(read.entry);
		else skipped.push(read.note);
	}
	return { entries, skipped };
}

/** The distinct trainee names and scenario ids found in attempts (for the filters). */
export async function attemptFacets(db: NightshiftDb): Promise<{ trainees: string[]; scenarios: string[] }> {
	const [trainees, scenarios] = await Promise.all([
		db.attempts.orderBy('trainee').uniqueKeys(),
		db.attempts.orderBy('scenarioId').uniqueKeys()
	]);
	return { trainees: trainees.map(String), scenarios: scenarios.map(String) };
}

/** Deletes one attempt. */
export async function deleteAttempt(db: NightshiftDb, id: string): Promise<void> {
	await db.attempts.delete(id);
}

/**
 * Ends a drill: stores its attempt and forgets the drill in progress, in one transaction.
 */
export async function finishDrill(db: NightshiftDb, attempt: Attempt): Promise<void> {
	await db.transaction('rw', db.attempts, db.inProgress, async () => {
		await db.attempts.put(finishedRow(attempt));
		await db.inProgress.delete(attempt.scenario.id);
	});
}
