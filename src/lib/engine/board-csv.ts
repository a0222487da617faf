/**
 * The team board as CSV, apart from the checker (team.ts) so that the board's page can export
 * without loading the attempt schema.
 */
import { LAPS } from '../vocabulary.ts';
import type { BoardRow } from './team.ts';

/** A CSV cell: quoted, and defused when a spreadsheet would read it as a formula. */
function cell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

/** The board as CSV: one line per verified result, phase laps as columns. */
export function boardCsv(rows: readonly BoardRow[]): string {
	const phases = LAPS;
	const header = [
		'trainee',
		'scenario',
		'seed',
		'mode',
		'outcome',
		'failure',
		'minutes to restore',
		'par',
		'score',
		'grade',
		'hints',
		...phases.map((p) => `lap ${p}`),
		'left par path at'
	];
	const lines = rows.map((r) =>
		[
			r.trainee,
			r.scenario,
			r.seed,
			r.mode,
			r.outcome,
			r.failure,
			r.minutes,
			r.par,
			r.total,
			r.grade,
			r.hints,
			...phases.map((p) => r.laps[p] ?? null),
			r.detour ? `step ${r.detour.step}: ${r.detour.label}` : null
		]
			.map(cell)
			.join(',')
	);
	return [header.map(cell).join(','), ...lines].join('\r\n') + '\r\n';
}
