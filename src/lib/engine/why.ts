/**
 * Why an action never becomes available: which of its requirements never holds in any state
 * the checker reached, and why that condition never holds (the flag no reachable action sets,
 * the evidence nothing reachable reveals, the person who arrives after the time limit…).
 * "Can never become available" alone leaves an author to guess.
 */
import type { Condition } from '../scenario/schema.ts';
import type { CompiledAction, CompiledScenario } from './compile.ts';
import { compileCondition } from './conditions.ts';
import { timeAt } from './time.ts';
import type { World } from './world.ts';

/** A condition in words: `flag serverPosts is true`, `"ask-dba" is done`. */
export function describeCondition(c: Condition): string {
	if ('all' in c) return c.all.map((x) => wrap(x)).join(' and ');
	if ('any' in c) return c.any.map((x) => wrap(x)).join(' or ');
	if ('not' in c) return `not ${wrap(c.not)}`;
	if ('variant' in c)
		return Array.isArray(c.variant)
			? `the variant is one of ${c.variant.map((v) => `"${v}"`).join(', ')}`
			: `the variant is "${c.variant}"`;
	if ('option' in c) return pairs('option', c.option);
	if ('flag' in c) return pairs('flag', c.flag);
	if ('done' in c) return `"${c.done}" is done`;
	if ('seen' in c) return `evidence "${c.seen}" has been seen`;
	if ('onSite' in c) return `"${c.onSite}" is on site`;
	if ('at' in c)
		return [c.at.from && `the time is ${c.at.from} or later`, c.at.before && `before ${c.at.before}`]
			.filter(Boolean)
			.join(' and ');
	if ('elapsed' in c)
		return [
			c.elapsed.atLeast !== undefined && `at least ${c.elapsed.atLeast} min have passed`,
			c.elapsed.below !== undefined && `less than ${c.elapsed.below} min have passed`
		]
			.filter(Boolean)
			.join(' and ');
	return `${c.since.minutes} min have passed since "${c.since.action}"`;
}

const wrap = (c: Condition) => ('all' in c || 'any' in c ? `(${describeCondition(c)})` : describeCondition(c));

function pairs(what: string, values: Record<string, unknown>): string {
	return Object.entries(values)
		.map(
			([k, v]) =>
				`${what} ${k} is ${typeof v === 'boolean' && what === 'option' ? (v ? 'on' : 'off') : JSON.stringify(v)}`
		)
		.join(' and ');
}

const quoted = (ids: string[]) => ids.map((id) => `"${id}"`).join(', ');

/** What the checker saw: the states it reached, and the actions ever available in them. */
export interface Reached {
	worlds: readonly World[];
	available: ReadonlySet<string>;
}

/**
 * Why a condition never holds in the reached states, in words (the condition is known never
 * to hold in them).
 */
function whyNever(compiled: CompiledScenario, c: Condition, reached: Reached, depth = 0): string {
	const holds = (x: Condition) => {
		const p = compileCondition(x, compiled.frame);
		return reached.worlds.some((w) => p(w));
	};
	const s = compiled.scenario;
	if ('all' in c) {
		const never = c.all.find((x) => !holds(x));
		return never
			? whyNever(compiled, never, reached, depth)
			: `each of ${describeCondition(c)} holds at some point, but never all at once`;
	}
	if ('any' in c) return c.any.map((x) => whyNever(compiled, x, reached, depth)).join('; and ');
	if ('not' in c) return `${describeCondition(c.not)} always holds`;
	if ('flag' in c) {
		const [name, value] =
			Object.entries(c.flag).find(([k, v]) => !holds({ flag: { [k]: v } })) ?? Object.entries(c.flag)[0]!;
		const setters = compiled.actions.filter((a) => a.def.effects.some((e) => e.set?.[name] === value));
		const is = `flag ${name} is never ${JSON.stringify(value)}`;
		if (setters.length === 0)
			return `${is}: it starts ${JSON.stringify(s.flags[name])} and no action sets it to ${JSON.stringify(value)}`;
		return `${is}: ${setters.map((a) => setterWhy(a, name, value, reached)).join('; ')}`;
	}
	if ('done' in c) return `"${c.done}" is never done: it never becomes available either`;
	if ('seen' in c) {
		const sources = compiled.actions.filter((a) => a.reveals.some((r) => r.evidence === c.seen));
		if (sources.length === 0) return `nothing reveals evidence "${c.seen}"`;
		const never = sources.filter((a) => !reached.available.has(a.def.id)).map((a) => a.def.id);
		return never.length === sources.length
			? `evidence "${c.seen}" is never seen: ${quoted(never)} ${never.length > 1 ? 'never become' : 'never becomes'} available`
			: `evidence "${c.seen}" is never seen: ${quoted(sources.map((a) => a.def.id))} never ${sources.length > 1 ? 'reveal' : 'reveals'} it in any state reached (see their reveals' "when")`;
	}
	if ('onSite' in c) {
		const arrives = compiled.frame.arrivalOf(c.onSite);
		const at = timeAt(arrives, s.start.time);
		return arrives >= s.limitMinutes
			? `"${c.onSite}" arrives at ${at}, at or after the time limit (${timeAt(s.limitMinutes, s.start.time)})`
			: `"${c.onSite}" arrives at ${at}, and no drill is still going then`;
	}
	if ('at' in c || 'elapsed' in c) return `${describeCondition(c)} never holds while a drill is still going`;
	if ('since' in c) return `${describeCondition(c)} never holds while a drill is still going`;
	return `${describeCondition(c)} never holds`;
}

/** Why an action that sets a flag never does so: never available, or its effect never applies. */
function setterWhy(a: CompiledAction, name: string, value: unknown, reached: Reached): string {
	if (!reached.available.has(a.def.id)) return `"${a.def.id}", which sets it, never becomes available`;
	const effect = a.def.effects.find((e) => e.set?.[name] === value);
	return effect?.when
		? `"${a.def.id}" sets it only when ${describeCondition(effect.when)}, which never holds when it is done`
		: `"${a.def.id}" sets it, but then the drill is over (or it is set back) before anything can use it`;
}

/**
 * Why an action never became available in the states the checker reached.
 * @returns a sentence to follow "can never become available: "
 */
export function whyUnavailable(compiled: CompiledScenario, action: CompiledAction, reached: Reached): string {
	const requires = action.def.requires;
	const holds = action.requires.map((r) => reached.worlds.some((w) => r.when(w)));
	const never = holds.indexOf(false);
	if (never >= 0) {
		const r = requires[never]!;
		const which =
			requires.length > 1 ? `its requirement ${never + 1} ("${r.reason}")` : `its requirement ("${r.reason}")`;
		return `${which} never holds: ${whyNever(compiled, r.when, reached)}`;
	}
	const together = reached.worlds.filter((w) => action.requires.every((r) => r.when(w)));
	if (together.length === 0)
		return `each of its requirements holds at some point (${requires.map((r) => `"${r.reason}"`).join(', ')}), but never all at once`;
	if (action.until && together.every((w) => action.until!(w)))
		return `whenever its requirements hold, what it waits for (${describeCondition(action.def.until!)}) has already happened`;
	return `it is done once only, and every state where it could be taken comes after it was done`;
}
