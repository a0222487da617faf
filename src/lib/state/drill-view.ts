/**
 * What the drill screen shows, worked out from the drill's state: the actions by group with
 * their availability, the evidence log, guided mode's note on the last step, and how the drill
 * ended. Pure functions of the scenario and the state, so they are tested without an actor or
 * a browser; DrillSession exposes them as getters and the components only render them.
 */
import type { CompiledScenario } from '$lib/engine/compile.ts';
import type { DrillState } from '$lib/engine/drill.ts';
import { availability } from '$lib/engine/world.ts';
// Types only: the schema module's values would bring zod into the drill page.
import type { ActionGroup, Evidence } from '$lib/scenario/schema.ts';

/** Each action group's heading; typed by the schema's groups, so a missing one fails to compile. */
export const GROUP_LABELS: Record<ActionGroup, string> = {
	diagnose: 'Diagnose',
	repair: 'Repair',
	escalate: 'Escalate',
	communicate: 'Communicate',
	failover: 'Fail over'
};
/** Groups in the order the drill screen shows them (the schema's ACTION_GROUPS order). */
const ACTION_GROUPS = Object.keys(GROUP_LABELS) as ActionGroup[];

/** One action's button. */
export interface ActionView {
	id: string;
	label: string;
	minutes: number;
	/** A waiting action: it may end before its minutes run out. */
	waits: boolean;
	description: string | null;
	available: boolean;
	/** Why it is not available (null when it is). */
	reason: string | null;
	risky: boolean;
}

/** A group of actions under its heading. */
export interface ActionGroupView {
	group: ActionGroup;
	label: string;
	actions: ActionView[];
}

/** One line of the evidence log. */
export type LogEntry =
	| { kind: 'evidence'; key: string; at: number; evidence: Evidence }
	| { kind: 'action'; key: string; at: number; label: string; minutes: number; idle: number; nothingNew: boolean }
	| { kind: 'hint'; key: string; at: number; text: string }
	/** Live-clock minutes with no action, that ran into the drill's end. */
	| { kind: 'idle'; key: string; at: number; minutes: number };

/** Guided mode's note after an action: what it was for and what its evidence means. */
export interface GuideNote {
	action: string;
	note: string | null;
	evidence: Array<{ title: string; explain: string }>;
}

/** How the drill ended, for the end panel. */
export interface DrillEnd {
	title: string;
	/** The service came back (fully or degraded). */
	restored: boolean;
}

const evidenceMaps = new WeakMap<CompiledScenario, Map<string, Evidence>>();

/** The scenario's evidence by id, built once per scenario. */
function evidenceById(compiled: CompiledScenario): Map<string, Evidence> {
	let map = evidenceMaps.get(compiled);
	if (!map) evidenceMaps.set(compiled, (map = new Map(compiled.scenario.evidence.map((e) => [e.id, e]))));
	return map;
}

/**
 * The actions on screen, by group, each with its availability. Actions hidden until they
 * are available are left out while they are not; empty groups are left out.
 */
export function actionGroups(compiled: CompiledScenario, state: DrillState): ActionGroupView[] {
	return ACTION_GROUPS.map((group) => ({
		group,
		label: GROUP_LABELS[group],
		actions: compiled.actions
			.filter((a) => a.def.group === group)
			.flatMap((a): ActionView[] => {
				const av = availability(compiled, state, a.def.id);
				if (!av.available && av.hidden) return [];
				return [
					{
						id: a.def.id,
						label: a.def.label,
						minutes: a.def.minutes,
						waits: a.until !== null,
						description: a.def.description ?? null,
						available: av.available,
						reason: av.available ? null : av.reason,
						risky: a.def.risk !== undefined
					}
				];
			})
	})).filter((g) => g.actions.length > 0);
}

/** The evidence log, oldest first: the initial evidence, then each step and what it showed. */
export function evidenceLog(compiled: CompiledScenario, state: DrillState): LogEntry[] {
	const evidence = evidenceById(compiled);
	const out: LogEntry[] = [];
	for (const id of state.initial) {
		const e = evidence.get(id);
		if (e) out.push({ kind: 'evidence', key: `e:${id}`, at: 0, evidence: e });
	}
	state.journal.forEach((j, i) => {
		if (j.kind === 'hint') {
			out.push({ kind: 'hint', key: `h:${i}`, at: j.at, text: compiled.hints[j.hint]?.text ?? '' });
			return;
		}
		if (j.kind === 'idle') {
			out.push({ kind: 'idle', key: `i:${i}`, at: j.at, minutes: j.minutes });
			return;
		}
		out.push({
			kind: 'action',
			key: `a:${i}`,
			at: j.at,
			label: compiled.actionById.get(j.action)?.def.label ?? j.action,
			minutes: j.minutes,
			idle: j.idle,
			nothingNew: j.revealed.length === 0
		});
		for (const id of j.revealed) {
			const e = evidence.get(id);
			if (e) out.push({ kind: 'evidence', key: `e:${id}`, at: j.at + j.minutes, evidence: e });
		}
	});
	return out;
}

/** Guided mode's note on the last step when it was an action; null otherwise. */
export function guideNote(compiled: CompiledScenario, state: DrillState): GuideNote | null {
	const entry = state.journal[state.journal.length - 1];
	if (!entry || entry.kind !== 'action') return null;
	const def = compiled.actionById.get(entry.action)?.def;
	if (!def) return null;
	const evidence = evidenceById(compiled);
	return {
		action: def.label,
		note: def.note ?? null,
		evidence: entry.revealed.flatMap((id) => {
			const e = evidence.get(id);
			return e?.explain ? [{ title: e.title, explain: e.explain }] : [];
		})
	};
}

/** The hints taken so far, in order. */
export function hintTexts(compiled: CompiledScenario, state: DrillState): string[] {
	return state.hintsUsed.map((i) => compiled.hints[i]?.text ?? '');
}

/** Why an action can't be taken now (null when it can): what the screen says on a click. */
export function unavailableReason(compiled: CompiledScenario, state: DrillState, actionId: string): string | null {
	const av = availability(compiled, state, actionId);
	return av.available ? null : av.reason;
}

/** How the drill ended; null while it runs. */
export function drillEnd(compiled: CompiledScenario, state: DrillState): DrillEnd | null {
	switch (state.outcome) {
		case 'playing':
			return null;
		case 'restored':
			return { title: 'Service restored', restored: true };
		case 'degraded':
			return { title: 'Service restored (degraded)', restored: true };
		case 'timeout':
			return { title: 'Time is up', restored: false };
		case 'failed': {
			const failure = compiled.scenario.failures.find((f) => f.id === state.failure);
			return { title: `Drill failed: ${failure?.label ?? state.failure}`, restored: false };
		}
	}
}
