/**
 * How storage is doing, as runes, and the one way the state layer writes: every read or write
 * goes through `withDb`, which turns a database that won't open, is blocked or is full into a
 * warning (the banner reads `storageStatus.problem`) instead of an exception. Nothing already
 * stored is deleted on failure.
 */
// Past the one door (src/lib/db/index.ts) on purpose: the layout loads this module up front on
// every page, the drill page among them, and through index.ts the attempt and backup
// validators (zod) would come with it: the drill page's first load grew from 113 to 145 KB
// gzipped when tried (`npm run size`). client.ts is the door's opener alone, and loads Dexie
// only when the database opens.
import { browser } from '$app/environment';
import { describeStorageError, openDb, openedDb, type NightshiftDb } from '$lib/db/client.ts';
import { probeStorage } from '$lib/db/direct.ts';

class StorageStatus {
	/** Why results won't be kept on this device, or null while storage works. */
	problem = $state<string | null>(null);
}

export const storageStatus = new StorageStatus();

export type DbResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Runs a query or write on the database. Once the database is open, `fn` is called at once, in
 * the caller's task (the save after an action relies on it: see db/in-progress.ts).
 * @returns its value, or why storage failed (also shown in the warning banner)
 */
export async function withDb<T>(fn: (db: NightshiftDb) => Promise<T>): Promise<DbResult<T>> {
	const opened = openedDb() ?? (await openDb());
	if (!opened.ok) {
		storageStatus.problem = opened.reason;
		return { ok: false, reason: opened.reason };
	}
	try {
		return { ok: true, value: await fn(opened.db) };
	} catch (error) {
		const reason = describeStorageError(error);
		storageStatus.problem = reason;
		return { ok: false, reason };
	}
}

/**
 * Checks that this page has storage, so the banner can warn early (the layout calls it on
 * mount), without opening the database through Dexie: a page that never stores loads no Dexie
 * (db/direct.ts). Problems only an open meets are reported by the first read or write.
 */
export async function checkStorage(): Promise<void> {
	const problem = await probeStorage();
	if (problem) storageStatus.problem = problem;
}

/**
 * Starts opening the database (and so loading Dexie) at once, in the browser, from a page's
 * `load`: the drill, the debrief and the history can't show their content without it, so it
 * loads beside the page's own chunks rather than after the page has mounted. Pages that show
 * without it never call this.
 */
export function openStorageEarly(): void {
	if (browser) void openDb();
}
