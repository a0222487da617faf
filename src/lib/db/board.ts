/**
 * The lead's team board: verified results kept on this device, and the drill the board is for.
 * Results are read back through the attempt schema; a damaged one is skipped with a note.
 */
import { AttemptSchema } from '$lib/engine/attempt.ts';
import type { BoardResultRow, NightshiftDb } from './db.ts';

const BOARD_DRILL = 'boardDrill';

/** Every result on the board, oldest import first, and notes on any damaged record skipped. */
export async function listBoardResults(db: NightshiftDb): Promise<{ results: BoardResultRow[]; skipped: string[] }> {
	const rows = await db.boardResults.orderBy('addedAt').toArray();
	const results: BoardResultRow[] = [];
	const skipped: string[] = [];
	for (const row of rows) {
		const parsed = AttemptSchema.safeParse(row.attempt);
		if (parsed.success && row.row && typeof row.row.trainee === 'string')
			results.push({ ...row, attempt: parsed.data });
		else skipped.push(`board result ${String(row.id).slice(0, 64)} is damaged and was skipped`);
	}
	return { results, skipped };
}

/** Adds verified results (a result already there, by attempt id, is replaced by the same one). */
export async function putBoardResults(db: NightshiftDb, rows: readonly BoardResultRow[]): Promise<void> {
	await db.boardResults.bulkPut([...rows]);
}

/** Removes one result from the board. */
export async function deleteBoardResult(db: NightshiftDb, id: string): Promise<void> {
	await db.boardResults.delete(id);
}

/** Empties the board. */
export async function clearBoardResults(db: NightshiftDb): Promise<void> {
	await db.boardResults.clear();
}

/** The drill code the board is for, or null for any drill. */
export async function getBoardDrill(db: NightshiftDb): Promise<string | null> {
	const v = (await db.settings.get(BOARD_DRILL))?.value;
	return typeof v === 'string' ? v : null;
}

/** Sets the drill code the board is for (null: any drill). */
export async function setBoardDrill(db: NightshiftDb, code: string | null): Promise<void> {
	if (code) await db.settings.put({ key: BOARD_DRILL, value: code });
	else await db.settings.delete(BOARD_DRILL);
}
