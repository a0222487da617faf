/**
 * The queries the app needs, beside the database. Everything read back is validated: a damaged
 * record is skipped with a note, never a crash.
 */
import type { Attempt } from '$lib/engine/attempt.ts';
import {
	ATTEMPT_FORMAT,
	ATTEMPT_FORMAT_VERSION,
	GRADES,
	MODES,
	OUTCOMES,
	PENALTY_KINDS,
	type Mode
} from '$lib/vocabulary.ts';
import { browserIdb, openAsIs } from './direct.ts';
import { DB_NAME, DB_VERSION } from './schema-version.ts';
import { indexSummaries, readAttemptIndex, summaryOf, writeIndexed } from './summary.ts';
import type { AttemptListingFields, AttemptRow, AttemptSummaryRow, InterruptedDrill, NightshiftDb } from './db.ts';

/**
 * What the history and the catalogue read of an attempt. Lists check these fields one by one
 * (a zod parse of every record made the history of 5,000 attempts miss its 500 ms target);
 * the whole record is validated with the attempt schema when it is opened or exported.
 */
export type AttemptListing = AttemptListingFields;

const MODES_SET = new Set<string>(MODES);
const OUTCOMES_SET = new Set<string>(OUTCOMES);
const GRADES_SET = new Set<string>(GRADES);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Checks the fields a list reads.
 * @returns the listing, or the first problem as "path: what is wrong"
 */
export function checkListing(record: unknown): AttemptListing | string {
	if (!isObject(record)) return 'record: not an object';
	const r = record;
	if (typeof r.id !== 'string') return 'id: expected a string';
	if (!isObject(r.scenario) || typeof r.scenario.id !== 'string' || !isWhole(r.scenario.version))
		return 'scenario: expected {id, version}';
	if (r.scenario.hash !== undefined && (typeof r.scenario.hash !== 'string' || !/^[0-9a-f]{64}$/.test(r.scenario.hash)))
		return 'scenario.hash: expected a content hash';
	if (!isWhole(r.seed)) return 'seed: expected a whole number, 0 or more';
	if (!MODES_SET.has(r.mode as string)) return 'mode: unknown mode';
	if (typeof r.trainee !== 'string' || !r.trainee) return 'trainee: expected a name';
	if (!OUTCOMES_SET.has(r.outcome as string)) return 'outcome: unknown outcome';
	if (typeof r.startedAt !== 'string') return 'startedAt: expected a date';
	if (r.finishedAt !== null && typeof r.finishedAt !== 'string') return 'finishedAt: expected a date or null';
	const sc = r.score;
	if (!isObject(sc)) return 'score: missing';
	if (sc.minutes !== null && !isWhole(sc.minutes)) return 'score.minutes: expected a whole number or null';
	if (typeof sc.par !== 'number' || !(sc.par >= 0) || !isWhole(sc.total))
		return 'score: expected a par of 0 or more and a whole-number total';
	if (!GRADES_SET.has(sc.grade as string)) return 'score.grade: unknown grade';
	return record as unknown as AttemptListing;
}

const PENALTY_SET = new Set<string>(PENALTY_KINDS);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isTextOrNull = (v: unknown, max: number) => v === null || isText(v, max);

/** The first step (action, hint or idle) that is not as this app writes it, as "steps[i]: …"; null when all are. */
function checkSteps(steps: unknown): string | null {
	if (!Array.isArray(steps) || steps.length > 5000) return 'steps: expected a list';
	for (let i = 0; i < steps.length; i++) {
		const s: unknown = steps[i];
		if (!isObject(s) || !isWhole(s.at) || !isWhole(s.wallMs)) return `steps[${i}]: expected a step`;
		const ok =
			s.type === 'hint' ||
			(s.type === 'idle' && isWhole(s.minutes)) ||
			(s.type === 'action' && isText(s.action, 80) && isWhole(s.minutes) && isWhole(s.idle));
		if (!ok) return `steps[${i}]: expected an action, a hint or idle minutes`;
	}
	return null;
}

/**
 * Checks a whole attempt record as this app (or an older version of it) stored it, field by
 * field, without the validator library: records in this device's database were written by the
 * app itself (or checked by the attempt schema on their way in from a backup), so this only
 * has to catch damage, and it keeps the schema (zod) off the pages that show stored attempts.
 * Result files and backups, which come from outside, go through attempt-schema.ts.
 * @returns the attempt, or the first problem as "path: what is wrong"
 */
