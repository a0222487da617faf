/** The simulated clock: minutes since the incident's start, shown as a time of day. */

const DAY = 24 * 60;

/** "HH:MM" to minutes after midnight. */
function minuteOfDay(time: string): number {
	const [h, m] = time.split(':');
	return Number(h) * 60 + Number(m);
}

/**
 * Minutes from the start to the first occurrence of a time of day at or after the start.
 * @param time "HH:MM"
 * @param start the incident's start, "HH:MM"
 */
export function offsetOf(time: string, start: string): number {
	return (minuteOfDay(time) - minuteOfDay(start) + DAY) % DAY;
}

/**
 * The local time of day at a given clock, "HH:MM", with "+1d" once midnight has passed.
 * @param clock minutes since the start
 * @param start the incident's start, "HH:MM"
 */
export function timeAt(clock: number, start: string): string {
	const total = minuteOfDay(start) + clock;
	const day = Math.floor(total / DAY);
	const inDay = total % DAY;
	const hh = String(Math.floor(inDay / 60)).padStart(2, '0');
	const mm = String(inDay % 60).padStart(2, '0');
	return day > 0 ? `${hh}:${mm} +${day}d` : `${hh}:${mm}`;
}

/** A duration in minutes as "9 h 15 min", "45 min" or "2 h". */
export function formatDuration(exact: number): string {
	// Impact minutes can be fractional (degraded minutes count at a weight): shown to the minute.
	const minutes = Math.round(exact);
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	if (h === 0) return `${m} min`;
	return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
