/**
 * An attempt's summary as version 4 of the database keeps it beside the attempt (db.ts
 * `AttemptSummaryRow`). Apart from db.ts, which imports Dexie, so that the queries that write
 * summaries load nothing more.
 */
import type { AttemptRow, AttemptSummaryRow } from './db.ts';

/** The summary of a stored attempt row (what version 4's table keeps beside it). */
export function summaryOf(row: AttemptRow): AttemptSummaryRow {
	// A damaged record still gets a summary; the history's check (`checkListing`) then skips it.
	const r = row.record !== null && typeof row.record === 'object' ? row.record : null;
	return {
		id: row.id,
		scenarioId: row.scenarioId,
		mode: row.mode,
		trainee: row.trainee,
		finishedAt: row.finishedAt,
		status: row.status,
		interruption: row.interruption,
		listing: r
			? {
					id: r.id,
					scenario: r.scenario,
					seed: r.seed,
					mode: r.mode,
					trainee: r.trainee,
					outcome: r.outcome,
					startedAt: r.startedAt,
					finishedAt: r.finishedAt,
					score: { minutes: r.score?.minutes, par: r.score?.par, total: r.score?.total, grade: r.score?.grade }
				}
			: null
	};
}
