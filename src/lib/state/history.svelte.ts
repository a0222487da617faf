/**
 * The history page's state: the filters, the live list of attempts (re-read whenever the
 * database changes), the progress points per scenario, delete, export and import.
 */
import {
	exportBackup,
	importBackup,
	listAttempts,
	watchDb,
	type HistoryEntry,
	type ImportReport
} from '$lib/db/index.ts';
import type { Attempt } from '$lib/engine/attempt.ts';
import { checkResult } from '$lib/engine/team.ts';
import { getScenarioVersion } from '$lib/scenarios/index.ts';
import { Live } from './live.svelte.ts';
import { removeAttempt } from './attempts.ts';
import { withDb } from './persistence.svelte.ts';

export interface HistoryFilter {
	scenario: string;
	mode: string;
	trainee: string;
}

export type HistoryList = { entries: HistoryEntry[]; skipped: string[] };

/** Watches every attempt on this device (filtered in memory: one read serves filters, table and charts). */
export function watchAllAttempts(): Live<HistoryList> {
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

/** A board result from a backup is trusted only once its attempt replays to its score here. */
function recheckBoardResult(attempt: Attempt) {
	const r = checkResult(JSON.stringify(attempt), null, getScenarioVersion);
	return r.ok ? r.row : r.reason;
}

/** Imports a backup file. @returns what was added and skipped, or why the file was refused */
export async function importBackupFile(
	file: File
): Promise<{ ok: true; report: ImportReport } | { ok: false; reason: string }> {
	const text = await file.text();
	const r = await withDb((db) => importBackup(db, text, recheckBoardResult));
	if (!r.ok) return r;
	const result = r.value;
	return result.ok ? result : { ok: false, reason: `${file.name}: ${result.reason}` };
}
