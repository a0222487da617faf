/**
 * Replays an action log through the machine with XState's pure `initialTransition` and
 * `transition`: the same scenario version, seed, options and log always give the same run.
 */
import { initialTransition, transition } from 'xstate';
import type { CompiledScenario } from './compile.ts';
import type { DrillInput, DrillState, DrillStep } from './drill.ts';
import { machineFor } from './machine.ts';
import { availability } from './world.ts';

export interface ReplayResult {
	state: DrillState;
	/** Empty when every step was legal; otherwise why the replay stopped, naming the step. */
	error: string | null;
}

/**
 * Plays a log from the start. Stops at the first step that was not possible then.
 * @param input seed, options and mode
 * @param steps the log
 */
export function replay(compiled: CompiledScenario, input: DrillInput, steps: readonly DrillStep[]): ReplayResult {
	const machine = machineFor(compiled);
	let [snapshot] = initialTransition(machine, input);
	for (let i = 0; i < steps.length; i++) {
		const step = steps[i]!;
		const [next] = transition(machine, snapshot, step);
		if (next === snapshot || next.context === snapshot.context) {
			const context = snapshot.context;
			const why =
				step.type === 'hint'
					? 'no hint was available'
					: step.type === 'idle'
						? context.outcome === 'playing'
							? 'no minute passed'
							: 'the drill was over'
						: (() => {
								const a = availability(compiled, context, step.action);
								return a.available ? 'it changed nothing' : a.reason;
							})();
			const what =
				step.type === 'hint'
					? 'a hint'
					: step.type === 'idle'
						? `${step.minutes} min with no action`
						: `"${step.action}"`;
			return { state: context, error: `step ${i + 1} (${what}) was not possible: ${why}` };
		}
		snapshot = next;
	}
	return { state: snapshot.context, error: null };
}
