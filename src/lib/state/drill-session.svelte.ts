/**
 * One drill being played: owns the XState actor and exposes its snapshot as runes, plus what
 * the drill screen shows (status, grouped actions, the evidence log, the guide's notes).
 * Components only read these getters and call `act`, `hint` and `finish`.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import type { CompiledScenario } from '$lib/engine/compile.ts';
import { nextHint, type DrillState } from '$lib/engine/drill.ts';
import { availability, worldStatus } from '$lib/engine/world.ts';
import type { DrillStep } from '$lib/engine/drill.ts';
import { machineFor } from '$lib/engine/machine.ts';
import type { DrillMachine } from '$lib/engine/machine.ts';
// Types only: the schema module's values would bring zod into the drill page.
import type { ActionGroup, Evidence } from '$lib/scenario/schema.ts';
import { describeStep } from './announce.ts';
import { ACTION_SAVED_MEASURE, afterPaint, saveDrill, type ResumePoint } from './resume.ts';
import type { DrillParams } from './drill-params.ts';
import { owedIdle } from './live-clock.ts';

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

/** Who plays, and where to resume from. */
export interface SessionOptions {
	/** The trainee's name for the attempt record. */
	trainee?: string;
	/** A drill in progress to continue. */
	resume?: ResumePoint | null;
	/** Save the drill after every action (off in unit tests that don't need it). */
	persist?: boolean;
}

const browserClock: SessionClock = {
	now: () => performance.now(),
	date: () => new Date()
};

export class DrillSession {
	readonly compiled: CompiledScenario;
	readonly params: DrillParams;
	readonly startedAt: string;
	readonly trainee: string;
	#persist: boolean;
	/** Saves run one after another, so the last one written is the latest drill. */
	#saving: Promise<unknown> = Promise.resolve();
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
	constructor(
		compiled: CompiledScenario,
		params: DrillParams,
		clock: SessionClock = browserClock,
		options: SessionOptions = {}
	) {
		this.compiled = compiled;
		this.params = params;
		this.#clock = clock;
		this.trainee = options.trainee ?? 'You';
		this.#persist = options.persist ?? true;
		const resume = options.resume ?? null;
		// A resumed drill's wall clock carries on from where it stopped.
		this.#start = clock.now() - (resume?.elapsedMs ?? 0);
		this.#now = clock.now();
		this.startedAt = resume?.startedAt ?? clock.date().toISOString();
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a private lookup filled once here and never changed, so nothing needs to react to it
		this.#evidence = new Map(compiled.scenario.evidence.map((e) => [e.id, e]));
		const input = { seed: params.seed, options: params.options, mode: params.mode };
		const machine = machineFor(compiled);
		this.#actor = resume?.snapshot
			? createActor(machine, { input, snapshot: resume.snapshot as Snapshot<unknown> })
			: createActor(machine, { input });
		this.#actor.subscribe((snapshot) => {
			this.#state = snapshot.context;
		});
		this.#actor.start();
		// Rebuilding from the log (the scenario changed since the snapshot was saved).
		if (resume && !resume.snapshot) for (const step of resume.log) this.#actor.send(step);
		this.#state = this.#actor.getSnapshot().context;
		if (resume) {
			this.#wallMs = resume.wallMs.slice(0, this.#state.journal.length);
			this.#charged = this.#state.journal.reduce((sum, j) => sum + (j.kind === 'action' ? j.idle : 0), 0);
		}
	}

	/** The action log so far, as replay takes it. */
	get actionLog(): DrillStep[] {
		return this.#state.journal.map((j) =>
			j.kind === 'hint' ? { type: 'hint' } : { type: 'action', action: j.action, idle: j.idle }
		);
	}

	/** Where this drill would pick up again: the actor's persisted snapshot, the log, wall times. */
	resumePoint(): ResumePoint {
		return {
			snapshot: this.#actor.getPersistedSnapshot(),
			log: this.actionLog,
			wallMs: [...this.#wallMs],
			elapsedMs: Math.round(this.#now - this.#start),
			startedAt: this.startedAt
		};
	}

	/**
	 * Saves the drill in progress (snapshot, log, wall times). Saves queue behind each other.
	 * @returns when this save is written (or failed, which the storage banner reports)
	 */
	save(): Promise<unknown> {
		if (!this.#persist) return this.#saving;
		const point = this.resumePoint();
		const actedAt = performance.now();
		this.#saving = this.#saving
			.then(afterPaint)
			.then(() => saveDrill(this.compiled, this.params, this.trainee, point))
			.then(() => performance.measure?.(ACTION_SAVED_MEASURE, { start: actedAt, end: performance.now() }));
		return this.#saving;
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
		this.#actor.send({ type: 'action', action: actionId, idle });
		const after = this.#actor.getSnapshot().context;
		this.#state = after;
		if (after.journal.length === before.journal.length) return false;
		this.#charged += idle;
		this.#wallMs.push(this.#now - this.#start);
		this.announcement = describeStep(this.compiled, before, after);
		this.note = this.params.mode === 'guided' ? this.#noteFor(after) : null;
		void this.save();
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
		void this.save();
		const text = this.hints[this.hints.length - 1] ?? '';
		this.announcement = `Hint (−${this.hintPenalty} points): ${text}`;
		return text;
	}

	/**
	 * Builds the attempt record for the drill as it stands and keeps it for the debrief.
	 * The attempt module (with its validator) loads only now, keeping the drill page small.
	 * @returns the attempt's id
	 */
	finish(): Promise<string> {
		return (this.#finishing ??= this.#finish());
	}

	#finishing: Promise<string> | null = null;

	async #finish(): Promise<string> {
		const [{ createAttempt }, { keepAttempt }] = await Promise.all([
			import('$lib/engine/attempt.ts'),
			import('./attempts.ts')
		]);
		const id = globalThis.crypto.randomUUID();
		const attempt = createAttempt(this.compiled, this.#state, {
			id,
			trainee: this.trainee,
			liveClockRate: this.params.liveClockRate,
			drillCode: this.params.drillCode ?? null,
			startedAt: this.startedAt,
			finishedAt: this.#clock.date().toISOString(),
			wallMs: this.#wallMs
		});
		// The last save must land before the attempt replaces the drill in progress.
		await this.#saving;
		this.stored = await keepAttempt(attempt);
		this.attemptId = id;
		return id;
	}

	/** Stops the actor (when the page goes away). */
	stop(): void {
		this.#actor.stop();
	}
}
