/**
 * The one IndexedDB database of the app, through Dexie. Nothing outside src/lib/db imports
 * Dexie: the app goes through the queries beside this file (queries.ts) and the browser-only
 * door (client.ts), which loads this module lazily so pages that never store pay nothing.
 */
import { Dexie, liveQuery, type EntityTable } from 'dexie';
import type { Attempt } from '$lib/engine/attempt.ts';
import type { DrillStep } from '$lib/engine/drill.ts';
import type { Mode } from '$lib/vocabulary.ts';
import type { BoardRow } from '$lib/engine/team.ts';
import type { FairTable, ScenarioEntry } from '$lib/engine/precompute.ts';
import { buildAttemptIndex, type AttemptIndex } from './summary.ts';
import { DB_NAME, DB_VERSION } from './schema-version.ts';

export { DB_NAME };

/** A trainee on this device (a shared machine has several). */
export interface ProfileRow {
	id: string;
	name: string;
	createdAt: string;
}

/** Why an attempt was not finished, when it was not. */
export type AttemptStatus = 'finished' | 'interrupted';

/**
 * A stored attempt: the engine's versioned record (validated when read back) plus copies of
 * the fields the history filters on, so they can be indexed.
 */
export interface AttemptRow {
	id: string;
	scenarioId: string;
	mode: Mode;
	trainee: string;
	/** Finish time, or the start time for an interrupted attempt (ISO). */
	finishedAt: string;
	status: AttemptStatus;
	/** Why the attempt was interrupted (null when finished). */
	interruption: string | null;
	/** The attempt record; null for an interrupted attempt whose log no longer replays. */
	record: Attempt | null;
	/** What was kept of an interrupted attempt whose log no longer replays. */
	interrupted: InterruptedDrill | null;
}

/** The parts of a drill that survive when its log no longer replays. */
export interface InterruptedDrill {
	scenarioVersion: number;
	seed: number;
	options: Record<string, boolean>;
	steps: DrillStep[];
	startedAt: string;
}

/** The drill in progress, saved after every action (one per scenario). */
export interface InProgressRow {
	scenarioId: string;
	scenarioVersion: number;
	input: { seed: number; options: Record<string, boolean>; mode: Mode };
	liveClockRate: number | null;
	/** `actor.getPersistedSnapshot()` (plain JSON). */
	snapshot: unknown;
	/** The action log, to rebuild the drill by replay when the scenario changed. */
	log: DrillStep[];
	/** Wall-clock milliseconds since the start, one per log step. */
	wallMs: number[];
	/** Wall-clock milliseconds played so far (the clock resumes from here). */
	elapsedMs: number;
	trainee: string;
	startedAt: string;
	savedAt: string;
	/** The team drill's code when it is played for one (absent in records older than it). */
	drillCode?: string | null;
	/** An imported scenario's content hash (null or absent for a bundled scenario). */
	scenarioHash?: string | null;
}

/**
 * What the history's list, filters and charts read of a stored attempt: a few fields where the
 * attempt record has its whole log. Kept for every attempt in the history's index
 * (summary.ts), written with the attempt in the same transaction.
 */
export type AttemptSummaryRow = Pick<
	AttemptRow,
	'id' | 'scenarioId' | 'mode' | 'trainee' | 'finishedAt' | 'status' | 'interruption'
> & {
	/** The record's fields a list reads (queries.ts `AttemptListing`); null when there is no record. */
	listing: AttemptListingFields | null;
};

/** The attempt record's fields the history lists (checked by queries.ts `checkListing` when read). */
export interface AttemptListingFields {
	id: string;
	/** `hash`: an imported scenario's content hash. */
	scenario: { id: string; version: number; hash?: string };
	seed: number;
	mode: Mode;
	trainee: string;
	outcome: Attempt['outcome'];
	startedAt: string;
	finishedAt: string | null;
	score: { minutes: number | null; par: number; total: number; grade: Attempt['score']['grade'] };
}

/** A setting: key and JSON value (e.g. the current trainee profile). */
export interface SettingRow {
	key: string;
	value: unknown;
}

/**
 * A verified result on the lead's team board: the attempt as handed in (checked again with the
 * attempt schema when read back) and the row its replay gave.
 */
export interface BoardResultRow {
	/** The attempt's id: one result per attempt. */
	id: string;
	/** The group it shows in: the drill code, or scenario, seed, mode and options. */
	drillKey: string;
	/** When it was imported (ISO). */
	addedAt: string;
	/** The file it came from (text, shown as text). */
	fileName: string;
	attempt: Attempt;
	row: BoardRow;
}

