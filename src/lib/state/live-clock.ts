/**
 * Drill mode's live clock: simulated time also runs while the trainee thinks. The idle minutes
 * are worked out here from real elapsed time and sent with the next action, so they land in
 * the action log and a replay gives the same run. When they run into an end first (the time
 * limit, or a timed failure or restore), they are sent on their own, as an `idle` step, and
 * the drill ends at that moment rather than at the next action.
 */
import type { CompiledScenario } from '$lib/engine/compile.ts';
import { takeIdle, type DrillState, type JournalEntry } from '$lib/engine/drill.ts';

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

/** Live-clock minutes the journal has charged already (before actions, and on their own). */
export function chargedIdle(journal: readonly JournalEntry[]): number {
	let sum = 0;
	for (const j of journal) sum += j.kind === 'action' ? j.idle : j.kind === 'idle' ? j.minutes : 0;
	return sum;
}

/**
 * Whether `pending` live-clock minutes with no action would end the drill.
 * @param pending minutes owed (see `owedIdle`)
 */
export function endsWhileIdle(compiled: CompiledScenario, state: DrillState, pending: number): boolean {
	return pending > 0 && state.outcome === 'playing' && takeIdle(compiled, state, pending).outcome !== 'playing';
}
