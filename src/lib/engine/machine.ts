/**
 * A compiled scenario as an XState v5 machine. The machine is pure: time lives in context and
 * moves by action minutes, so `initialTransition` / `transition` give every next snapshot,
 * replays are exact, and a persisted snapshot restores the drill as it was.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { CompiledScenario } from './compile.ts';
import { applyAction, canTake, nextHint, startDrill, takeHint, type DrillInput, type DrillState } from './drill.ts';

/** Events the UI (or a replay) sends. `idle` is live-clock thinking time, in simulated minutes. */
export type DrillEvent = { type: 'act'; action: string; idle?: number } | { type: 'hint' };

/**
 * Builds the machine for one scenario.
 * @param compiled the scenario, compiled
 * @returns a machine taking `{ seed, options, mode }` as input
 */
export function createDrillMachine(compiled: CompiledScenario) {
	// XState's pure `transition` builds a throwaway actor, without input, on every call; give it
	// a ready-made context instead of starting (or failing to start) a drill each time.
	let placeholder: DrillState | null = null;
	const withoutInput = () => (placeholder ??= startDrill(compiled, { seed: 0 }));
	return setup({
		types: {
			context: {} as DrillState,
			events: {} as DrillEvent,
			input: {} as DrillInput
		},
		guards: {
			canAct: ({ context, event }) => {
				assertEvent(event, 'act');
				const action = compiled.actionById.get(event.action);
				return action !== undefined && canTake(context, action);
			},
			canHint: ({ context }) => nextHint(compiled, context) !== null,
			isOver: ({ context }) => context.outcome !== 'playing'
		},
		actions: {
			act: assign(({ context, event }) => {
				assertEvent(event, 'act');
				const idle = Math.max(0, Math.floor(Number(event.idle) || 0));
				return applyAction(compiled, context, compiled.actionById.get(event.action)!, idle);
			}),
			hint: assign(({ context }) => takeHint(compiled, context))
		}
	}).createMachine({
		id: compiled.scenario.id,
		context: ({ input }) => (input ? startDrill(compiled, input) : withoutInput()),
		initial: 'playing',
		states: {
			playing: {
				always: { guard: 'isOver', target: 'over' },
				on: {
					act: { guard: 'canAct', actions: 'act' },
					hint: { guard: 'canHint', actions: 'hint' }
				}
			},
			over: { type: 'final' }
		}
	});
}

export type DrillMachine = ReturnType<typeof createDrillMachine>;
