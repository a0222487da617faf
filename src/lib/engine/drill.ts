/**
 * A drill: the world (world.ts) plus its journal: what the trainee did and what it showed,
 * hints taken, phase laps, and the variants still consistent with the screen (which decide
 * whether an action told the trainee anything). The XState machine (machine.ts) calls these
 * from its guards and actions. Nothing here has side effects: every function returns a new state.
 */
import { isRestored, type Mode } from '../vocabulary.ts';
import { availabilitySignature, initialSignature, screenSignature, statusSignature } from './belief.ts';
import type { CompiledAction, CompiledScenario } from './compile.ts';
import {
	advance,
	availability,
	canTake,
	hiddenForSeed,
	hiddenWorlds,
	passIdle,
	startWorld,
	type Happening,
	type World
} from './world.ts';

/**
 * One step of a drill as the UI sends it and an action log records it: an action (with
 * live-clock idle minutes), a hint, or live-clock minutes with no action (sent when they run
 * into an end, such as the time limit, so the end is in the log and replays exactly).
 */
export type DrillStep =
	{ type: 'action'; action: string; idle?: number } | { type: 'hint' } | { type: 'idle'; minutes: number };

/** One line of the drill's journal: what the trainee did and what it showed. */
export type JournalEntry =
	| {
			kind: 'action';
			action: string;
			/** Clock when the action started (after any idle minutes). */
			at: number;
			/** Simulated minutes it took (less than its cost when interrupted or waiting). */
			minutes: number;
			/** Minutes of live-clock thinking time before it. */
			idle: number;
			revealed: string[];
			/** Customer impact the step added (idle minutes included). */
			impact?: number;
			/** It changed nothing and told nothing new: no variant still possible was ruled out. */
			useless: boolean;
			/** Score points the action's risk cost, judged when it was chosen (0: none). */
			risk: number;
			/** The drill ended (restore or failure) before the action finished. */
			interrupted: boolean;
			/** Others' work that ended and events that happened during the step, in order (absent: none). */
			happenings?: Happening[];
	  }
	| { kind: 'hint'; at: number; hint: number }
	/** Live-clock minutes that passed with no action, up to the end they ran into. */
	| { kind: 'idle'; at: number; minutes: number; impact?: number; happenings?: Happening[] };

export interface DrillInput {
	seed: number;
	options?: Record<string, boolean>;
	mode?: Mode;
}

/** A drill's whole state: the machine's context. Plain JSON, so snapshots persist as they are. */
export interface DrillState extends World {
	scenario: string;
	version: number;
	seed: number;
	mode: Mode;
	/** Evidence shown at the start, before any action. */
	initial: string[];
	journal: JournalEntry[];
	hintsUsed: number[];
	/** Phase (and `restored`) to the clock when it was reached. */
	laps: Record<string, number>;
	/**
	 * The worlds of the other hidden worlds (variants, and durations drawn) that everything shown
	 * so far is still consistent with.
	 */
	others: World[];
}

/** An action that tells customers how things stand: never useless, and the score asks for them. */
export const isUpdate = (action: CompiledAction) => action.def.group === 'communicate';

/**
 * The drill at its start: variant picked by the seed (and the ranged durations drawn), flags
 * at their initial values, initial evidence shown.
 */
export function startDrill(compiled: CompiledScenario, input: DrillInput): DrillState {
	const s = compiled.scenario;
	const hidden = hiddenForSeed(compiled, input.seed);
	const world = startWorld(compiled, hidden.variant, input.options ?? {}, hidden.draws);
	const screen = initialSignature(compiled, world);
	const others = hiddenWorlds(compiled)
		.filter((h) => h.key !== hidden.key)
		.map((h) => startWorld(compiled, h.variant, world.options, h.draws))
		.filter((w) => initialSignature(compiled, w) === screen);
	return {
		...world,
		scenario: s.id,
		version: s.version,
		seed: input.seed,
		mode: input.mode ?? 'practice',
		initial: Object.keys(world.seen),
		journal: [],
		hintsUsed: [],
		laps: {},
		others
	};
}

function takeLaps(compiled: CompiledScenario, state: DrillState): Record<string, number> {
	let laps = state.laps;
	for (const { phase, when } of compiled.phases) {
		if (laps[phase] === undefined && when(state)) laps = { ...laps, [phase]: state.clock };
	}
	// The first action acknowledges the incident; hints and time passing don't.
	if (laps.acknowledged === undefined && state.journal.some((j) => j.kind === 'action'))
		laps = { ...laps, acknowledged: state.clock };
	if (isRestored(state.outcome) && laps.restored === undefined) laps = { ...laps, restored: state.clock };
	return laps;
}

