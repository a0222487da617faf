/**
 * What the status region says after each step. Kept apart from the session class so the
 * wording is tested on its own (announce.test.ts).
 */
import type { CompiledScenario } from '$lib/engine/compile.ts';
import type { DrillState } from '$lib/engine/drill.ts';
import { formatDuration, timeAt } from '$lib/engine/time.ts';
import { personName } from '$lib/engine/world.ts';
import { describeHappening } from './drill-view.ts';

/**
 * The sentence announced after an action, or after live-clock minutes that ran into an end.
 * @param before the state before the step
 * @param after the state after it
 */
export function describeStep(compiled: CompiledScenario, before: DrillState, after: DrillState): string {
	const s = compiled.scenario;
	const entry = after.journal[after.journal.length - 1];
	if (!entry || entry.kind === 'hint' || after.journal.length === before.journal.length) return '';
	const when = timeAt(after.clock, s.start.time);
	const thinking =
		entry.kind === 'idle'
			? ` The live clock ran ${formatDuration(entry.minutes)} while you were deciding.`
			: entry.idle > 0
				? ` Thinking time cost ${formatDuration(entry.idle)}.`
				: '';
	if (after.outcome === 'restored')
		return `Service restored at ${when}, after ${formatDuration(after.clock)}.${thinking}`;
	if (after.outcome === 'degraded')
		return `Service restored in degraded mode at ${when}, after ${formatDuration(after.clock)}.${thinking}`;
	if (after.outcome === 'failed') {
		const failure = s.failures.find((f) => f.id === after.failure);
		return `Drill failed at ${when}: ${failure?.label ?? after.failure}.${thinking}`;
	}
	if (after.outcome === 'timeout') return `Time is up at ${when}: the service was not restored.${thinking}`;
	// Others' work that ended and events that happened on the way are announced too.
	const news = (entry.happenings ?? [])
		.map((h) => ` ${timeAt(h.at, s.start.time)}: ${describeHappening(compiled, h)}.`)
		.join('');
	if (entry.kind === 'idle') return `${formatDuration(entry.minutes)} passed with no action.${news}`;
	const action = compiled.actionById.get(entry.action);
	const label = action?.def.label ?? entry.action;
	if (action?.by) return `${label}: ${personName(compiled, action.by)} is on it from ${when}.${news}${thinking}`;
	const titles = entry.revealed.map((id) => s.evidence.find((e) => e.id === id)?.title ?? id);
	const found =
		titles.length === 0
			? 'nothing new'
			: `${titles.length} new ${titles.length === 1 ? 'entry' : 'entries'}: ${titles.join('; ')}`;
	if (action?.waitsForOthers) return `Waited until ${when} (${formatDuration(entry.minutes)}).${news}`;
	return `${label}: done at ${when} (${formatDuration(entry.minutes)}), ${found}.${news}${thinking}`;
}
