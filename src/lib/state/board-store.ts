/**
 * The team board's results kept in the app's database (src/lib/db). When storage fails the
 * board still works for this page, and says results won't be kept.
 */
import { checkResult } from '$lib/engine/team.ts';
import {
	clearBoardResults,
	deleteBoardResult,
	getBoardDrill,
	listBoardResults,
	putBoardResults,
	setBoardDrill
} from '$lib/db/index.ts';
import { codeScenarios, getScenarioVersion } from '$lib/scenarios/index.ts';
import { withDb, type DbResult } from './persistence.svelte.ts';
import { TeamBoard, type BoardStore } from './team-board.svelte.ts';

const must = async <T>(p: Promise<DbResult<T>>): Promise<T> => {
	const r = await p;
	if (!r.ok) throw new Error(`results won't be kept on this device: ${r.reason}`);
	return r.value;
};

export const dbBoardStore: BoardStore = {
	load: () =>
		must(
			withDb(async (db) => {
				const [{ results }, drillCode] = await Promise.all([listBoardResults(db), getBoardDrill(db)]);
				return { results, drillCode };
			})
		),
	add: (rows) => must(withDb((db) => putBoardResults(db, rows))),
	remove: (id) => must(withDb((db) => deleteBoardResult(db, id))),
	clear: () => must(withDb((db) => clearBoardResults(db))),
	setDrill: (code) => must(withDb((db) => setBoardDrill(db, code)))
};

/** The app's team board: bundled scenarios, verified by replay, kept in the database. */
export function createTeamBoard(): TeamBoard {
	return new TeamBoard((text, drill) => checkResult(text, drill, getScenarioVersion), dbBoardStore, codeScenarios);
}
