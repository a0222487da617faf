/** The timeline chart's data: the two paths as floating bars, coloured by action group. */
import type { ActionGroup } from '$lib/scenario/schema.ts';
import type { TimelineStep } from './debrief.ts';

/** Fill colours by group (light enough for the black step numbers drawn on them). */
export const GROUP_COLOURS: Record<ActionGroup, { label: string; fill: string }> = {
	diagnose: { label: 'Diagnose', fill: '#9cc1ff' },
	repair: { label: 'Repair', fill: '#8fd19e' },
	escalate: { label: 'Escalate', fill: '#f3c26b' },
	communicate: { label: 'Communicate', fill: '#d4b3f0' },
	failover: { label: 'Fail over', fill: '#f2a3a3' }
};

export interface TimelineBar {
	/** Start and end on the simulated clock. */
	x: [number, number];
	y: 'Your path' | 'Best play';
	n: number;
	label: string;
	group: ActionGroup;
}

/**
 * Both paths as bars. An action that took no time still gets a sliver so it shows.
 * @returns the trainee's bars, then par's
 */
export function timelineBars(yourPath: readonly TimelineStep[], parPath: readonly TimelineStep[]): TimelineBar[] {
	const bars = (steps: readonly TimelineStep[], y: TimelineBar['y']) =>
		steps.map((s) => ({
			x: [s.start, Math.max(s.end, s.start + 0.5)] as [number, number],
			y,
			n: s.n,
			label: s.label,
			group: s.group
		}));
	return [...bars(yourPath, 'Your path'), ...bars(parPath, 'Best play')];
}
