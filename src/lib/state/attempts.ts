/**
 * The attempts played on this device, kept in the database (src/lib/db). When the browser
 * refuses storage, finished attempts live in memory for this page's life, so the debrief still
 * opens, and the warning banner says results won't be kept.
 */
import type { Outcome } from '$lib/vocabulary.ts';
import type { Attempt } from '$lib/engine/attempt.ts';
import {
	deleteAttempt,
	finishDrill,
	getAttempt,
	listAttempts,
	readAttemptDirect,
	type AttemptListing
} from '$lib/db/index.ts';
import { withDb } from './persistence.svelte.ts';

/** What the catalogue needs of a finished attempt. */
export interface AttemptSummary {
	id: string;
	scenario: string;
	seed: number;
	mode: string;
	/** Who played it (the profile's name, or "You"). */
	trainee: string;
	outcome: Outcome;
	/** Time to restore in simulated minutes, null when not restored. */
	minutes: number | null;
	par: number;
	total: number;
	grade: string;
	finishedAt: string | null;
}

/** Summarises an attempt for the catalogue. */
function summarize(attempt: AttemptListing): AttemptSummary {
	return {
		id: attempt.id,
		scenario: attempt.scenario.id,
		seed: attempt.seed,
		mode: attempt.mode,
		trainee: attempt.trainee,
		outcome: attempt.outcome,
		minutes: attempt.score.minutes,
		par: attempt.score.par,
		total: attempt.score.total,
		grade: attempt.score.grade,
		finishedAt: attempt.finishedAt
	};
}

/** Attempts finished while storage was refused: this page's life only. */
const memory = new Map<string, Attempt>();

/**
 * Keeps a finished attempt and forgets its scenario's drill in progress.
 * @returns false when storage refused it (it is kept in memory for this page)
 */
export async function keepAttempt(attempt: Attempt): Promise<boolean> {
	memory.set(attempt.id, attempt);
	const result = await withDb((db) => finishDrill(db, attempt));
	if (result.ok) memory.delete(attempt.id);
	return result.ok;
}

/**
 * A finished attempt by id (validated), or null. Read with IndexedDB alone where the database
 * allows it (the debrief then loads no Dexie), through Dexie otherwise (which upgrades an older
 * database, or says in the banner why storage failed).
 */
export async function loadAttempt(id: string): Promise<Attempt | null> {
	const kept = memory.get(id);
	if (kept) return kept;
	const direct = await readAttemptDirect(id);
	if (direct) return direct.attempt;
	const result = await withDb((db) => getAttempt(db, id));
	return result.ok ? result.value : null;
}

/** A summary of every finished attempt on this device (damaged records skipped). */
export async function loadSummaries(): Promise<AttemptSummary[]> {
	const result = await withDb((db) => listAttempts(db));
	const stored: AttemptListing[] = result.ok
		? result.value.entries.flatMap((e) => (e.status === 'finished' ? [e.attempt] : []))
		: [];
	return [...stored, ...memory.values()].map(summarize);
}

/** Deletes an attempt. @returns false when storage failed */
export async function removeAttempt(id: string): Promise<boolean> {
	memory.delete(id);
	return (await withDb((db) => deleteAttempt(db, id))).ok;
}

/** Ranks results: restored first, then higher score, then faster, then earlier. */
export function isBetter(a: AttemptSummary, b: AttemptSummary): boolean {
	const restoredA = a.minutes !== null ? 1 : 0;
	const restoredB = b.minutes !== null ? 1 : 0;
	if (restoredA !== restoredB) return restoredA > restoredB;
	if (a.total !== b.total) return a.total > b.total;
	return (a.minutes ?? Infinity) < (b.minutes ?? Infinity);
}

/** The best result per scenario id. */
export function bestResults(summaries: readonly AttemptSummary[]): Map<string, AttemptSummary> {
	const best = new Map<string, AttemptSummary>();
	for (const s of summaries) {
		const current = best.get(s.scenario);
		if (!current || isBetter(s, current)) best.set(s.scenario, s);
	}
	return best;
}
