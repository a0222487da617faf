/**
 * What the drill screen shows, worked out from the drill's state: the actions by group with
 * their availability, the evidence log, guided mode's note on the last step, and how the drill
 * ended. Pure functions of the scenario and the state, so they are tested without an actor or
 * a browser; DrillSession exposes them as getters and the components only render them.
 */
import type { CompiledAction, CompiledScenario } from '$lib/engine/compile.ts';
import type { DrillState } from '$lib/engine/drill.ts';
import { availability, personName, type Happening } from '$lib/engine/world.ts';
import { timeAt } from '$lib/engine/time.ts';
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
	/** What it costs, as the button says it: "15 min", "up to 30 min", "20–40 min". */
	cost: string;
	/** Who does it, when it is someone other than the trainee. */
	by: string | null;
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
	| {
			kind: 'action';
			key: string;
			at: number;
			label: string;
			minutes: number;
			idle: number;
			nothingNew: boolean;
			/** Work handed to someone else (it takes none of the trainee's time): their name. */
			startedFor: string | null;
	  }
	/** Someone's work that ended, or an event: what the status line announced. */
	| { kind: 'happening'; key: string; at: number; text: string }
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
			.filter((a) => a.def.group === group && !a.waitsForOthers)
			.flatMap((a) => actionView(compiled, state, a))
	})).filter((g) => g.actions.length > 0);
}

/** One action's button, or nothing while it is hidden. */
function actionView(compiled: CompiledScenario, state: DrillState, a: CompiledAction): ActionView[] {
	const av = availability(compiled, state, a.def.id);
	if (!av.available && av.hidden) return [];
	const d = a.durations;
	const cost = a.waitsForOthers
		? 'until then'
		: `${a.until !== null ? 'up to ' : ''}${d.length > 1 ? `${d[0]}–${d[d.length - 1]}` : d[0]} min`;
	return [
		{
			id: a.def.id,
			label: a.def.label,
			cost,
			by: a.by === null ? null : personName(compiled, a.by),
			description: a.def.description ?? null,
			available: av.available,
			reason: av.available ? null : av.reason,
			risky: a.def.risk !== undefined
		}
	];
}

/** One person on the team panel: what they are doing and until when. */
export interface PersonView {
	id: string;
	name: string;
	role: string;
	/** The work in hand (null: free, or not on site yet). */
	doing: string | null;
	/** When it ends, as the trainee knows it: a time, or a range when its duration is drawn. */
	until: string | null;
	/** Not on site yet: from when. */
	arrives: string | null;
}

/** The team panel of a scenario where others work in parallel: who is doing what, and the wait for the next one. */
export interface TeamView {
	people: PersonView[];
	/** "Wait for the next one to finish", while anyone is at work. */
	wait: ActionView | null;
}

/** The team panel, or null for a scenario where the trainee works alone. */
export function teamView(compiled: CompiledScenario, state: DrillState): TeamView | null {
	if (!compiled.parallel) return null;
	const start = compiled.scenario.start.time;
	const people = compiled.scenario.world.people.map((p): PersonView => {
		const task = state.running?.find((t) => t.by === p.id);
		const action = task ? compiled.actionById.get(task.action) : undefined;
		const d = action?.durations ?? [];
		const until =
			task && action
				? d.length > 1
					? `${timeAt(task.from + d[0]!, start)}–${timeAt(task.from + d[d.length - 1]!, start)}`
					: timeAt(task.until, start)
				: null;
		const arrival = compiled.frame.arrivalOf(p.id);
		return {
			id: p.id,
			name: p.name,
			role: p.role,
			doing: action?.def.label ?? null,
			until,
			arrives: arrival > state.clock ? timeAt(arrival, start) : null
		};
	});
	const wait = compiled.actions.find((a) => a.waitsForOthers)!;
	return { people, wait: actionView(compiled, state, wait)[0] ?? null };
}

/** What the log and the status line say of someone's work ending, or of an event. */
export function describeHappening(compiled: CompiledScenario, h: Happening): string {
	if (h.kind === 'event') return compiled.events.find((e) => e.id === h.id)?.label ?? h.id;
	const action = compiled.actionById.get(h.id);
	const who = action?.by ? personName(compiled, action.by) : 'Someone';
	return `${who} finished: ${action?.def.label ?? h.id}`;
}

/** The evidence log, oldest first: the initial evidence, then each step and what it showed. */
export function evidenceLog(compiled: CompiledScenario, state: DrillState): LogEntry[] {
	const evidence = evidenceById(compiled);
	const out: LogEntry[] = [];
	for (const id of state.initial) {
		const e = evidence.get(id);
		if (e) out.push({ kind: 'evidence', key: `e:${id}`, at: 0, evidence: e });
	}
	const happenings = (list: Happening[] | undefined, i: number) =>
		list?.forEach((h, k) => {
			out.push({ kind: 'happening', key: `w:${i}:${k}`, at: h.at, text: describeHappening(compiled, h) });
			for (const id of h.revealed) {
				const e = evidence.get(id);
				if (e) out.push({ kind: 'evidence', key: `e:${id}`, at: h.at, evidence: e });
			}
		});
	state.journal.forEach((j, i) => {
		if (j.kind === 'hint') {
			out.push({ kind: 'hint', key: `h:${i}`, at: j.at, text: compiled.hints[j.hint]?.text ?? '' });
			return;
		}
		if (j.kind === 'idle') {
			out.push({ kind: 'idle', key: `i:${i}`, at: j.at, minutes: j.minutes });
			happenings(j.happenings, i);
			return;
		}
		const action = compiled.actionById.get(j.action);
		out.push({
			kind: 'action',
			key: `a:${i}`,
			at: j.at,
			label: action?.def.label ?? j.action,
			minutes: j.minutes,
			idle: j.idle,
			nothingNew: j.revealed.length === 0 && !action?.by && !action?.waitsForOthers,
			startedFor: action?.by ? personName(compiled, action.by) : null
		});
		// Others' work and events during the step come in the order they happened; the
		// action's own evidence comes at its end, after what happened on the way.
		happenings(j.happenings, i);
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
