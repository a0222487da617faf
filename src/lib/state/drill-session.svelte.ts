/**
 * One drill being played: owns the XState actor and exposes its snapshot as runes, plus what
 * the drill screen shows (status, grouped actions, the evidence log, the guide's notes).
 * Components only read these getters and call `act`, `hint` and `finish`.
 */
import { createActor, type Actor } from 'xstate';
import type { CompiledScenario } from '$lib/engine/compile';
import { availability, nextHint, worldStatus, type DrillState } from '$lib/engine/drill';
import { machineFor } from '$lib/engine/replay';
import type { DrillMachine } from '$lib/engine/machine';
// Types only: the schema module's values would bring zod into the drill page.
import type { ActionGroup, Evidence } from '$lib/scenario/schema';
import { describeStep } from './announce';
import { keepAttempt } from './attempts';
import type { DrillParams } from './drill-params';
import { owedIdle } from './live-clock';

export const GROUP_LABELS: Record<ActionGroup, string> = {
	diagnose: 'Diagnose',
	repair: 'Repair',
	escalate: 'Escalate',
	communicate: 'Communicate',
	failover: 'Fail over'
};
/** Groups in the order the drill screen shows them (the schema's ACTION_GROUPS order). */
const ACTION_GROUPS = Object.keys(GROUP_LABELS) as ActionGroup[];

export interface ActionView {
	id: string;
	label: string;
	minutes: number;
	/** A waiting action: it may end before its minutes run out. */
	waits: boolean;
	description: string | null;
	available: boolean;
	/** Why it is not available (null when it is). */
	reason: string | null;
	risky: boolean;
}

export type LogEntry =
	| { kind: 'evidence'; key: string; at: number; evidence: Evidence }
	| { kind: 'action'; key: string; at: number; label: string; minutes: number; idle: number; nothingNew: boolean }
	| { kind: 'hint'; key: string; at: number; text: string };

/** Guided mode's note after an action: what it was for and what its evidence means. */
export interface GuideNote {
	action: string;
	note: string | null;
	evidence: Array<{ title: string; explain: string }>;
}

export interface SessionClock {
	/** Real milliseconds, monotonic (performance.now in the browser). */
	now(): number;
	/** Wall-clock time for the attempt record. */
	date(): Date;
}

const browserClock: SessionClock = {
	now: () => performance.now(),
	date: () => new Date()
};

export class DrillSession {
	readonly compiled: CompiledScenario;
	readonly params: DrillParams;
	readonly startedAt: string;
	#actor: Actor<DrillMachine>;
	#state = $state.raw<DrillState>(null as unknown as DrillState);
	#clock: SessionClock;
	#start: number;
	#wallMs: number[] = [];
	#charged = 0;
	#evidence: Map<string, Evidence>;
	/** Real time, refreshed by `tick()` while the live clock runs. */
	#now = $state(0);
	/** The last thing the status region said. */
	announcement = $state('');
	/** Guided mode's note on the last action. */
	note = $state.raw<GuideNote | null>(null);
	/** The id of the attempt record once the drill is finished and kept. */
	attemptId = $state<string | null>(null);
	/** False when the browser refused storage for the finished attempt. */
	stored = $state(true);