export function checkStoredAttempt(record: unknown): Attempt | string {
	const listing = checkListing(record);
	if (typeof listing === 'string') return listing;
	const r = record as Record<string, unknown>;
	if (r.format !== ATTEMPT_FORMAT || (r.formatVersion !== 1 && r.formatVersion !== ATTEMPT_FORMAT_VERSION))
		return 'format: not an attempt record this app reads';
	if (!isObject(r.options) || Object.values(r.options).some((v) => typeof v !== 'boolean'))
		return 'options: expected yes/no values';
	if (r.liveClockRate !== null && typeof r.liveClockRate !== 'number')
		return 'liveClockRate: expected a number or null';
	if (!isTextOrNull(r.drillCode, 64)) return 'drillCode: expected a code or null';
	if (!isText(r.variant, 80) || !isTextOrNull(r.failure, 80)) return 'variant: expected an id';
	if (!isObject(r.laps) || Object.values(r.laps).some((v) => !isWhole(v))) return 'laps: expected minutes';
	const steps = checkSteps(r.steps);
	if (steps) return steps;
	const score = r.score as Record<string, unknown>;
	if (!isWhole(score.timeScore)) return 'score.timeScore: expected a whole number';
	const penalties = score.penalties;
	if (
		!Array.isArray(penalties) ||
		penalties.some(
			(p) => !isObject(p) || !PENALTY_SET.has(p.kind as string) || !isText(p.label, 300) || !isWhole(p.points)
		)
	)
		return 'score.penalties: expected a list of penalties';
	return record as Attempt;
}