/**
 * The trainee takes an action. Returns the state unchanged when the action isn't available.
 * @param idle live-clock minutes the trainee spent deciding (drill mode)
 */
export function performAction(compiled: CompiledScenario, state: DrillState, actionId: string, idle = 0): DrillState {
	if (!availability(compiled, state, actionId).available) return state;
	return applyAction(compiled, state, compiled.actionById.get(actionId)!, idle);
}

/** `performAction` for a caller that has checked availability already (the machine's guard). */
export function applyAction(
	compiled: CompiledScenario,
	state: DrillState,
	action: CompiledAction,
	idle = 0
): DrillState {
	const actionId = action.def.id;
	const step = advance(compiled, state, action, idle);
	const ended = step.world.outcome !== 'playing';
	const screen = screenSignature(compiled, step);
	// The other variants' worlds, played the same way: those that would have shown the same stay possible.
	const others: World[] = [];
	// Drills saved before beliefs were kept have no `others`: they judge against nothing ruled out.
	for (const other of state.others ?? []) {
		if (!canTake(other, action)) continue;
		const o = advance(compiled, other, action, idle);
		if (screenSignature(compiled, o) === screen) others.push(o.world);
	}
	const entry: JournalEntry = {
		kind: 'action',
		action: actionId,
		at: step.startedAt,
		minutes: step.world.clock - step.startedAt,
		idle: step.startedAt - state.clock,
		revealed: step.own,
		impact: step.world.impact - (state.impact ?? 0),
		useless: false,
		risk: action.def.risk && (action.riskWhen === null || action.riskWhen(state)) ? action.def.risk.penalty : 0,
		interrupted: step.interrupted,
		...(step.happenings.length > 0 ? { happenings: step.happenings } : {})
	};
	// `advance` copies the state it is given into a fresh object, so that object is the next
	// state already: fill in the journal rather than copying every field once more.
	const next = step.world as DrillState;
	next.journal = [...state.journal, entry];
	next.others = others;
	next.laps = takeLaps(compiled, next);
	// Useless: it ruled out no variant still possible, changed no flag, status or action on
	// offer, ended nothing and reached no phase. An update to customers is never useless.
	entry.useless =
		!ended &&
		!step.interrupted &&
		!step.flagsChanged &&
		!isUpdate(action) &&
		others.length === (state.others ?? []).length &&
		next.laps === state.laps &&
		statusSignature(compiled, next) === statusSignature(compiled, state) &&
		availabilitySignature(compiled, next, actionId) === availabilitySignature(compiled, state, actionId);
	return next;
}

/** The next hint that applies now, or null (none left, or drill mode, or the drill is over). */
export function nextHint(compiled: CompiledScenario, state: DrillState): number | null {
	if (state.mode === 'drill' || state.outcome !== 'playing') return null;
	const index = compiled.hints.findIndex((h, i) => !state.hintsUsed.includes(i) && (h.when === null || h.when(state)));
	return index === -1 ? null : index;
}

/** The trainee asks for a hint: it costs score, not time. */
export function takeHint(compiled: CompiledScenario, state: DrillState): DrillState {
	const hint = nextHint(compiled, state);
	if (hint === null) return state;
	return {
		...state,
		hintsUsed: [...state.hintsUsed, hint],
		journal: [...state.journal, { kind: 'hint', at: state.clock, hint }]
	};
}

/**
 * Live-clock minutes pass with no action chosen (the trainee is still deciding). Time-based
 * ends apply as they do while an action runs: the drill ends at the first minute where one
 * holds, and the clock stops there (see `passIdle`). The drill session sends this step when the
 * live clock runs into an end, so that end is in the action log.
 * @returns the state unchanged when the drill is over or no whole minute passes
 */
export function takeIdle(compiled: CompiledScenario, state: DrillState, minutes: number): DrillState {
	const whole = Math.floor(minutes);
	if (state.outcome !== 'playing' || !(whole > 0)) return state;
	const step = passIdle(compiled, state, whole);
	const { world } = step;
	const next: DrillState = { ...state, ...world };
	next.journal = [
		...state.journal,
		{
			kind: 'idle',
			at: state.clock,
			minutes: world.clock - state.clock,
			impact: world.impact - (state.impact ?? 0),
			...(step.happenings.length > 0 ? { happenings: step.happenings } : {})
		}
	];
	// The other worlds, left idle as long: those that would have shown the same stay possible.
	const screen = screenSignature(compiled, step);
	next.others = (state.others ?? [])
		.map((o) => passIdle(compiled, o, whole))
		.filter((o) => screenSignature(compiled, o) === screen)
		.map((o) => o.world);
	next.laps = takeLaps(compiled, next);
	return next;
}
