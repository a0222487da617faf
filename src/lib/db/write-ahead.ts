/**
 * The write-ahead record of a drill in progress, in localStorage: the action log and set-up,
 * written synchronously in the same task as the action, before the screen shows its outcome.
 *
 * Why: the drill in progress is also saved to IndexedDB after every action, but that write is
 * asynchronous (its transaction commits while the outcome is drawn, a millisecond or more
 * later), and a tab closed or crashed in that moment loses an action the trainee has seen.
 * Waiting for the commit before showing anything (persist, then show) would close that gap, but
 * it puts storage on the path of every click: a slow or blocked database (another tab holding
 * it, a busy tablet) would freeze the drill, and a refusing one would need the same fallback
 * anyway. `localStorage.setItem` costs a fraction of a millisecond and hands the value to the
 * browser process at once (Chromium's storage area lives there, and writes it to disk within
 * seconds), so it survives the tab closing or its renderer crashing; IndexedDB, committed a few
 * milliseconds later, also survives the whole browser being killed. On the next open the record is used when it is ahead of what IndexedDB holds, written
 * back there, and cleared; it is also cleared whenever an IndexedDB save catches up with it.
 *
 * Nothing here throws: storage that is refused or full just means no write-ahead record.
 */
import type { InProgressRow } from './db.ts';
import { readDrillRecord } from './in-progress.ts';

/** What the record needs of localStorage (a stub stands in for it in unit tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'nightshift:drill-in-progress:';
const FORMAT = 'nightshift-write-ahead';

/** The browser's localStorage, or null where there is none or it is refused (privacy settings). */
export function browserStore(): KeyValueStore | null {
	try {
		return typeof localStorage === 'object' && localStorage !== null ? localStorage : null;
	} catch {
		return null;
	}
}

/**
 * Writes the record for a drill in progress, synchronously. The snapshot is left out: the log
 * rebuilds the drill exactly, and the record stays small.
 * @returns false when storage refused it
 */
export function writeAhead(store: KeyValueStore | null, row: InProgressRow): boolean {
	if (!store) return false;
	try {
		store.setItem(PREFIX + row.scenarioId, JSON.stringify({ format: FORMAT, row: { ...row, snapshot: null } }));
		return true;
	} catch {
		return false;
	}
}

/** Parses one stored record; null when it is missing or not sound. */
function parse(text: string | null): InProgressRow | null {
	if (!text) return null;
	try {
		const value = JSON.parse(text) as { format?: unknown; row?: unknown } | null;
		return value?.format === FORMAT ? readDrillRecord(value.row) : null;
	} catch {
		return null;
	}
}

/** The record for a scenario's drill in progress, validated; null when there is none. */
export function readWriteAhead(store: KeyValueStore | null, scenarioId: string): InProgressRow | null {
	if (!store) return null;
	try {
		return parse(store.getItem(PREFIX + scenarioId));
	} catch {
		return null;
	}
}

/** Every sound record with at least one step. */
export function listWriteAhead(store: KeyValueStore | null): InProgressRow[] {
	if (!store) return [];
	const out: InProgressRow[] = [];
	try {
		for (let i = 0; i < store.length; i++) {
			const key = store.key(i);
			if (!key?.startsWith(PREFIX)) continue;
			const row = parse(store.getItem(key));
			if (row && row.log.length > 0) out.push(row);
		}
	} catch {
		// A store that fails half-way gives what it gave.
	}
	return out;
}

/**
 * Forgets a scenario's record.
 * @param savedUpTo when given, forget it only if IndexedDB already holds as much of the same
 *   drill (same start, no more steps than saved): a record ahead of the save is kept
 */
export function clearWriteAhead(
	store: KeyValueStore | null,
	scenarioId: string,
	savedUpTo?: { startedAt: string; steps: number }
): void {
	if (!store) return;
	try {
		if (savedUpTo) {
			const row = readWriteAhead(store, scenarioId);
			if (row && (row.startedAt !== savedUpTo.startedAt || row.log.length > savedUpTo.steps)) return;
		}
		store.removeItem(PREFIX + scenarioId);
	} catch {
		// Nothing to do: a record left behind is checked against IndexedDB on the next open.
	}
}

/**
 * Of the drill IndexedDB holds and the write-ahead record, the one to resume: the record when
 * it is further along the same drill (or there is no saved row), the saved row otherwise. Two
 * different drills (two tabs) resolve to the one saved last.
 */
export function furthest(saved: InProgressRow | null, ahead: InProgressRow | null): InProgressRow | null {
	if (!ahead) return saved;
	if (!saved) return ahead;
	if (saved.startedAt === ahead.startedAt) return ahead.log.length > saved.log.length ? ahead : saved;
	return ahead.savedAt > saved.savedAt ? ahead : saved;
}
