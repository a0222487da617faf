/**
 * What the trainee can know. A technician sees evidence texts, the world's status panel, which
 * actions are available (and the reasons given), the clock and how the drill ended: never the
 * hidden variant. Two worlds that have shown the same things so far are indistinguishable, and
 * the variants still consistent with the screen form the trainee's belief. Fair par, the
 * useless-action rule and the leak lint are all built on these signatures.
 */
import type { CompiledScenario } from './compile.ts';
import { reasonNot, type Advance, type World } from './world.ts';

/**
 * What the screen shows of a world right after a step: the evidence shown (and when: others'
 * work and events can show theirs partway through), the status panel, the clock and the outcome.
 */
export function observation(
	compiled: CompiledScenario,
	step: Pick<Advance, 'world' | 'revealed'> & Partial<Pick<Advance, 'happenings'>>,
	status = statusSignature(compiled, step.world)
): string {
	const { world } = step;
	let sig = world.outcome + ':' + (world.failure ?? '') + '@' + world.clock + '|';
	// Whose work ended and what happened, and when, are in the log whether or not they showed evidence.
	if (step.happenings) for (const h of step.happenings) sig += h.kind[0] + h.id + '@' + h.at + ',';
	for (const id of step.revealed) sig += compiled.evidenceTextIndex.get(id) + '@' + world.seen[id] + ',';
	return sig + '|' + status;
}

/** The status panel as shown: each item's state and detail. */
export function statusSignature(compiled: CompiledScenario, world: World): string {
	let sig = '';
	for (const item of compiled.status) {
		const st = item.states.findIndex((s) => s.when === null || s.when(world));
		sig += st + ';';
	}
	return sig;
}

/**
 * Which actions the screen offers, and the reason given for each one it doesn't.
 * @param except an action to leave out (the one just taken, which now says "Already done.")
 */
export function availabilitySignature(compiled: CompiledScenario, world: World, except?: string): string {
	let sig = '';
	for (const a of compiled.actions) {
		if (a.def.id === except) continue;
		sig += (reasonNot(compiled, world, a) ?? '+') + '\u0000';
	}
	return sig;
}

/** Everything the screen shows after a step: the observation and the actions on offer. */
export function screenSignature(
	compiled: CompiledScenario,
	step: Pick<Advance, 'world' | 'revealed'> & Partial<Pick<Advance, 'happenings'>>
): string {
	return observation(compiled, step) + '#' + availabilitySignature(compiled, step.world);
}

/** The initial screen of a world: initial evidence, status and the actions on offer. */
export function initialSignature(compiled: CompiledScenario, world: World): string {
	return screenSignature(compiled, { world, revealed: Object.keys(world.seen) });
}
