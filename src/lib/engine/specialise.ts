/**
 * A scenario seen for one variant and option set. Once the hidden variant and the options are
 * known, many conditions are settled (true or false whatever else happens), and a solver or
 * the checker that explores states can carry less and tell fewer states apart without
 * changing what can happen.
 */
import type { Condition, Reveal } from '../scenario/schema.ts';
import { conditionRefs, placedConditions } from '../scenario/refs.ts';
import type { CompiledReveal, CompiledScenario } from './compile.ts';
import { resolveOptions } from './world.ts';

/**
 * What a condition is once the variant and the options are known: true or false whatever else
 * happens in the drill, or null when it depends on the drill's course.
 */
export function settledBy(c: Condition, variant: string, options: Readonly<Record<string, boolean>>): boolean | null {
	if ('all' in c) {
		let out: boolean | null = true;
		for (const part of c.all) {
			const v = settledBy(part, variant, options);
			if (v === false) return false;
			if (v === null) out = null;
		}
		return out;
	}
	if ('any' in c) {
		let out: boolean | null = false;
		for (const part of c.any) {
			const v = settledBy(part, variant, options);
			if (v === true) return true;
			if (v === null) out = null;
		}
		return out;
	}
	if ('not' in c) {
		const v = settledBy(c.not, variant, options);
		return v === null ? null : !v;
	}
	if ('variant' in c) return (Array.isArray(c.variant) ? c.variant : [c.variant]).includes(variant);
	if ('option' in c) return Object.entries(c.option).every(([k, v]) => (options[k] ?? false) === v);
	return null;
}

/** The actions whose done-ness world conditions read (`done`, `since`), per scenario. */
const worldReadCache = new WeakMap<CompiledScenario, Set<string>>();
function worldReadActions(compiled: CompiledScenario): Set<string> {
	let out = worldReadCache.get(compiled);
	if (!out) {
		out = new Set<string>();
		for (const { path, condition, role } of placedConditions(compiled.scenario))
			if (role !== 'display')
				for (const ref of conditionRefs(condition, path))
					if (ref.kind === 'done' || ref.kind === 'since') out.add(ref.id);
		worldReadCache.set(compiled, out);
	}
	return out;
}

/**
 * The evidence whose seen-ness can matter to the explorer: what world conditions read, what
 * waits reveal (the wait lint looks at it), and what the reveal conditions of those read.
 */
const keptCache = new WeakMap<CompiledScenario, Set<string>>();
function exploredEvidence(compiled: CompiledScenario): Set<string> {
	const cached = keptCache.get(compiled);
	if (cached) return cached;
	const kept = new Set(compiled.keyEvidence);
	for (const a of compiled.actions) if (a.until) for (const r of a.reveals) kept.add(r.evidence);
	const reveals = [...compiled.scenario.initialEvidence, ...compiled.scenario.actions.flatMap((a) => a.reveals)];
	for (let grew = true; grew;) {
		grew = false;
		for (const r of reveals) {
			if (typeof r === 'string' || !r.when || !kept.has(r.evidence)) continue;
			for (const ref of conditionRefs(r.when, ''))
				if (ref.kind === 'seen' && !kept.has(ref.id)) {
					kept.add(ref.id);
					grew = true;
				}
		}
	}
	keptCache.set(compiled, kept);
	return kept;
}

/**
 * The scenario as the explorer sees it for one variant and option set: the same world
 * conditions (so the same play, as far as what can happen goes), with less to carry and a
 * narrower notion of "the same state".
 *
 * - Reveals of evidence no world condition reads (nor a wait, nor the reveals of those) are
 *   left out, and reveals whose `when` is settled false: worlds stay small, and what they
 *   leave out changes nothing that can happen.
 * - A once-only action is a key action (its done-ness is part of the state) because doing it
 *   could still change something. Under a given variant and options, one whose requirements
 *   can never hold is never done, and one whose effects all have a `when` settled false (and
 *   whose conditional reveals of evidence world conditions read are settled too) changes
 *   nothing but the clock, like the diagnostics that are no key action anywhere. Leaving them
 *   out of the state is what keeps the exploration small: otherwise every subset of such
 *   no-op actions done is a state of its own.
 */
export function specialise(
	compiled: CompiledScenario,
	variant: string,
	options: Record<string, boolean>
): CompiledScenario {
	const resolved = resolveOptions(compiled, options);
	const read = worldReadActions(compiled);
	const keyEvidence = new Set(compiled.keyEvidence);
	const kept = exploredEvidence(compiled);
	const open = (c: Condition | undefined) => c === undefined || settledBy(c, variant, resolved) !== false;
	const keyActions = compiled.keyActions.filter((id) => {
		const { def } = compiled.actionById.get(id)!;
		if (def.requires.some((r) => settledBy(r.when, variant, resolved) === false)) return false;
		if (read.has(id) || def.repeatable) return true;
		return (
			def.effects.some((e) => open(e.when)) ||
			def.reveals.some(
				(r) =>
					typeof r !== 'string' &&
					r.when !== undefined &&
					keyEvidence.has(r.evidence) &&
					settledBy(r.when, variant, resolved) === null
			)
		);
	});
	const source = (list: Reveal[]) => list.map((r) => (typeof r === 'string' ? { evidence: r, when: undefined } : r));
	const reveals = (compiledList: CompiledReveal[], list: Reveal[]) =>
		compiledList.filter((r, i) => kept.has(r.evidence) && open(source(list)[i]!.when));
	const actions = compiled.actions.map((a) => ({ ...a, reveals: reveals(a.reveals, a.def.reveals) }));
	const view: CompiledScenario = {
		...compiled,
		actions,
		actionById: new Map(actions.map((a) => [a.def.id, a])),
		initialReveals: reveals(compiled.initialReveals, compiled.scenario.initialEvidence),
		keyActions,
		keyActionIndex: compiled.actions.map((a) => keyActions.indexOf(a.def.id))
	};
	timeOnlyCache.set(
		view,
		actions.map(
			(a) =>
				view.keyActionIndex[a.index] === -1 &&
				!view.sinceActions.has(a.def.id) &&
				a.until === null &&
				a.def.effects.every((e) => e.when !== undefined && settledBy(e.when, variant, resolved) === false) &&
				a.reveals.every((r) => !keyEvidence.has(r.evidence))
		)
	);
	return view;
}

const timeOnlyCache = new WeakMap<CompiledScenario, boolean[]>();

/**
 * For a scenario seen through `specialise`: per action, whether under its variant and options
 * it only lets time pass (no key action, no effect that can apply, no reveal world conditions
 * read, no `until`). From one world, two such actions of the same length lead to the same
 * state at the same cost, so a search plays only the first; null for any other scenario.
 */
export function timeOnly(view: CompiledScenario): readonly boolean[] | null {
	return timeOnlyCache.get(view) ?? null;
}

/** A world with the seen evidence `specialise` keeps only. */
export function narrowWorld<W extends { seen: Readonly<Record<string, number>> }>(
	compiled: CompiledScenario,
	world: W
): W {
	const kept = exploredEvidence(compiled);
	const seen: Record<string, number> = {};
	for (const id in world.seen) if (kept.has(id)) seen[id] = world.seen[id]!;
	return { ...world, seen };
}
