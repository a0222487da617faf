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

export { DIFFICULTY_LABELS, MODE_LABELS, OUTCOME_LABELS } from '$lib/vocabulary.ts';
