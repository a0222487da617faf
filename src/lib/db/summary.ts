/**
 * The history's index of attempts (database version 4): every stored attempt's summary, the
 * fields a list reads, kept as one record of columns (one array per field) beside the
 * attempts. Why one record of columns: IndexedDB pays per record read, so 10,000 summaries as
 * 10,000 rows take about 60 ms to read on a laptop (and several times that on a busy tablet),
 * while the same as one record of arrays takes about 3 ms. Every write of an attempt updates
 * the index in the same transaction (queries.ts, backup.ts); should it ever disagree with the
 * attempts (a count that differs), the history reads the attempts themselves and the index is
 * rebuilt (`rebuildAttemptIndex`).
 *
 * Apart from db.ts, which imports Dexie, so that the queries that use it load nothing more.
 */
import type { AttemptRow, AttemptSummaryRow, NightshiftDb } from './db.ts';

/** The index record's key in its table. */
export const ATTEMPT_INDEX_KEY = 'attempts';

/** The index as stored: one entry per attempt at the same position in every column. */
export interface AttemptIndex {
	key: typeof ATTEMPT_INDEX_KEY;
	id: string[];
	scenarioId: string[];
	mode: string[];
	trainee: string[];
	finishedAt: string[];
	status: string[];
	interruption: Array<string | null>;
	/** False for an attempt with no record (interrupted, its log no longer replaying). */
	listed: boolean[];
	version: unknown[];
	/** An imported scenario's content hash (null for a bundled one). An index older than this column is rebuilt. */
	hash: unknown[];
	seed: unknown[];
	outcome: unknown[];
	startedAt: unknown[];
	recordFinishedAt: unknown[];
	minutes: unknown[];
	par: unknown[];
	total: unknown[];
	grade: unknown[];
}

const COLUMNS = [
	'id',
	'scenarioId',
	'mode',
	'trainee',
	'finishedAt',
	'status',
	'interruption',
	'listed',
	'version',
	'hash',
	'seed',
	'outcome',
	'startedAt',
	'recordFinishedAt',
	'minutes',
	'par',
	'total',
	'grade'
] as const;
type Column = (typeof COLUMNS)[number];
type Flat = Record<Column, unknown>;

/** An index with no attempts. */
export function emptyAttemptIndex(): AttemptIndex {
	const index = { key: ATTEMPT_INDEX_KEY } as Record<string, unknown>;
	for (const c of COLUMNS) index[c] = [];
	return index as unknown as AttemptIndex;
}

/** The summary of a stored attempt row. */
export function summaryOf(row: AttemptRow): AttemptSummaryRow {
	// A damaged record still gets a summary; the history's check (`checkListing`) then skips it.
	const r = row.record !== null && typeof row.record === 'object' ? row.record : null;
	return {
		id: row.id,
		scenarioId: row.scenarioId,
		mode: row.mode,
		trainee: row.trainee,
		finishedAt: row.finishedAt,
		status: row.status,
		interruption: row.interruption,
		listing: r
			? {
					id: r.id,
					scenario: r.scenario,
					seed: r.seed,
					mode: r.mode,
					trainee: r.trainee,
					outcome: r.outcome,
					startedAt: r.startedAt,
					finishedAt: r.finishedAt,
					score: { minutes: r.score?.minutes, par: r.score?.par, total: r.score?.total, grade: r.score?.grade }
				}
			: null
	};
}

function flatten(s: AttemptSummaryRow): Flat {
	const l = s.listing;
	return {
		id: s.id,
		scenarioId: s.scenarioId,
		mode: s.mode,
		trainee: s.trainee,
		finishedAt: s.finishedAt,
		status: s.status,
		interruption: s.interruption,
		listed: l !== null,
		version: l?.scenario?.version ?? null,
		hash: l?.scenario?.hash ?? null,
		seed: l?.seed ?? null,
		outcome: l?.outcome ?? null,
		startedAt: l?.startedAt ?? null,
		recordFinishedAt: l?.finishedAt ?? null,
		minutes: l?.score.minutes ?? null,
		par: l?.score.par ?? null,
		total: l?.score.total ?? null,
		grade: l?.score.grade ?? null
	};
}

/**
 * The summaries an index holds, rebuilt as objects (the list's record fields are checked by
 * the reader: queries.ts `readRow`).
 */
