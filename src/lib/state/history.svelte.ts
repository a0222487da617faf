/**
 * The history page's state: the filters, the live list of attempts (re-read whenever the
 * database changes), the progress points per scenario, delete, export and import.
 */
import { listAttempts, repairAttemptIndex, watchDb, type AttemptListing, type HistoryEntry } from '$lib/db/index.ts';
import type { BoardRecheck, ImportReport } from '$lib/db/backup.ts';
import { Live } from './live.svelte.ts';
import { removeAttempt } from './attempts.ts';
import { withDb } from './persistence.svelte.ts';

export interface HistoryFilter {
	scenario: string;
	mode: string;
	trainee: string;
}

export type HistoryList = { entries: HistoryEntry[]; skipped: string[] };

/**
 * Watches every attempt on this device (filtered in memory: one read of the history's index
 * serves filters, table and charts). An index found out of step with the attempts is rebuilt
 * (the list reads the attempts themselves meanwhile, and again from the index once it is
 * mended); an index in step is read once, not once more to check it.
 */
export function watchAllAttempts(): Live<HistoryList> {
	const list = watchDb((db) => listAttempts(db));
	let repairing = false;
	return new Live<HistoryList>((onValue, onError) =>
		list(({ entries, skipped, indexed }) => {
			if (!indexed && !repairing) {
				repairing = true;
				void withDb(repairAttemptIndex).finally(() => (repairing = false));
			}
			onValue({ entries, skipped });
		}, onError)
	);
}

/** The entries that pass the filter. */
export function applyFilter(entries: readonly HistoryEntry[], f: HistoryFilter): HistoryEntry[] {
	return entries.filter((e) => {
		const scenario = e.status === 'finished' ? e.attempt.scenario.id : e.scenarioId;
		const mode = e.status === 'finished' ? e.attempt.mode : e.mode;
		const trainee = e.status === 'finished' ? e.attempt.trainee : e.trainee;
		return (
			(!f.scenario || scenario === f.scenario) && (!f.mode || mode === f.mode) && (!f.trainee || trainee === f.trainee)
		);
	});
}

/** A point of a progress chart: the n-th restored attempt, its time to restore and par. */
export interface ProgressPoint {
	n: number;
	minutes: number;
	par: number;
	when: string;
}

/**
 * Every scenario's restored attempts, oldest first, numbered, for the progress charts: one pass
 * over the entries for all the charts (10,000 attempts are read once, not once per scenario).
 * @returns the points by scenario id; a scenario with no restored attempt has none
 */
export function progressByScenario(entries: readonly HistoryEntry[]): Map<string, ProgressPoint[]> {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a working map local to this call
	const by = new Map<string, AttemptListing[]>();
	for (const e of entries) {
		if (e.status !== 'finished' || e.attempt.score.minutes === null) continue;
		const id = e.attempt.scenario.id;
		const list = by.get(id);
		if (list) list.push(e.attempt);
		else by.set(id, [e.attempt]);
	}
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and read, never changed afterwards
	const out = new Map<string, ProgressPoint[]>();
	for (const [id, attempts] of by) {
		attempts.sort((a, b) => ((a.finishedAt ?? '') < (b.finishedAt ?? '') ? -1 : 1));
		out.set(
			id,
			attempts.map((a, i) => ({
				n: i + 1,
				minutes: a.score.minutes!,
				par: a.score.par,
				when: a.finishedAt ?? a.startedAt
			}))
		);
	}
	return out;
}

/** One scenario's restored attempts, oldest first, numbered, for the progress chart. */
export function progressPoints(entries: readonly HistoryEntry[], scenarioId: string): ProgressPoint[] {
	return progressByScenario(entries).get(scenarioId) ?? [];
}

/** Deletes an attempt. @returns false when storage failed */
export const deleteAttempt = removeAttempt;

/** Downloads every profile, attempt and setting on this device as one JSON file. */
export async function downloadBackup(): Promise<string | null> {
	// The backup module carries the attempt schema (zod): it loads only when it is used.
	const { exportBackup } = await import('$lib/db/backup.ts');
	const r = await withDb((db) => exportBackup(db));
	if (!r.ok) return r.reason;
	const blob = new Blob([JSON.stringify(r.value, null, 1)], { type: 'application/json' });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = `nightshift-backup-${r.value.exportedAt.slice(0, 10)}.json`;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
	return null;
}

/**
 * Imports a backup file. A board result in it is trusted only once its attempt replays to its
 * score here, against the scenario it names (a bundled one, loaded then; an imported one, from
 * this device or from the backup itself, whose scenarios are checked and kept first).
 * @returns what was added and skipped, or why the file was refused
 */
export async function importBackupFile(
	file: File
): Promise<{ ok: true; report: ImportReport } | { ok: false; reason: string }> {
	const [text, { importBackup }, { checkResultHere }, { recheckImported }] = await Promise.all([
		file.text(),
		import('$lib/db/backup.ts'),
		import('./board-store.ts'),
		import('./imported.ts')
	]);
	const recheck: BoardRecheck = async (attempt) => {
		const r = await checkResultHere(JSON.stringify(attempt), null);
		return r.ok ? r.row : r.reason;
	};
	const r = await withDb((db) => importBackup(db, text, recheck, recheckImported));
	if (!r.ok) return r;
	const result = r.value;
	return result.ok ? result : { ok: false, reason: `${file.name}: ${result.reason}` };
}
