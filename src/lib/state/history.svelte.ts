/**
 * The history page's state: the filters, the live list of attempts (re-read whenever the
 * database changes), the progress points per scenario, delete, export and import.
 */
import { listAttempts, repairAttemptIndex, watchDb, type HistoryEntry } from '$lib/db/index.ts';
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
 * serves filters, table and charts). An index out of step with the attempts is rebuilt first
 * thing (the list reads the attempts themselves meanwhile).
 */
export function watchAllAttempts(): Live<HistoryList> {
	void withDb(repairAttemptIndex);
	return new Live(watchDb((db) => listAttempts(db)));
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

/** One scenario's restored attempts, oldest first, numbered, for the progress chart. */
export function progressPoints(entries: readonly HistoryEntry[], scenarioId: string) {
	return entries
		.flatMap((e) =>
			e.status === 'finished' && e.attempt.scenario.id === scenarioId && e.attempt.score.minutes !== null
				? [e.attempt]
				: []
		)
		.sort((a, b) => ((a.finishedAt ?? '') < (b.finishedAt ?? '') ? -1 : 1))
		.map((a, i) => ({ n: i + 1, minutes: a.score.minutes!, par: a.score.par, when: a.finishedAt ?? a.startedAt }));
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
