/**
 * The one door to the database: types, the browser's opener and the queries. The drill page
 * imports client.ts and in-progress.ts directly, to stay free of the attempt validator.
 */
export type { AttemptRow, BoardResultRow, InProgressRow, InterruptedDrill, NightshiftDb, ProfileRow } from './db';
export { describeStorageError, openDb, watchDb, type Opened, type Subscribe } from './client';
export * from './queries';
export * from './in-progress';
export * from './profiles';
export * from './backup';
export * from './board';
