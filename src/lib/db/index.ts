/**
 * The one door to the database: types, the browser's opener and the queries. No validator
 * library comes through it: the backup (backup.ts), which checks a foreign file with the
 * attempt schema, is imported on its own, when a trainee exports or imports one.
 */
export type {
	AttemptRow,
	BoardResultRow,
	ImportedScenarioRow,
	InProgressRow,
	InterruptedDrill,
	NightshiftDb,
	ProfileRow
} from './db.ts';
export { describeStorageError, openDb, watchDb, type Opened, type Subscribe } from './client.ts';
export * from './queries.ts';
export * from './in-progress.ts';
export * from './profiles.ts';
export * from './board.ts';
export { repairAttemptIndex } from './summary.ts';
export * from './imported.ts';
