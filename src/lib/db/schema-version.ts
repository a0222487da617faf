/**
 * The database's name and the version of its schema this app declares (db.ts), apart from db.ts
 * so that code reading the database without Dexie (direct.ts) can tell whether Dexie has
 * finished upgrading it, without loading Dexie to find out.
 */

/** The one IndexedDB database of the app. */
export const DB_NAME = 'nightshift';

/** The newest `db.version(n)` db.ts declares; IndexedDB knows it as `n * 10` (Dexie's numbering). */
export const DB_VERSION = 5;
