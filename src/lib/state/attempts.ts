/**
 * The attempts played so far, kept small and simple until the persistence issue: a Dexie
 * database (src/lib/db) replaces this module there. Full attempts go to sessionStorage, so a
 * reload of the debrief still shows one; a short summary of each goes to localStorage for the
 * catalogue's "best result". Both survive a browser that refuses storage (see storage.ts).
 */
import type { Attempt } from '$lib/engine/attempt';
import { localStore, sessionStore, type SafeStorage } from './storage';

/** What the catalogue needs of a finished attempt. */
export interface AttemptSummary {
	id: string;
	scenario: string;
	seed: number;
	mode: string;
	outcome: string;
	/** Time to restore in simulated minutes, null when not restored. */
	minutes: number | null;
	par: number;
	total: number;
	grade: string;
	finishedAt: string | null;
}

const ATTEMPT_KEY = 'nightshift:attempt:';
const SUMMARIES_KEY = 'nightshift:results';
/** Summaries kept in localStorage; the oldest are dropped past this. */
const MAX_SUMMARIES = 200;

/** Summarises an attempt for the catalogue. */
export function summarize(attempt: Attempt): AttemptSummary {
	return {
		id: attempt.id,
		scenario: attempt.scenario.id,
		seed: attempt.seed,
		mode: attempt.mode,
		outcome: attempt.outcome,
		minutes: attempt.score.minutes,
		par: attempt.score.par,
		total: attempt.score.total,
		grade: attempt.score.grade,
		finishedAt: attempt.finishedAt
	};
}

function isSummary(value: unknown): value is AttemptSummary {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.id === 'string' &&
		typeof v.scenario === 'string' &&
		typeof v.total === 'number' &&
		typeof v.grade === 'string' &&
		typeof v.outcome === 'string' &&
		(v.minutes === null || typeof v.minutes === 'number')
	);
}

/** Where attempts are kept; tests pass in-memory stores. */
export interface AttemptStores {
	session: SafeStorage;
	local: SafeStorage;
}

const defaultStores: AttemptStores = { session: sessionStore, local: localStore };

/** Every summary kept so far, oldest first; damaged entries are skipped. */
export function listSummaries(stores: AttemptStores = defaultStores): AttemptSummary[] {
	const text = stores.local.get(SUMMARIES_KEY);
	if (!text) return [];
	try {
		const data: unknown = JSON.parse(text);
		return Array.isArray(data) ? data.filter(isSummary) : [];
	} catch {
		return [];
	}
}

/**
 * Keeps a finished attempt: in full for this tab, summarised for later visits.
 * @returns false when the browser refused storage (the attempt lives in memory only)
 */
export function keepAttempt(attempt: Attempt, stores: AttemptStores = defaultStores): boolean {
	const kept = stores.session.set(ATTEMPT_KEY + attempt.id, JSON.stringify(attempt));
	const summaries = listSummaries(stores).filter((s) => s.id !== attempt.id);
	summaries.push(summarize(attempt));
	const stored = stores.local.set(SUMMARIES_KEY, JSON.stringify(summaries.slice(-MAX_SUMMARIES)));
	return kept && stored;
}

/** The stored text of an attempt kept in this tab, or null. Parse it with `parseAttempt`. */
export function attemptText(id: string, stores: AttemptStores = defaultStores): string | null {
	return stores.session.get(ATTEMPT_KEY + id);
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

/** True when the browser refuses storage, so results will not outlive this page. */
export function storageDegraded(stores: AttemptStores = defaultStores): boolean {
	return stores.session.degraded || stores.local.degraded;
}
