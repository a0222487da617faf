/**
 * The browser's door to the database. It opens the database once, lazily (db.ts and Dexie load
 * on first use), and only in the browser: while prerendering there is no IndexedDB and nothing
 * here touches it. When the database can't open, it says why in words a trainee understands.
 */
import { browser } from '$app/environment';
import type { NightshiftDb } from './db.ts';

export type Opened = { ok: true; db: NightshiftDb } | { ok: false; reason: string };

/** How long to wait for an open that another tab blocks before warning. */
const OPEN_TIMEOUT_MS = 4000;

let opening: Promise<Opened> | null = null;
/** What `opening` gave, once it has. */
let opened: Opened | null = null;

/**
 * Says what went wrong with storage, in a sentence.
 * @param error what IndexedDB or Dexie threw
 */
export function describeStorageError(error: unknown): string {
	const name = (error as { name?: unknown } | null)?.name;
	const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
	const names = [name, inner].filter((n): n is string => typeof n === 'string');
	if (names.includes('QuotaExceededError')) return "this device's storage is full";
	if (names.includes('MissingAPIError'))
		return 'this browser offers no IndexedDB storage (private mode or storage turned off)';
	if (names.includes('VersionError'))
		return 'the data on this device was written by a newer version of Nightshift; reload to update';
	if (names.includes('InvalidStateError') || names.includes('SecurityError'))
		return 'this browser refuses storage for this site';
	const message = error instanceof Error ? error.message : String(error);
	return `storage failed (${message.slice(0, 160)})`;
}

async function open(): Promise<Opened> {
	if (!browser) return { ok: false, reason: 'storage exists only in the browser' };
	try {
		if (typeof indexedDB === 'undefined' || !indexedDB)
			throw Object.assign(new Error('no IndexedDB'), { name: 'MissingAPIError' });
		const { createDb } = await import('./db.ts');
		const db = createDb();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const blocked = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(Object.assign(new Error('blocked'), { name: 'BlockedError' })), OPEN_TIMEOUT_MS);
		});
		try {
			await Promise.race([db.open(), blocked]);
		} finally {
			clearTimeout(timer);
		}
		return { ok: true, db };
	} catch (error) {
		if ((error as { name?: string }).name === 'BlockedError')
			return { ok: false, reason: 'the database is blocked by another Nightshift tab; close it and reload' };
		return { ok: false, reason: describeStorageError(error) };
	}
}

/** The database, opened once; or why it could not be opened. */
export function openDb(): Promise<Opened> {
	return (opening ??= open().then((o) => (opened = o)));
}

/**
 * The database when it has opened already, at once (no promise to wait for): the save after an
 * action is handed over in the action's own task with it, before the page draws the outcome.
 * @returns null while it is still opening (or was never asked to)
 */
export function openedDb(): Opened | null {
	return opened;
}

/** Subscribes to a value: calls back with each new value or an error; returns the unsubscriber. */
export type Subscribe<T> = (onValue: (value: T) => void, onError: (error: unknown) => void) => () => void;

/**
 * Watches a query on the database (Dexie's liveQuery): it runs again whenever what it read
 * changes, in this tab or another.
 * @returns a subscribe function for the runes bridge (src/lib/state/live.svelte.ts)
 */
export function watchDb<T>(query: (db: NightshiftDb) => Promise<T>): Subscribe<T> {
	return (onValue, onError) => {
		let stop: (() => void) | null = null;
		let cancelled = false;
		void (async () => {
			const opened = await openDb();
			if (cancelled) return;
			if (!opened.ok) return onError(new Error(opened.reason));
			const { watch } = await import('./db.ts');
			if (cancelled) return;
			stop = watch(() => query(opened.db))(onValue, onError);
		})();
		return () => {
			cancelled = true;
			stop?.();
		};
	};
}
export type { InProgressRow, NightshiftDb } from './db.ts';
