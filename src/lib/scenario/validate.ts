/**
 * Reference checks: every id a scenario mentions must exist, every flag must be declared and
 * keep one type, and ids must be unique. Reachability (actions that never become available,
 * variants with no path to restore, dead ends) needs the engine and lives in engine/check.ts.
 */
import type { ScenarioIssue } from './errors.ts';
import { conditionRefs, placedConditions } from './refs.ts';
import type { Effect, Reveal, Scalar, Scenario } from './schema.ts';
import { WAIT_FOR_NEXT } from '../vocabulary.ts';
import { didYouMean } from './suggest.ts';

/**
 * Lists every reference problem in a schema-valid scenario.
 * @param s the scenario
 * @param file the name used in messages
 */
export function checkReferences(s: Scenario, file: string): ScenarioIssue[] {
	const issues: ScenarioIssue[] = [];
	const issue = (path: string, message: string) => issues.push({ file, path, message });

	const ids = (list: Array<{ id: string }>, base: string) => {
		const seen = new Set<string>();
		list.forEach((item, i) => {
			if (seen.has(item.id)) issue(`${base}[${i}].id`, `duplicate id "${item.id}"`);
			seen.add(item.id);
		});
		return seen;
	};
	const actions = ids(s.actions, 'actions');
	const events = ids(s.events, 'events');
	// A condition's `done` and `since` read actions and events alike, so their ids must differ.
	s.events.forEach((e, i) => {
		if (actions.has(e.id)) issue(`events[${i}].id`, `"${e.id}" is an action's id too: an event needs an id of its own`);
	});
	const happenings = new Set([...actions, ...events]);
	[
		...s.actions.map((a, i) => [a.id, `actions[${i}].id`]),
		...s.events.map((e, i) => [e.id, `events[${i}].id`])
	].forEach(([id, path]) => {
		if (id === WAIT_FOR_NEXT) issue(path!, `"${WAIT_FOR_NEXT}" is the engine's own wait: choose another id`);
	});
	const evidence = ids(s.evidence, 'evidence');
	const variants = ids(s.variants, 'variants');
	const options = ids(s.options, 'options');
	const presets = ids(s.presets, 'presets');
	const people = ids(s.world.people, 'world.people');
	const failures = ids(s.failures, 'failures');
	const statusItems = ids(s.world.status, 'world.status');

	const flagType = (name: string) => (name in s.flags ? typeof s.flags[name] : undefined);
	const checkFlag = (path: string, name: string, value: Scalar) => {
		const type = flagType(name);
		if (type === undefined)
			issue(path, `unknown flag "${name}" (declare it under "flags")${didYouMean(name, Object.keys(s.flags))}`);
		else if (typeof value !== type) issue(path, `flag "${name}" is a ${type}, not a ${typeof value}`);
	};
	const known = (set: Set<string>, what: string, path: string, id: string) => {
		if (!set.has(id)) issue(path, `unknown ${what} id "${id}"${didYouMean(id, set)}`);
	};

	for (const { path, condition } of placedConditions(s)) {
		for (const ref of conditionRefs(condition, path)) {
			if (ref.kind === 'variant') known(variants, 'variant', ref.path, ref.id);
			else if (ref.kind === 'option') {
				if (!options.has(ref.id)) issue(ref.path, `unknown option "${ref.id}"${didYouMean(ref.id, options)}`);
				else if (typeof ref.value !== 'boolean') issue(ref.path, `option "${ref.id}" is true or false`);
			} else if (ref.kind === 'flag') checkFlag(ref.path, ref.id, ref.value);
			else if (ref.kind === 'done' || ref.kind === 'since')
				known(happenings, s.events.length > 0 ? 'action or event' : 'action', ref.path, ref.id);
			else if (ref.kind === 'seen') known(evidence, 'evidence', ref.path, ref.id);
			else if (ref.kind === 'onSite') known(people, 'person', ref.path, ref.id);
		}
	}

	const reveals = (list: Reveal[], base: string) =>
		list.forEach((r, i) => {
			const id = typeof r === 'string' ? r : r.evidence;
			known(evidence, 'evidence', typeof r === 'string' ? `${base}[${i}]` : `${base}[${i}].evidence`, id);
		});
	reveals(s.initialEvidence, 'initialEvidence');
	const effects = (list: Effect[], base: string) =>
		list.forEach((e, j) => {
			const p = `${base}[${j}]`;
			if (e.fail !== undefined) known(failures, 'failure', `${p}.fail`, e.fail);
			for (const [name, value] of Object.entries(e.set ?? {})) checkFlag(`${p}.set.${name}`, name, value);
		});
	s.actions.forEach((a, i) => {
		reveals(a.reveals, `actions[${i}].reveals`);
		effects(a.effects, `actions[${i}].effects`);
		if (a.by !== undefined) known(people, 'person', `actions[${i}].by`, a.by);
		if (a.until && typeof a.minutes !== 'number')
			issue(`actions[${i}].minutes`, 'a waiting action waits at most a fixed number of minutes, not a range');
		else if (a.until && !a.repeatable && typeof a.minutes === 'number' && a.minutes < 2)
			issue(`actions[${i}].minutes`, 'a waiting action needs room to wait');
		if (a.until && a.by !== undefined)
			issue(`actions[${i}].by`, 'a waiting action is the trainee\'s own: it cannot have "by"');
	});
	s.events.forEach((e, i) => {
		reveals(e.reveals, `events[${i}].reveals`);
		effects(e.effects, `events[${i}].effects`);
	});
	s.variants.forEach((v, i) =>
		v.pointers.forEach((id, j) => known(evidence, 'evidence', `variants[${i}].pointers[${j}]`, id))
	);
	s.presets.forEach((p, i) => {
		for (const name of Object.keys(p.options))
			if (!options.has(name))
				issue(`presets[${i}].options.${name}`, `unknown option "${name}"${didYouMean(name, options)}`);
	});
	if (s.impact) known(statusItems, 'status item', 'impact.service', s.impact.service);
	if (s.historical) {
		known(variants, 'variant', 'historical.variant', s.historical.variant);
		if (s.historical.preset !== undefined) known(presets, 'preset', 'historical.preset', s.historical.preset);
		// Where others work in parallel, the real night waited for them too: the engine's own wait.
		const steps = s.actions.some((a) => a.by !== undefined) ? new Set([...actions, WAIT_FOR_NEXT]) : actions;
		s.historical.path.forEach((id, i) => known(steps, 'action', `historical.path[${i}]`, id));
	}
	const referenced = new Set<string>([
		...s.actions.flatMap((a) => a.reveals.map((r) => (typeof r === 'string' ? r : r.evidence))),
		...s.events.flatMap((e) => e.reveals.map((r) => (typeof r === 'string' ? r : r.evidence))),
		...s.initialEvidence.map((r) => (typeof r === 'string' ? r : r.evidence))
	]);
	s.evidence.forEach((e, i) => {
		if (!referenced.has(e.id)) issue(`evidence[${i}]`, `evidence "${e.id}" is never revealed by any action or event`);
	});
	s.failures.forEach((f, i) => {
		const triggered = [...s.actions, ...s.events].some((a) => a.effects.some((e) => e.fail === f.id));
		if (!f.when && !triggered) issue(`failures[${i}]`, `failure "${f.id}" has no "when" and no action fails with it`);
	});
	return issues;
}
