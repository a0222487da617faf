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

/**
 * Compiles a (schema-valid) condition to a predicate.
 * @param condition the condition as written
 * @param frame how to read times and arrivals
 */
export function compileCondition(condition: Condition, frame: TimeFrame): Predicate {
	if ('all' in condition) {
		const parts = condition.all.map((c) => compileCondition(c, frame));
		return (w) => parts.every((p) => p(w));
	}
	if ('any' in condition) {
		const parts = condition.any.map((c) => compileCondition(c, frame));
		return (w) => parts.some((p) => p(w));
	}
	if ('not' in condition) {
		const inner = compileCondition(condition.not, frame);
		return (w) => !inner(w);
	}
	if ('variant' in condition) {
		const ids = Array.isArray(condition.variant) ? condition.variant : [condition.variant];
		return (w) => ids.includes(w.variant);
	}
	if ('option' in condition) {
		const pairs = Object.entries(condition.option);
		return (w) => pairs.every(([k, v]) => (w.options[k] ?? false) === v);
	}
	if ('flag' in condition) {
		const pairs = Object.entries(condition.flag);
		return (w) => pairs.every(([k, v]) => w.flags[k] === v);
	}
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
