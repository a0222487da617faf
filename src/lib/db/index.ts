/**
 * The one door to the database: types, the browser's opener and the queries. The drill page
 * imports client.ts and in-progress.ts directly, to stay free of the attempt validator.
 */
export type { AttemptRow, BoardResultRow, InProgressRow, InterruptedDrill, NightshiftDb, ProfileRow } from './db.ts';
export { describeStorageError, openDb, watchDb, type Opened, type Subscribe } from './client.ts';
export * from './queries.ts';
export * from './in-progress.ts';
export * from './profiles.ts';
export * from './backup.ts';
export * from './board.ts';
