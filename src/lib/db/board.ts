/**
 * The lead's team board: verified results kept on this device, and the drill the board is for.
 * Results are checked as they are read back (`checkStoredAttempt`: they were checked by the
 * attempt schema and verified by replay on their way in); a damaged one is skipped with a note.
 */
import type { BoardResultRow, NightshiftDb } from './db.ts';
import { checkStoredAttempt } from './queries.ts';

const BOARD_DRILL = 'boardDrill';

/** Every result on the board, oldest import first, and notes on any damaged record skipped. */
export async function listBoardResults(db: NightshiftDb): Promise<{ results: BoardResultRow[]; skipped: string[] }> {
	const rows = await db.boardResults.orderBy('addedAt').toArray();
	const results: BoardResultRow[] = [];
	const skipped: string[] = [];
	for (const row of rows) {
		const attempt = checkStoredAttempt(row.attempt);
		if (typeof attempt !== 'string' && row.row && typeof row.row.trainee === 'string')
			results.push({ ...row, attempt });
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
