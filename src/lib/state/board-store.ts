/**
 * The team board's results kept in the app's database (src/lib/db). When storage fails the
 * board still works for this page, and says results won't be kept.
 */
import type { CheckedResult } from '$lib/engine/team.ts';
import type { CompiledScenario } from '$lib/engine/compile.ts';
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

/** The scenario a result file names, if it names one (the file is checked properly after). */
function scenarioNamed(text: string): { id: string; version: number; hash?: string } | null {
	if (text.length > MAX_ATTEMPT_BYTES) return null;
	try {
		const s = (JSON.parse(text) as { scenario?: { id?: unknown; version?: unknown; hash?: unknown } } | null)?.scenario;
		if (typeof s?.id !== 'string' || typeof s.version !== 'number') return null;
		return typeof s.hash === 'string'
			? { id: s.id, version: s.version, hash: s.hash }
			: { id: s.id, version: s.version };
	} catch {
		return null;
	}
}

/**
 * Checks one result file against the scenario it names, as this device has it: a bundled one
 * by id and version, an imported one by its file's content hash (opened from this device or
 * this tab, and checked again). A result's word is never taken for its scenario: without that
 * exact file here, it is refused, saying which file the board needs. The checker (with the
 * attempt schema, for a file from outside) and the scenario load on first use, so the board's
 * page loads neither up front.
 */
export async function checkResultHere(text: string, drill: DrillSpec | null): Promise<CheckedResult> {
	const named = scenarioNamed(text);
	const [{ checkResult }, imported] = await Promise.all([
		import('$lib/engine/team.ts'),
		named?.hash
			? import('./imported.ts').then(({ scenarioFor }) => scenarioFor(named))
			: named
				? loadScenario(named.id).then(() => null)
				: null
	]);
	const exact = (c: CompiledScenario | null, id: string, version: number, hash: string) =>
		c && c.hash === hash && c.scenario.id === id && c.scenario.version === version ? c : null;
	return checkResult(text, drill, (id, version, hash) =>
		hash ? exact(imported, id, version, hash) : loadedScenarioVersion(id, version)
	);
}

/** The app's team board: bundled and imported scenarios, verified by replay, kept in the database. */
export function createTeamBoard(): TeamBoard {
	return new TeamBoard(checkResultHere, dbBoardStore, codeScenarios, () =>
		import('./imported.ts').then(({ importedCodeScenarios }) => importedCodeScenarios())
	);
}