export function indexSummaries(index: AttemptIndex): AttemptSummaryRow[] {
	const out: AttemptSummaryRow[] = [];
	for (let i = 0; i < index.id.length; i++) {
		const mode = index.mode[i] as AttemptSummaryRow['mode'];
		const trainee = index.trainee[i]!;
		out.push({
			id: index.id[i]!,
			scenarioId: index.scenarioId[i]!,
			mode,
			trainee,
			finishedAt: index.finishedAt[i]!,
			status: index.status[i] as AttemptSummaryRow['status'],
			interruption: index.interruption[i] ?? null,
			listing: index.listed[i]
				? ({
						id: index.id[i],
						scenario:
							typeof index.hash[i] === 'string'
								? { id: index.scenarioId[i], version: index.version[i], hash: index.hash[i] }
								: { id: index.scenarioId[i], version: index.version[i] },
						seed: index.seed[i],
						mode,
						trainee,
						outcome: index.outcome[i],
						startedAt: index.startedAt[i],
						finishedAt: index.recordFinishedAt[i],
						score: { minutes: index.minutes[i], par: index.par[i], total: index.total[i], grade: index.grade[i] }
					} as AttemptSummaryRow['listing'])
				: null
		});
	}
	return out;
}

/**
 * The index with these attempts put (an attempt already in it is replaced) and those ids taken out.
 * @returns a new index; the one given is not changed
 */
export function updateAttemptIndex(
	index: AttemptIndex,
	put: readonly AttemptRow[],
	remove: readonly string[] = []
): AttemptIndex {
	const drop = new Set([...remove, ...put.map((r) => r.id)]);
	const next = emptyAttemptIndex();
	const columns = next as unknown as Record<Column, unknown[]>;
	const from = index as unknown as Record<Column, unknown[]>;
	for (let i = 0; i < index.id.length; i++) {
		if (drop.has(index.id[i]!)) continue;
		for (const c of COLUMNS) columns[c].push(from[c][i] ?? null);
	}
	for (const row of put) {
		const flat = flatten(summaryOf(row));
		for (const c of COLUMNS) columns[c].push(flat[c]);
	}
	return next;
}

/** The stored index, or null when there is none (or it is not one). */
export async function readAttemptIndex(db: NightshiftDb): Promise<AttemptIndex | null> {
	const index = await db.attemptIndex.get(ATTEMPT_INDEX_KEY);
	return index && Array.isArray(index.id) && COLUMNS.every((c) => Array.isArray(index[c])) ? index : null;
}

/**
 * Writes attempt rows and takes others out, with the index, in the caller's transaction (which
 * must include the attempts and the index).
 */
export async function writeIndexed(db: NightshiftDb, put: readonly AttemptRow[], remove: readonly string[] = []) {
	const index = (await readAttemptIndex(db)) ?? (await buildAttemptIndex(db.attempts));
	if (put.length) await db.attempts.bulkPut([...put]);
	if (remove.length) await db.attempts.bulkDelete([...remove]);
	await db.attemptIndex.put(updateAttemptIndex(index, put, remove));
}

/**
 * The index of every attempt stored, built from the attempts themselves, read one at a time so
 * a device with thousands never holds every log at once.
 * @param attempts the attempts table (the database's, or an upgrade transaction's)
 */
export async function buildAttemptIndex(attempts: Pick<NightshiftDb['attempts'], 'each'>): Promise<AttemptIndex> {
	const rows: AttemptRow[] = [];
	let index = emptyAttemptIndex();
	await attempts.each((row) => {
		rows.push(row);
		if (rows.length >= 500) index = updateAttemptIndex(index, rows.splice(0));
	});
	return updateAttemptIndex(index, rows);
}

/**
 * Rebuilds the index from the attempts when it is missing or counts a different number of
 * attempts (written by a version without it, or by hand). Outside any live query: it writes.
 * @returns true when it had to rebuild
 */
export async function repairAttemptIndex(db: NightshiftDb): Promise<boolean> {
	return db.transaction('rw', db.attempts, db.attemptIndex, async () => {
		const [index, count] = await Promise.all([readAttemptIndex(db), db.attempts.count()]);
		if (index && index.id.length === count) return false;
		await db.attemptIndex.put(await buildAttemptIndex(db.attempts));
		return true;
	});
}
