/**
 * The database with IndexedDB alone, no Dexie: for the storage check every page makes on mount,
 * and for the debrief's one read (queries.ts `readAttemptDirect`). Dexie is a large module to
 * fetch and run on a tablet (about 31 KB gzipped, and its start-up was the longest task of the
 * debrief's first load), and a page that only reads one record needs none of it. What this can't
 * settle (a database Dexie has not made or upgraded yet, a browser that refuses storage) is left
 * to Dexie (`withDb`), which upgrades the database, or says in the banner what is wrong.
 */
import { describeStorageError } from './client.ts';
import { DB_NAME, DB_VERSION } from './schema-version.ts';

/** The browser's IndexedDB, or null where there is none or it is refused. */
export function browserIdb(): IDBFactory | null {
	try {
		return globalThis.indexedDB ?? null;
	} catch {
		return null;
	}
}

/**
 * What opening the database as it is gave: a connection (with its version), no database (never
 * made on this device), or the error.
 */
export type AsIs = { db: IDBDatabase } | { db: null } | { error: unknown };

/**
 * Opens the database at whatever version it has, never creating or upgrading it (a database
 * that is not there is left uncreated: Dexie makes it, with its tables), and never holding up an
 * upgrade elsewhere (the connection closes when another one asks for a new version).
 * @param factory IndexedDB (the browser's, or fake-indexeddb in tests)
 */
export function openAsIs(factory: IDBFactory, name: string = DB_NAME): Promise<AsIs> {
	return new Promise((done) => {
		let req: IDBOpenDBRequest;
		try {
			req = factory.open(name);
		} catch (error) {
			return done({ error });
		}
		let missing = false;
		req.onupgradeneeded = () => {
			missing = true;
			req.transaction?.abort();
		};
		req.onerror = (event) => {
			event.preventDefault();
			done(missing ? { db: null } : { error: req.error });
		};
		req.onsuccess = () => {
			const db = req.result;
			db.onversionchange = () => db.close();
			done({ db });
		};
	});
}

/**
 * Whether this page has storage, found without Dexie: the check every page makes on mount so the
 * banner warns at once (no IndexedDB, storage refused, data from a newer version of the app).
 * What only an open by Dexie meets (another tab blocking an upgrade, a full disk) the banner
 * says when a page reads or writes (`withDb`).
 * @returns why storage won't keep results, or null when it will (a database yet to be made included)
 */
export async function probeStorage(
	factory: IDBFactory | null = browserIdb(),
	name: string = DB_NAME
): Promise<string | null> {
	if (!factory) return describeStorageError(Object.assign(new Error('no IndexedDB'), { name: 'MissingAPIError' }));
	const opened = await openAsIs(factory, name);
	if ('error' in opened) return describeStorageError(opened.error);
	if (!opened.db) return null;
	const newer = opened.db.version > DB_VERSION * 10;
	opened.db.close();
	return newer ? describeStorageError(Object.assign(new Error('newer version'), { name: 'VersionError' })) : null;
}
