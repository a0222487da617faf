/**
 * Drill mode's live clock: simulated time also runs while the trainee thinks. The idle minutes
 * are worked out here from real elapsed time and sent with the next action, so they land in
 * the action log and a replay gives the same run.
 */

/**
 * Simulated minutes of thinking not yet charged to an action.
 * @param elapsedMs real milliseconds since the drill started
 * @param rate simulated minutes per real minute, or null when the live clock is off
 * @param charged idle minutes already sent with earlier actions
 * @returns whole minutes, never negative
 */
export function owedIdle(elapsedMs: number, rate: number | null, charged: number): number {
	if (!rate || rate <= 0 || !(elapsedMs > 0)) return 0;
	return Math.max(0, Math.floor((elapsedMs / 60_000) * rate) - charged);
}
