/**
 * One drill being played: owns the XState actor and exposes its snapshot as runes, plus what
 * the drill screen shows (status, grouped actions, the evidence log, the guide's notes).
 * Components only read these getters and call `act`, `hint` and `finish`.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import type { CompiledScenario } from '$lib/engine/compile.ts';
import { nextHint, type DrillState, type DrillStep } from '$lib/engine/drill.ts';
import { worldStatus } from '$lib/engine/world.ts';
import { machineFor, type DrillMachine } from '$lib/engine/machine.ts';
import { describeStep } from './announce.ts';
import {
	actionGroups,
	drillEnd,
	evidenceLog,
	guideNote,
	hintTexts,
	teamView,
	unavailableReason,
	type ActionGroupView,
	type DrillEnd,
	type GuideNote,
	type LogEntry,
	type TeamView
} from './drill-view.ts';
import { browserStore, clearWriteAhead, writeAhead, type KeyValueStore } from '$lib/db/write-ahead.ts';
import { drillRecord, prepareDrill, saveDrill, WRITE_AHEAD_MEASURE, type ResumePoint } from './resume.ts';
import type { InProgressRow } from '$lib/db/client.ts';
import { readDrillParams, type DrillParams } from './drill-params.ts';
import { chargedIdle, endsWhileIdle, owedIdle } from './live-clock.ts';

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
	/** Where each step is written ahead, synchronously (localStorage by default; tests pass a stub). */
	store?: KeyValueStore | null;
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
	#store: KeyValueStore | null;
	/** Every save handed over so far, written (the attempt waits for it when the drill ends). */
	#saving: Promise<unknown> = Promise.resolve();
	#actor: Actor<DrillMachine>;
	#state = $state.raw<DrillState>(null as unknown as DrillState);
	#clock: SessionClock;
	#start: number;
	#wallMs: number[] = [];
	#charged = 0;
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
		this.#store = this.#persist ? (options.store === undefined ? browserStore() : options.store) : null;
		const resume = options.resume ?? null;
		// A resumed drill's wall clock carries on from where it stopped.
		this.#start = clock.now() - (resume?.elapsedMs ?? 0);
		this.#now = clock.now();
		this.startedAt = resume?.startedAt ?? clock.date().toISOString();
		const input = { seed: params.seed, options: params.options, mode: params.mode };
		const machine = machineFor(compiled);
		this.#actor = resume?.snapshot
			? createActor(machine, { input, snapshot: resume.snapshot as Snapshot<unknown> })
			: createActor(machine, { input });
		this.#actor.subscribe((snapshot) => {
			this.#state = snapshot.context;
		});
		this.#actor.start();
		// Rebuilding from the log (a write-ahead record, or the scenario changed since the save).
		if (resume && !resume.snapshot) for (const step of resume.log) this.#actor.send(step);
		this.#state = this.#actor.getSnapshot().context;
		if (resume) {
			this.#wallMs = resume.wallMs.slice(0, this.#state.journal.length);
			this.#charged = chargedIdle(this.#state.journal);
			// The guide shows again what it showed before the reload.
			if (params.mode === 'guided') this.note = guideNote(compiled, this.#state);
		}
		// A drill rebuilt from its log (a write-ahead record ahead of the save, or a scenario that
		// changed) is saved again at once, with a snapshot: the record is then cleared, and the
		// next open restores rather than replays.
		if (resume && !resume.snapshot) void this.save();
	}

	/** The action log so far, as replay takes it. */
	get actionLog(): DrillStep[] {
		return this.#state.journal.map((j): DrillStep => {
			if (j.kind === 'action') return { type: 'action', action: j.action, idle: j.idle };
			return j.kind === 'hint' ? { type: 'hint' } : { type: 'idle', minutes: j.minutes };
		});
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
	 * Saves the drill in progress (snapshot, log, wall times) to IndexedDB, at once: the row is
	 * handed to the database in the action's own task and commits while the screen draws the
	 * step (db/in-progress.ts). Saves land in the order they are made, so the last one written
	 * is the latest drill.
	 * @returns when this save is written (or failed, which the storage banner reports)
	 */
	save(): Promise<unknown> {
		return this.#persist ? this.#save(this.#row()) : this.#saving;
	}

	/** The drill in progress as it is saved and written ahead. */
	#row(): InProgressRow {
		return drillRecord(this.compiled, this.params, this.trainee, this.resumePoint());
	}

	#save(row: InProgressRow): Promise<unknown> {
		// Handed to the database now, in this task (saveDrill); writes land in the order they are
		// made, and waiting for all of them is waiting for the newest.
		this.#saving = Promise.all([this.#saving, saveDrill(row, this.#store)]);
		return this.#saving;
	}

	/**
	 * Records a step the moment it is taken: written ahead synchronously, so it survives the tab
	 * closing or crashing before the asynchronous save lands (see db/write-ahead.ts), then saved.
	 * Svelte draws changed state in a microtask after the current task, so a step recorded here
	 * is on record before the screen can show its outcome.
	 */
	#record(): void {
		if (!this.#persist) return;
		const row = this.#row();
		const start = performance.now();
		writeAhead(this.#store, row);
		performance.measure?.(WRITE_AHEAD_MEASURE, { start, end: performance.now() });
		void this.#save(row);
	}

	/** The drill's whole state (the machine's context). */
	get state(): DrillState {
		return this.#state;
	}

	/** The machine has left \`playing\` for one of its \`over.*\` outcomes. */
	get over(): boolean {
		void this.#state; // re-read whenever the context changes
		return this.#actor.getSnapshot().matches('over');
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

	/**
	 * Refreshes real time (the live clock calls this every second). When the live clock has run
	 * into an end (the time limit, say), the drill ends now, with those minutes in its log.
	 */
	tick(): void {
		this.#now = this.#clock.now();
		const pending = this.pendingIdle;
		if (endsWhileIdle(this.compiled, this.#state, pending)) this.#step({ type: 'idle', minutes: pending });
	}

	/** Each status item's current state. */
	get status() {
		return worldStatus(this.compiled, this.#state);
	}

	/** The actions on screen, by group, each with its availability. */
	get actionGroups(): ActionGroupView[] {
		return actionGroups(this.compiled, this.#state);
	}

	/** Who is doing what, and the wait for the next one (null where the trainee works alone). */
	get team(): TeamView | null {
		return teamView(this.compiled, this.#state);
	}

	/** The evidence log, oldest first: initial evidence, then each step and what it showed. */
	get log(): LogEntry[] {
		return evidenceLog(this.compiled, this.#state);
	}

	/** How the drill ended (null while it runs). */
	get end(): DrillEnd | null {
		return drillEnd(this.compiled, this.#state);
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
		return hintTexts(this.compiled, this.#state);
	}

	/**
	 * Takes an action (with any live-clock thinking minutes). One that can't be taken now is
	 * not taken, and the status region says why.
	 * @returns false when it was not possible
	 */
	act(actionId: string): boolean {
		// The live clock may have run out while the trainee chose: then the drill ended first.
		this.tick();
		if (this.over) return false;
		const reason = unavailableReason(this.compiled, this.#state, actionId);
		if (reason !== null) {
			this.announcement = `Not available: ${reason}`;
			return false;
		}
		if (!this.#step({ type: 'action', action: actionId, idle: this.pendingIdle })) return false;
		this.note = this.params.mode === 'guided' ? guideNote(this.compiled, this.#state) : null;
		return true;
	}

	/**
	 * Asks for a hint: it costs score, not time. When none applies, the status region says so.
	 * @returns the hint's text, or null
	 */
	hint(): string | null {
		this.tick();
		if (!this.hintAvailable) {
			if (this.hintsAllowed && !this.over) this.announcement = 'No hint applies right now.';
			return null;
		}
		if (!this.#step({ type: 'hint' })) return null;
		const text = this.hints[this.hints.length - 1] ?? '';
		this.announcement = `Hint (−${this.hintPenalty} points): ${text}`;
		return text;
	}

	/**
	 * Sends one step to the machine and, when it was taken, records it (before the screen shows
	 * it) and announces its outcome.
	 * @returns false when the machine refused it
	 */
	#step(event: DrillStep): boolean {
		const before = this.#state;
		this.#actor.send(event);
		const after = this.#actor.getSnapshot().context;
		this.#state = after;
		if (after.journal.length === before.journal.length) return false;
		this.#charged = chargedIdle(after.journal);
		this.#wallMs.push(this.#now - this.#start);
		this.#record();
		this.announcement = describeStep(this.compiled, before, after);
		return true;
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
		// The last save must land before the attempt replaces the drill in progress (one
		// transaction), and it clears the write-ahead record: should the tab die before the attempt
		// is kept, the saved drill, over already, is finished on the next open, once.
		await this.#saving;
		this.stored = await keepAttempt(attempt);
		if (this.stored) clearWriteAhead(this.#store, this.compiled.scenario.id);
		this.attemptId = id;
		return id;
	}

	/** Stops the actor (when the page goes away). */
	stop(): void {
		this.#actor.stop();
	}
}

/** The drill page's session, and what the trainee should be told about how it started. */
export interface OpenedDrill {
	session: DrillSession;
	/** Resumed, rebuilt, or interrupted and why; empty for a fresh drill. */
	notice: string;
}

/**
 * Starts the drill page's session from its query string: a fresh drill, or the drill in
 * progress for this scenario picked up again (resume.ts decides which). A saved snapshot the
 * machine refuses (one an older version's machine wrote) costs nothing: the drill is rebuilt
 * by replaying its log instead.
 * @param search the page's query string (seed, mode, options, rate or drill code)
 */
export async function openDrill(compiled: CompiledScenario, search: URLSearchParams): Promise<OpenedDrill> {
	const start = await prepareDrill(compiled, readDrillParams(search, compiled));
	const notice = start.notice ?? '';
	const options = { trainee: start.trainee, resume: start.resume };
	try {
		return { session: new DrillSession(compiled, start.params, undefined, options), notice };
	} catch {
		const resume = start.resume ? { ...start.resume, snapshot: null } : null;
		return { session: new DrillSession(compiled, start.params, undefined, { ...options, resume }), notice };
	}
}