/**
 * A scenario file imported on this device ("Add to my scenarios"): the file as given, named by
 * its content hash, with what its check worked out when it was added: its entry (what the
 * catalogue and the briefing show, as the build's index has for a bundled scenario) and its
 * fair results per option set (so playing, scoring and debriefing it run no search). The text
 * is checked again whenever it is opened.
 */
export interface ImportedScenarioRow {
	/** SHA-256 of the text, hex: the scenario's name for team drills and result files. */
	hash: string;
	id: string;
	version: number;
	title: string;
	fileName: string;
	/** When it was added (ISO). */
	addedAt: string;
	text: string;
	entry: ScenarioEntry;
	fair: FairTable;
}

export type NightshiftDb = Dexie & {
	profiles: EntityTable<ProfileRow, 'id'>;
	attempts: EntityTable<AttemptRow, 'id'>;
	inProgress: EntityTable<InProgressRow, 'scenarioId'>;
	settings: EntityTable<SettingRow, 'key'>;
	boardResults: EntityTable<BoardResultRow, 'id'>;
	attemptIndex: EntityTable<AttemptIndex, 'key'>;
	scenarios: EntityTable<ImportedScenarioRow, 'hash'>;
};

/** Version 1 (first release): attempts by scenario and date, the drill in progress, settings. */
export const SCHEMA_V1 = {
	attempts: 'id, scenarioId, finishedAt',
	inProgress: 'scenarioId',
	settings: 'key'
} as const;

/**
 * Version 2: trainee profiles (several per device), attempts indexed by mode, trainee and
 * status, and interrupted attempts. Version-1 attempts become finished ones, and each trainee
 * name found in them becomes a profile.
 */
export const SCHEMA_V2 = {
	profiles: 'id, &name',
	attempts: 'id, scenarioId, finishedAt, mode, trainee, status',
	inProgress: 'scenarioId',
	settings: 'key'
} as const;

/** Version 3: the lead's team board (verified results, by drill). Nothing else changes. */
export const SCHEMA_V3 = {
	...SCHEMA_V2,
	boardResults: 'id, drillKey, addedAt'
} as const;

/**
 * Version 4: the history's index of attempts (summary.ts: every attempt's summary, as one
 * record of columns). The upgrade builds it from the attempts already stored; nothing else
 * changes.
 */
export const SCHEMA_V4 = {
	...SCHEMA_V3,
	attemptIndex: 'key'
} as const;

/** Version 5: scenarios imported on this device, by content hash (and id). Nothing else changes. */
export const SCHEMA_V5 = {
	...SCHEMA_V4,
	scenarios: 'hash, id, addedAt'
} as const;

/**
 * Opens (lazily, on first use) the database.
 * @param name database name (tests use a fresh one each)
 * @param deps IndexedDB implementation, for tests (fake-indexeddb); the browser's by default
 */
export function createDb(
	name: string = DB_NAME,
	deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }
): NightshiftDb {
	// Relaxed durability: a write is done once the browser has it, not once the OS has flushed
	// it to disk. Closing the tab loses nothing; only a power cut in the next moment could, and
	// the drill in progress is written after every action, so a save costs milliseconds.
	const db = new Dexie(name, { chromeTransactionDurability: 'relaxed', ...(deps ?? {}) }) as NightshiftDb;
	db.version(1).stores(SCHEMA_V1);
	db.version(2)
		.stores(SCHEMA_V2)
		.upgrade(async (tx) => {
			const names = new Set<string>();
			await tx
				.table('attempts')
				.toCollection()
				.modify((row: Partial<AttemptRow>) => {
					row.status ??= 'finished';
					row.interruption ??= null;
					row.interrupted ??= null;
					if (row.trainee) names.add(row.trainee);
				});
			const now = new Date().toISOString();
			await tx
				.table('profiles')
				.bulkAdd([...names].map((n) => ({ id: globalThis.crypto.randomUUID(), name: n, createdAt: now })));
		});
	db.version(3).stores(SCHEMA_V3);
	db.version(4)
		.stores(SCHEMA_V4)
		.upgrade(async (tx) => {
			await tx.table('attemptIndex').put(await buildAttemptIndex(tx.table('attempts')));
		});
	// The newest version is DB_VERSION (schema-version.ts), which the direct reader checks for.
	db.version(DB_VERSION).stores(SCHEMA_V5);
	return db;
}

/**
 * Watches a query: re-runs it whenever the tables it read change.
 * @returns a subscribe function (the runes bridge in src/lib/state takes it)
 */
export function watch<T>(query: () => Promise<T>) {
	return (onValue: (value: T) => void, onError: (error: unknown) => void): (() => void) => {
		const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
		return () => subscription.unsubscribe();
	};
}
