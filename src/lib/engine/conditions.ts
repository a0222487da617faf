/**
 * The condition vocabulary, interpreted. A condition from a scenario file is compiled once
 * into a plain predicate over the drill's world; nothing in it is ever run as code.
 */
import type { Condition, Scalar } from '../scenario/schema.ts';

/** What a condition can look at. */
export interface WorldView {
	clock: number;
	variant: string;
	options: Readonly<Record<string, boolean>>;
	flags: Readonly<Record<string, Scalar>>;
	/** Action id to the clock when it was last completed. */
	doneAt: Readonly<Record<string, number>>;
	/** Evidence id to the clock when it was first revealed. */
	seen: Readonly<Record<string, number>>;
}

export type Predicate = (world: WorldView) => boolean;

/** Turns times of day and people into minutes since the start. */
export interface TimeFrame {
	offsetOf(time: string): number;
	arrivalOf(person: string): number;
}

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** A predicate that each key of `pairs` has its value in the record `of` reads (`absent` when missing). */
function matchAll(
	pairs: Readonly<Record<string, Scalar>>,
	of: (w: WorldView) => Readonly<Record<string, Scalar>>,
	absent: Scalar | undefined
): Predicate {
	const keys = Object.keys(pairs);
	const values = keys.map((k) => pairs[k]);
	if (keys.length === 1) {
		const [key] = keys as [string];
		const [value] = values;
		return (w) => (of(w)[key] ?? absent) === value;
	}
	return (w) => {
		const record = of(w);
		for (let i = 0; i < keys.length; i++) if ((record[keys[i]!] ?? absent) !== values[i]) return false;
		return true;
	};
}

/**
 * Compiles a (schema-valid) condition to a predicate.
 * @param condition the condition as written
 * @param frame how to read times and arrivals
 */
export function compileCondition(condition: Condition, frame: TimeFrame): Predicate {
	// The solvers evaluate these millions of times: plain loops, no allocation per call.
	if ('all' in condition) {
		const parts = condition.all.map((c) => compileCondition(c, frame));
		return (w) => {
			for (const p of parts) if (!p(w)) return false;
			return true;
		};
	}
	if ('any' in condition) {
		const parts = condition.any.map((c) => compileCondition(c, frame));
		return (w) => {
			for (const p of parts) if (p(w)) return true;
			return false;
		};
	}
	if ('not' in condition) {
		const inner = compileCondition(condition.not, frame);
		return (w) => !inner(w);
	}
	if ('variant' in condition) {
		const ids = Array.isArray(condition.variant) ? condition.variant : [condition.variant];
		if (ids.length === 1) {
			const [id] = ids;
			return (w) => w.variant === id;
		}
		return (w) => ids.includes(w.variant);
	}
	if ('option' in condition) return matchAll(condition.option, (w) => w.options, false);
	if ('flag' in condition) return matchAll(condition.flag, (w) => w.flags, undefined);
	if ('done' in condition) {
		const id = condition.done;
		return (w) => hasOwn(w.doneAt, id);
	}
	if ('seen' in condition) {
		const id = condition.seen;
		return (w) => hasOwn(w.seen, id);
	}
	if ('onSite' in condition) {
		const arrives = frame.arrivalOf(condition.onSite);
		return (w) => w.clock >= arrives;
	}
	if ('at' in condition) {
		const from = condition.at.from === undefined ? -Infinity : frame.offsetOf(condition.at.from);
		const before = condition.at.before === undefined ? Infinity : frame.offsetOf(condition.at.before);
		return (w) => w.clock >= from && w.clock < before;
	}
	if ('elapsed' in condition) {
		const atLeast = condition.elapsed.atLeast ?? -Infinity;
		const below = condition.elapsed.below ?? Infinity;
		return (w) => w.clock >= atLeast && w.clock < below;
	}
	if ('since' in condition) {
		const { action, minutes } = condition.since;
		return (w) => hasOwn(w.doneAt, action) && w.clock - w.doneAt[action]! >= minutes;
	}
	// The schema admits nothing else; this keeps an unvalidated object from passing silently.
	return () => false;
}
