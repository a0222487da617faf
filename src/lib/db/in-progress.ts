/**
 * The drill in progress, one per scenario, saved after every action. No validator is imported
 * here: the drill page loads this module, and it must stay small.
 */
import type { InProgressRow, NightshiftDb } from './db.ts';

/** Saves the drill in progress (one per scenario). */
export async function saveInProgress(db: NightshiftDb, row: InProgressRow): Promise<void> {
	await db.inProgress.put(row);
}

/** The drill in progress for a scenario, or null. */
export async function getInProgress(db: NightshiftDb, scenarioId: string): Promise<InProgressRow | null> {
	const row = await db.inProgress.get(scenarioId);
	return row && typeof row === 'object' && Array.isArray(row.log) && row.input ? row : null;
}

/** Every drill in progress (the catalogue offers to resume them). */
export async function listInProgress(db: NightshiftDb): Promise<InProgressRow[]> {
	return (await db.inProgress.toArray()).filter((r) => Array.isArray(r.log) && r.log.length > 0);
}

/** Forgets the drill in progress for a scenario. */
export async function clearInProgress(db: NightshiftDb, scenarioId: string): Promise<void> {
	await db.inProgress.delete(scenarioId);
}