/** An attempt as the history shows it. */
export type HistoryEntry =
	| { id: string; status: 'finished'; attempt: AttemptListing }
	| {
			id: string;
			status: 'interrupted';
			scenarioId: string;
			mode: Mode;
			trainee: string;
			finishedAt: string;
			reason: string;
			/** The record when the log still replayed to one. */
			attempt: AttemptListing | null;
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

/** Writes attempt rows and the history's index of them (summary.ts), in one transaction. */
export async function putAttemptRows(db: NightshiftDb, rows: readonly AttemptRow[]): Promise<void> {
	await db.transaction('rw', db.attempts, db.attemptIndex, () => writeIndexed(db, rows));
}

/** Stores a finished attempt (replacing one with the same id: it is the same attempt). */
export async function putAttempt(db: NightshiftDb, attempt: Attempt): Promise<void> {
	await putAttemptRows(db, [finishedRow(attempt)]);
}

/**
 * Stores an attempt that could not go on, with the reason.
 * @param record the attempt record when the log replayed to one, else null
 */
export async function putInterrupted(
	db: NightshiftDb,
	entry: {
		id: string;
		scenarioId: string;
		mode: Mode;
		trainee: string;
		reason: string;
		record: Attempt | null;
		drill: InterruptedDrill;
	}
): Promise<void> {
	await putAttemptRows(db, [
		{
			id: entry.id,
			scenarioId: entry.scenarioId,
			mode: entry.mode,
			trainee: entry.trainee,
			finishedAt: entry.record?.finishedAt ?? entry.drill.startedAt,
			status: 'interrupted',
			interruption: entry.reason,
			record: entry.record,
			interrupted: entry.drill
		}
	]);
}

/**
 * Reads a stored attempt back for a list: from its summary (the fields a list reads, checked),
 * or from its row (the whole record checked).
 * @returns the history entry, or a note saying why the row was skipped
 */
export function readRow(
	row: AttemptRow | AttemptSummaryRow
): { ok: true; entry: HistoryEntry } | { ok: false; note: string } {
	let attempt: AttemptListing | null = null;
	const record = 'listing' in row ? row.listing : row.record;
	if (record !== null || row.status === 'finished') {
		const checked = 'listing' in row ? checkListing(record) : checkStoredAttempt(record);
		if (typeof checked === 'string')
			return { ok: false, note: `attempt ${String(row.id)} is damaged (${checked}); skipped` };
		attempt = checked;
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

/** A stored attempt record by id, checked in full (`checkStoredAttempt`); null when missing or damaged. */
export async function getAttempt(db: NightshiftDb, id: string): Promise<Attempt | null> {
	const row = await db.attempts.get(id);
	if (!row) return null;
	const checked = checkStoredAttempt(row.record);
	return typeof checked === 'string' ? null : checked;
}

/**
 * A stored attempt by id, read with IndexedDB alone (direct.ts says why) and checked as
 * `getAttempt` checks it: the debrief's read, which so loads no Dexie.
 * @param factory IndexedDB (the browser's; fake-indexeddb in tests)
 * @returns `{ attempt }` (null: no such attempt, or it is damaged), or null when it could not be
 *   read this way (no IndexedDB, a database not yet upgraded to this version): ask `getAttempt`
 */
export async function readAttemptDirect(
	id: string,
	factory: IDBFactory | null = browserIdb(),
	name: string = DB_NAME
): Promise<{ attempt: Attempt | null } | null> {
	if (!factory) return null;
	const opened = await openAsIs(factory, name);
	if ('error' in opened) return null;
	if (!opened.db) return { attempt: null };
	const db = opened.db;
	try {
		// An older version's database: Dexie upgrades it (its records may need the upgrade too).
		if (db.version !== DB_VERSION * 10) return null;
		const row = await new Promise<unknown>((done, fail) => {
			const req = db.transaction('attempts', 'readonly').objectStore('attempts').get(id);
			req.onsuccess = () => done(req.result);
			req.onerror = () => fail(req.error);
		});
		if (!row) return { attempt: null };
		const checked = checkStoredAttempt((row as { record?: unknown }).record);
		return { attempt: typeof checked === 'string' ? null : checked };
	} catch {
		return null;
	} finally {
		db.close();
	}
}

export interface AttemptFilter {
	scenarioId?: string;
	mode?: string;
	trainee?: string;
}

/**
 * The summary of every stored attempt: from the history's index, or, when the index is missing
 * or out of step with the attempts (`repairAttemptIndex` mends it), from the attempts themselves.
 */
async function allSummaries(db: NightshiftDb): Promise<{ rows: AttemptSummaryRow[]; indexed: boolean }> {
	const [index, count] = await Promise.all([readAttemptIndex(db), db.attempts.count()]);
	if (index && index.id.length === count) return { rows: indexSummaries(index), indexed: true };
	return { rows: (await db.attempts.toArray()).map(summaryOf), indexed: false };
}

/**
 * Every stored attempt matching the filter, newest first, read from the history's index (the
 * fields a list reads, checked; see `AttemptListing`), never from the records with their logs.
 * @returns the entries, a note for each damaged row skipped, and whether the index served them
 *   (false: it is missing or out of step, and `repairAttemptIndex` should mend it)
 */
export async function listAttempts(
	db: NightshiftDb,
	filter: AttemptFilter = {}
): Promise<{ entries: HistoryEntry[]; skipped: string[]; indexed: boolean }> {
	const { rows: all, indexed } = await allSummaries(db);
	const rows = all.filter(
		(r) =>
			(!filter.scenarioId || r.scenarioId === filter.scenarioId) &&
			(!filter.mode || r.mode === filter.mode) &&
			(!filter.trainee || r.trainee === filter.trainee)
	);
	rows.sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : 0));
	const entries: HistoryEntry[] = [];
	const skipped: string[] = [];
	for (const row of rows) {
		const read = readRow(row);
		if (read.ok) entries.push(read.entry);
		else skipped.push(read.note);
	}
	return { entries, skipped, indexed };
}

/** The distinct trainee names and scenario ids found in attempts (for the filters). */
export async function attemptFacets(db: NightshiftDb): Promise<{ trainees: string[]; scenarios: string[] }> {
	const [trainees, scenarios] = await Promise.all([
		db.attempts.orderBy('trainee').uniqueKeys(),
		db.attempts.orderBy('scenarioId').uniqueKeys()
	]);
	return { trainees: trainees.map(String), scenarios: scenarios.map(String) };
}

/** Deletes one attempt (and its entry in the history's index). */
export async function deleteAttempt(db: NightshiftDb, id: string): Promise<void> {
	await db.transaction('rw', db.attempts, db.attemptIndex, () => writeIndexed(db, [], [id]));
}

/**
 * Ends a drill: stores its attempt and forgets the drill in progress, in one transaction.
 */
export async function finishDrill(db: NightshiftDb, attempt: Attempt): Promise<void> {
	await db.transaction('rw', db.attempts, db.attemptIndex, db.inProgress, async () => {
		await putAttemptRows(db, [finishedRow(attempt)]);
		await db.inProgress.delete(attempt.scenario.id);
	});
}
