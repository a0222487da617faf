/**
 * Where a scenario's conditions stand and what they refer to: the raw material for the
 * reference checks (validate.ts) and for the engine's analysis of time and state.
 */
import type { Condition, Reveal, Scalar, Scenario } from './schema.ts';

/** Where a condition stands and what it is for. */
export interface PlacedCondition {
	path: string;
	condition: Condition;
	/** `world`: decides what can happen; `reveal`: decides what is shown; `display`: laps, hints, status. */
	role: 'world' | 'reveal' | 'display';
}

/** Every condition in a scenario, with its path in the file. */
export function placedConditions(s: Scenario): PlacedCondition[] {
	const out: PlacedCondition[] = [];
	const add = (path: string, condition: Condition | undefined, role: PlacedCondition['role']) => {
		if (condition) out.push({ path, condition, role });
	};
	const reveals = (list: Reveal[], base: string) =>
		list.forEach((r, i) => typeof r !== 'string' && add(`${base}[${i}].when`, r.when, 'reveal'));
	s.actions.forEach((a, i) => {
		const p = `actions[${i}]`;
		a.requires.forEach((r, j) => add(`${p}.requires[${j}].when`, r.when, 'world'));
		a.effects.forEach((e, j) => add(`${p}.effects[${j}].when`, e.when, 'world'));
		add(`${p}.until`, a.until, 'world');
		add(`${p}.risk.when`, a.risk?.when, 'display');
		reveals(a.reveals, `${p}.reveals`);
	});
	reveals(s.initialEvidence, 'initialEvidence');
	s.events.forEach((e, i) => {
		const p = `events[${i}]`;
		add(`${p}.when`, e.when, 'world');
		e.effects.forEach((f, j) => add(`${p}.effects[${j}].when`, f.when, 'world'));
		reveals(e.reveals, `${p}.reveals`);
	});
	add('restore.full', s.restore.full, 'world');
	add('restore.degraded', s.restore.degraded, 'world');
	s.failures.forEach((f, i) => add(`failures[${i}].when`, f.when, 'world'));
	for (const [phase, c] of Object.entries(s.phases)) add(`phases.${phase}`, c, 'display');
	s.hints.forEach((h, i) => add(`hints[${i}].when`, h.when, 'display'));
	// The status panel is what the trainee reads and what customer impact is measured on, so it
	// is part of the world the solvers tell apart.
	s.world.status.forEach((item, i) =>
		item.states.forEach((st, j) => add(`world.status[${i}].states[${j}].when`, st.when, 'world'))
	);
	return out;
}

/** One leaf reference inside a condition, with its path, for checks and analysis. */
export type ConditionRef =
	| { kind: 'variant'; id: string; path: string }
	| { kind: 'option'; id: string; value: Scalar; path: string }
	| { kind: 'flag'; id: string; value: Scalar; path: string }
	| { kind: 'done'; id: string; path: string }
	| { kind: 'seen'; id: string; path: string }
	| { kind: 'onSite'; id: string; path: string }
	| { kind: 'since'; id: string; minutes: number; path: string }
	| { kind: 'time'; time: string; path: string }
	| { kind: 'elapsed'; minutes: number; path: string };

/**
 * Lists every reference a condition makes.
 * @param condition the condition
 * @param path where it stands in the file, e.g. `actions[2].requires[0].when`
 */
export function conditionRefs(condition: Condition, path: string): ConditionRef[] {
	const out: ConditionRef[] = [];
	const walk = (c: Condition, p: string) => {
		if ('all' in c) c.all.forEach((x, i) => walk(x, `${p}.all[${i}]`));
		else if ('any' in c) c.any.forEach((x, i) => walk(x, `${p}.any[${i}]`));
		else if ('not' in c) walk(c.not, `${p}.not`);
		else if ('variant' in c) {
			const ids = Array.isArray(c.variant) ? c.variant : [c.variant];
			ids.forEach((id, i) =>
				out.push({ kind: 'variant', id, path: Array.isArray(c.variant) ? `${p}.variant[${i}]` : `${p}.variant` })
			);
		} else if ('option' in c)
			for (const [id, value] of Object.entries(c.option))
				out.push({ kind: 'option', id, value, path: `${p}.option.${id}` });
		else if ('flag' in c)
			for (const [id, value] of Object.entries(c.flag)) out.push({ kind: 'flag', id, value, path: `${p}.flag.${id}` });
		else if ('done' in c) out.push({ kind: 'done', id: c.done, path: `${p}.done` });
		else if ('seen' in c) out.push({ kind: 'seen', id: c.seen, path: `${p}.seen` });
		else if ('onSite' in c) out.push({ kind: 'onSite', id: c.onSite, path: `${p}.onSite` });
		else if ('at' in c) {
			if (c.at.from) out.push({ kind: 'time', time: c.at.from, path: `${p}.at.from` });
			if (c.at.before) out.push({ kind: 'time', time: c.at.before, path: `${p}.at.before` });
		} else if ('elapsed' in c) {
			if (c.elapsed.atLeast !== undefined)
				out.push({ kind: 'elapsed', minutes: c.elapsed.atLeast, path: `${p}.elapsed` });
			if (c.elapsed.below !== undefined) out.push({ kind: 'elapsed', minutes: c.elapsed.below, path: `${p}.elapsed` });
		} else if ('since' in c)
			out.push({ kind: 'since', id: c.since.action, minutes: c.since.minutes, path: `${p}.since` });
	};
	walk(condition, path);
	return out;
}
