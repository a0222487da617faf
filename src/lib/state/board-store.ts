/**
 * The team board's results kept in the app's database (src/lib/db). When storage fails the
 * board still works for this page, and says results won't be kept.
 */
import type { CheckedResult } from '$lib/engine/team.ts';
import type { DrillSpec } from '$lib/engine/drill-code.ts';
import { MAX_ATTEMPT_BYTES } from '$lib/vocabulary.ts';
import {
	clearBoardResults,
	deleteBoardResult,
	getBoardDrill,
	listBoardResults,
	putBoardResults,
	setBoardDrill
} from '$lib/db/index.ts';
import { codeScenarios } from '$lib/scenarios/index.ts';
import { loadedScenarioVersion, loadScenario } from '$lib/scenarios/load.ts';
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

/** The scenario id a result file names, if it names one (the file is checked properly after). */
function scenarioNamed(text: string): string | null {
	if (text.length > MAX_ATTEMPT_BYTES) return null;
	try {
		const id = (JSON.parse(text) as { scenario?: { id?: unknown } } | null)?.scenario?.id;
		return typeof id === 'string' ? id : null;
	} catch {
		return null;
	}
}

/**
 * Checks one result file: the checker (with the attempt schema, for a file from outside) and
 * the scenario the file names load on first use, so the board's page loads neither up front.
 */
async function checkFile(text: string, drill: DrillSpec | null): Promise<CheckedResult> {
	const named = scenarioNamed(text);
	const [{ checkResult }] = await Promise.all([import('$lib/engine/team.ts'), named ? loadScenario(named) : null]);
	return checkResult(text, drill, loadedScenarioVersion);
}

/** The app's team board: bundled scenarios, verified by replay, kept in the database. */
export function createTeamBoard(): TeamBoard {
	return new TeamBoard(checkFile, dbBoardStore, codeScenarios);
}
