/**
 * Reference checks: every id a scenario mentions must exist, every flag must be declared and
 * keep one type, and ids must be unique. Reachability (actions that never become available,
 * variants with no path to restore, dead ends) needs the engine and lives in engine/check.ts.
 */
import type { ScenarioIssue } from './errors.ts';
import { conditionRefs, placedConditions } from './refs.ts';
import type { Reveal, Scalar, Scenario } from './schema.ts';
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
			else if (ref.kind === 'done' || ref.kind === 'since') known(actions, 'action', ref.path, ref.id);
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
	s.actions.forEach((a, i) => {
		reveals(a.reveals, `actions[${i}].reveals`);
		a.effects.forEach((e, j) => {
			const p = `actions[${i}].effects[${j}]`;
			if (e.fail !== undefined) known(failures, 'failure', `${p}.fail`, e.fail);
			for (const [name, value] of Object.entries(e.set ?? {})) checkFlag(`${p}.set.${name}`, name, value);
		});
		if (a.until && !a.repeatable && a.minutes < 2)
			issue(`actions[${i}].minutes`, 'a waiting action needs room to wait');
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
		s.historical.path.forEach((id, i) => known(actions, 'action', `historical.path[${i}]`, id));
	}
	const referenced = new Set<string>([
		...s.actions.flatMap((a) => a.reveals.map((r) => (typeof r === 'string' ? r : r.evidence))),
		...s.initialEvidence.map((r) => (typeof r === 'string' ? r : r.evidence))
	]);
	s.evidence.forEach((e, i) => {
		if (!referenced.has(e.id)) issue(`evidence[${i}]`, `evidence "${e.id}" is never revealed by any action`);
	});
	s.failures.forEach((f, i) => {
		const triggered = s.actions.some((a) => a.effects.some((e) => e.fail === f.id));
		if (!f.when && !triggered) issue(`failures[${i}]`, `failure "${f.id}" has no "when" and no action fails with it`);
	});
	return issues;
}