	/**
	 * @param compiled the scenario
	 * @param params seed, mode, options and live-clock rate
	 * @param clock real time (tests pass a fake)
	 */
	constructor(compiled: CompiledScenario, params: DrillParams, clock: SessionClock = browserClock) {
		this.compiled = compiled;
		this.params = params;
		this.#clock = clock;
		this.#start = clock.now();
		this.#now = this.#start;
		this.startedAt = clock.date().toISOString();
		this.#evidence = new Map(compiled.scenario.evidence.map((e) => [e.id, e]));
		this.#actor = createActor(machineFor(compiled), {
			input: { seed: params.seed, options: params.options, mode: params.mode }
		});
		this.#actor.subscribe((snapshot) => {
			this.#state = snapshot.context;
		});
		this.#actor.start();
		this.#state = this.#actor.getSnapshot().context;
	}

	/** The drill's whole state (the machine's context). */
	get state(): DrillState {
		return this.#state;
	}

	get over(): boolean {
		return this.#state.outcome !== 'playing';
	}

	get startTime(): string {
		return this.compiled.scenario.start.time;
	}

	/** Live-clock minutes run up since the last action, not yet charged. */
	get pendingIdle(): number {
		if (this.over) return 0;
		return owedIdle(this.#now - this.#start, this.params.liveClockRate, this.#charged);
	}

	/** The clock as shown: the drill's clock plus any live-clock minutes run up. */
	get displayClock(): number {
		return this.#state.clock + this.pendingIdle;
	}

	/** Refreshes real time (the live clock calls this every second). */
	tick(): void {
		this.#now = this.#clock.now();
	}

	/** Each status item's current state. */
	get status() {
		return worldStatus(this.compiled, this.#state);
	}

	/** The actions on screen, by group, each with its availability. */
	get actionGroups(): Array<{ group: ActionGroup; label: string; actions: ActionView[] }> {
		const state = this.#state;
		return ACTION_GROUPS.map((group) => ({
			group,
			label: GROUP_LABELS[group],
			actions: this.compiled.actions
				.filter((a) => a.def.group === group)
				.flatMap((a): ActionView[] => {
					const av = availability(this.compiled, state, a.def.id);
					if (!av.available && av.hidden) return [];
					return [
						{
							id: a.def.id,
							label: a.def.label,
							minutes: a.def.minutes,
							waits: a.until !== null,
							description: a.def.description ?? null,
							available: av.available,
							reason: av.available ? null : av.reason,
							risky: a.def.risk !== undefined
						}
					];
				})
		})).filter((g) => g.actions.length > 0);
	}

	/** The evidence log, oldest first: initial evidence, then each action and what it showed. */
	get log(): LogEntry[] {
		const state = this.#state;
		const out: LogEntry[] = [];
		for (const id of state.initial) {
			const evidence = this.#evidence.get(id);
			if (evidence) out.push({ kind: 'evidence', key: `e:${id}`, at: 0, evidence });
		}
		state.journal.forEach((j, i) => {
			if (j.kind === 'hint') {
				out.push({ kind: 'hint', key: `h:${i}`, at: j.at, text: this.compiled.hints[j.hint]?.text ?? '' });
				return;
			}
			const label = this.compiled.actionById.get(j.action)?.def.label ?? j.action;
			out.push({
				kind: 'action',
				key: `a:${i}`,
				at: j.at,
				label,
				minutes: j.minutes,
				idle: j.idle,
				nothingNew: j.revealed.length === 0
			});
			for (const id of j.revealed) {
				const evidence = this.#evidence.get(id);
				if (evidence) out.push({ kind: 'evidence', key: `e:${id}`, at: j.at + j.minutes, evidence });
			}
		});
		return out;
	}

	/** Hints are offered in guided and practice mode, while one applies. */
	get hintsAllowed(): boolean {
		return this.params.mode !== 'drill';
	}

	get hintAvailable(): boolean {
		return this.hintsAllowed && nextHint(this.compiled, this.#state) !== null;
	}

	get hintPenalty(): number {
		return this.compiled.scenario.scoring.hintPenalty;
	}

	/** The hints taken so far, in order. */
	get hints(): string[] {
		return this.#state.hintsUsed.map((i) => this.compiled.hints[i]?.text ?? '');
	}

	/**
	 * Takes an action (with any live-clock thinking minutes).
	 * @returns false when it was not possible
	 */
	act(actionId: string): boolean {
		const before = this.#state;
		this.tick();
		const idle = this.pendingIdle;
		this.#actor.send({ type: 'act', action: actionId, idle });
		const after = this.#actor.getSnapshot().context;
		this.#state = after;
		if (after.journal.length === before.journal.length) return false;
		this.#charged += idle;
		this.#wallMs.push(this.#now - this.#start);
		this.announcement = describeStep(this.compiled, before, after);
		this.note = this.params.mode === 'guided' ? this.#noteFor(after) : null;
		return true;
	}

	#noteFor(state: DrillState): GuideNote | null {
		const entry = state.journal[state.journal.length - 1];
		if (!entry || entry.kind !== 'action') return null;
		const def = this.compiled.actionById.get(entry.action)!.def;
		const evidence = entry.revealed.flatMap((id) => {
			const e = this.#evidence.get(id);
			return e?.explain ? [{ title: e.title, explain: e.explain }] : [];
		});
		return { action: def.label, note: def.note ?? null, evidence };
	}

	/** Asks for a hint: it costs score, not time. @returns the hint's text, or null */
	hint(): string | null {
		if (!this.hintAvailable) return null;
		const before = this.#state;
		this.tick();
		this.#actor.send({ type: 'hint' });
		const after = this.#actor.getSnapshot().context;
		this.#state = after;
		if (after.journal.length === before.journal.length) return null;
		this.#wallMs.push(this.#now - this.#start);
		const text = this.hints[this.hints.length - 1] ?? '';
		this.announcement = `Hint (−${this.hintPenalty} points): ${text}`;
		return text;
	}

	/**
	 * Builds the attempt record for the drill as it stands and keeps it for the debrief.
	 * The attempt module (with its validator) loads only now, keeping the drill page small.
	 * @returns the attempt's id
	 */
	async finish(): Promise<string> {
		if (this.attemptId) return this.attemptId;
		const { createAttempt } = await import('$lib/engine/attempt');
		const id = globalThis.crypto.randomUUID();
		const attempt = createAttempt(this.compiled, this.#state, {
			id,
			trainee: 'You',
			liveClockRate: this.params.liveClockRate,
			startedAt: this.startedAt,
			finishedAt: this.#clock.date().toISOString(),
			wallMs: this.#wallMs
		});
		this.stored = keepAttempt(attempt);
		this.attemptId = id;
		return id;
	}

	/** Stops the actor (when the page goes away). */
	stop(): void {
		this.#actor.stop();
	}
}
