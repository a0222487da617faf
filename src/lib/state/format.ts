/** Small wording helpers shared by the screens. */
import { formatDuration } from '$lib/engine/time.ts';

/** "45 min–2 h", or "45 min" when every variant has the same par; "—" when unknown. */
export function formatRange(range: { min: number; max: number } | null): string {
	if (!range) return '—';
	return range.min === range.max
		? formatDuration(range.min)
		: `${formatDuration(range.min)}–${formatDuration(range.max)}`;
}

/** "+12 min over par", "at par" (for a restored drill). */
export function formatOverPar(minutes: number, par: number): string {
	const over = minutes - par;
	return over <= 0 ? 'at par' : `${formatDuration(over)} over par`;
}

let dateTime: Intl.DateTimeFormat | null = null;

/**
 * "1 Mar 2026, 10:05" in the reader's locale, or the text as it was when it is not a date. One
 * formatter serves every call: `toLocaleString` with options builds a new one each time, and
 * a history page lists a hundred dates at a time.
 */
export function formatWhen(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	dateTime ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
	return dateTime.format(d);
}

export { DIFFICULTY_LABELS, MODE_LABELS, OUTCOME_LABELS } from '$lib/vocabulary.ts';
