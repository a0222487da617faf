/**
 * A compiled scenario as an XState v5 machine. The machine is pure: time lives in context and
 * moves by action minutes, so `initialTransition` / `transition` give every next snapshot,
 * replays are exact, and a persisted snapshot restores the drill as it was.
 *
 * The machine owns the drill's life: `playing`, then one of the final outcomes
 * (`over.restored`, `over.degraded`, `over.failed`, `over.timedOut`), so the UI asks
 * `snapshot.matches(...)`. What an action does to the world is the engine's pure step
 * (`applyAction`), run as the machine's `assign`; the solvers call that step directly, since
 * they search millions of states and need no actor or snapshot around each one.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { CompiledScenario } from './compile.ts';
import {
	applyAction,
	nextHint,
	startDrill,
	takeHint,
	takeIdle,
	type DrillInput,
	type DrillState,
	type DrillStep
} from './drill.ts';
import { canTake } from './world.ts';

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
			// The UI and replays send the steps of an action log.
			events: {} as DrillStep,
			input: {} as DrillInput
		},
		guards: {
			canAct: ({ context, event }) => {
				assertEvent(event, 'action');
				const action = compiled.actionById.get(event.action);
				return action !== undefined && canTake(context, action);
			},
			canHint: ({ context }) => nextHint(compiled, context) !== null,
			canIdle: ({ context, event }) => {
				assertEvent(event, 'idle');
				return takeIdle(compiled, context, Number(event.minutes) || 0) !== context;
			},
			isRestored: ({ context }) => context.outcome === 'restored',
			isDegraded: ({ context }) => context.outcome === 'degraded',
			isFailed: ({ context }) => context.outcome === 'failed',
			isTimedOut: ({ context }) => context.outcome === 'timeout'
		},
		actions: {
			act: assign(({ context, event }) => {
				assertEvent(event, 'action');
				const idle = Math.max(0, Math.floor(Number(event.idle) || 0));
				return applyAction(compiled, context, compiled.actionById.get(event.action)!, idle);
			}),
			hint: assign(({ context }) => takeHint(compiled, context)),
			idle: assign(({ context, event }) => {
				assertEvent(event, 'idle');
				return takeIdle(compiled, context, Number(event.minutes) || 0);
			})
		}
	}).createMachine({
		id: compiled.scenario.id,
		context: ({ input }) => (input ? startDrill(compiled, input) : withoutInput()),
		initial: 'playing',
		states: {
			playing: {
				always: [
					{ guard: 'isRestored', target: 'over.restored' },
					{ guard: 'isDegraded', target: 'over.degraded' },
					{ guard: 'isFailed', target: 'over.failed' },
					{ guard: 'isTimedOut', target: 'over.timedOut' }
				],
				on: {
					action: { guard: 'canAct', actions: 'act' },
					hint: { guard: 'canHint', actions: 'hint' },
					idle: { guard: 'canIdle', actions: 'idle' }
				}
			},
			over: {
				// Always entered through one of its children (XState asks for an initial one anyway).
				initial: 'restored',
				states: {
					restored: { type: 'final' },
					degraded: { type: 'final' },
					failed: { type: 'final' },
					timedOut: { type: 'final' }
				}
			}
		}
	});
}

export type DrillMachine = ReturnType<typeof createDrillMachine>;

const machines = new WeakMap<CompiledScenario, DrillMachine>();

/** The machine for a compiled scenario, built once. */
export function machineFor(compiled: CompiledScenario): DrillMachine {
	let machine = machines.get(compiled);
	if (!machine) machines.set(compiled, (machine = createDrillMachine(compiled)));
	return machine;
}
