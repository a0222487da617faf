/**
 * Web Storage that never throws. A browser that refuses storage (private mode, disabled
 * cookies, a full quota) gets an in-memory stand-in for this page's life and a warning flag,
 * never an exception or a blank page.
 */

export interface SafeStorage {
	get(key: string): string | null;
	/** @returns false when the browser refused to store the value (it is kept in memory). */
	set(key: string, value: string): boolean;
	remove(key: string): void;
	/** True when values only live in memory (the browser refused storage). */
	readonly degraded: boolean;
}

type StorageKind = 'localStorage' | 'sessionStorage';

/** The browser's storage of this kind, or null when it is missing or refuses writes. */
function probe(kind: StorageKind): Storage | null {
	try {
		const storage = (globalThis as unknown as Partial<Record<StorageKind, Storage>>)[kind];
		if (!storage) return null;
		const key = '__nightshift_probe__';
		storage.setItem(key, key);
		storage.removeItem(key);
		return storage;
	} catch {
		return null;
	}
}

/**
 * Wraps one kind of Web Storage.
 * @param kind which storage to use
 * @param backing the storage itself (tests pass a stub); looked up lazily when omitted
 */
export function createSafeStorage(kind: StorageKind, backing?: Storage | null): SafeStorage {
	const memory = new Map<string, string>();
	let storage: Storage | null | undefined = backing;
	let refused = false;
	const real = () => {
		if (storage === undefined) storage = probe(kind);
		return storage;
	};
	return {
		get(key) {
			if (memory.has(key)) return memory.get(key)!;
			try {
				return real()?.getItem(key) ?? null;
			} catch {
				return null;
			}
		},
		set(key, value) {
			const s = real();
			try {
				if (!s) throw new Error('no storage');
				s.setItem(key, value);
				memory.delete(key);
				return true;
			} catch {
				refused = true;
				memory.set(key, value);
				return false;
			}
		},
		remove(key) {
			memory.delete(key);
			try {
				real()?.removeItem(key);
			} catch {
				// Nothing to do: the value is gone from memory, and storage refused us anyway.
			}
		},
		get degraded() {
			return refused || (typeof window !== 'undefined' && real() === null);
		}
	};
}

/** This tab's storage: the last attempts, so a reload of the debrief still shows them. */
export const sessionStore = createSafeStorage('sessionStorage');
/** Storage across visits: results for the catalogue's "best result". */
export const localStore = createSafeStorage('localStorage');
