/**
 * A validated scenario, prepared for play: lookups by id, conditions compiled to predicates,
 * and the facts the solver needs (which clock minutes matter, which actions' done-ness matters).
 */
import type { Action, Condition, Duration, Effect, Reveal, Scenario } from '../scenario/schema.ts';
import { WAIT_FOR_NEXT } from '../vocabulary.ts';
import { conditionRefs, placedConditions } from '../scenario/refs.ts';
import { compileCondition, type Predicate, type TimeFrame } from './conditions.ts';
import { offsetOf } from './time.ts';

/** A reveal with its condition compiled. */
export interface CompiledReveal {
	evidence: string;
	when: Predicate | null;
}

/** An effect with its condition compiled. */
export interface CompiledEffect {
	when: Predicate | null;
	set?: Record<string, boolean | number | string>;
	fail?: string;
	loseData?: number;
}

export interface CompiledAction {
	def: Action;
	index: number;
	/** Who does it: a person's id, or null for the trainee (whose actions take the clock with them). */
	by: string | null;
	/** The minutes it may take: one value, or every value of a range the seed draws from. */
	durations: readonly number[];
	/** The minute the person who does it arrives (0: on site from the start, or the trainee). */
	byArrives: number;
	/** The engine's "wait for the next one to finish": it lasts until someone's work ends or an event happens. */
	waitsForOthers: boolean;
	requires: Array<{ when: Predicate; reason: string }>;
	effects: CompiledEffect[];
	reveals: CompiledReveal[];
	until: Predicate | null;
	/** When the action's risk applies (null: always, when it has one). */
	riskWhen: Predicate | null;
}

/** An event (inject) with its trigger and conditions compiled. */
export interface CompiledEvent {
	id: string;
	label: string;
	trigger: Predicate;
	effects: CompiledEffect[];
	reveals: CompiledReveal[];
}

export interface CompiledScenario {
	scenario: Scenario;
	events: CompiledEvent[];
	/** Actions whose duration the seed draws, in the order of the file (the seed draws them in this order). */
	ranged: CompiledAction[];
	/** Someone other than the trainee has work (so the engine's wait for the next one is offered). */
	parallel: boolean;
	/** Person id to name, for the reasons and the panel of who is doing what. */
	people: Map<string, string>;
	/**
	 * For a scenario imported into the app (not bundled): the content hash of its file. Attempts,
	 * drills in progress and team drill codes name it by this, so a result is only ever checked
	 * against that exact file, whatever its id and version say.
	 */
	hash?: string;
	frame: TimeFrame;
	actions: CompiledAction[];
	actionById: Map<string, CompiledAction>;
	evidenceIds: Set<string>;
	variantIds: string[];
	optionIds: string[];
	initialReveals: CompiledReveal[];
	restoreFull: Predicate;
	restoreDegraded: Predicate | null;
	failures: Array<{ id: string; when: Predicate }>;
	phases: Array<{ phase: string; when: Predicate }>;
	hints: Array<{ text: string; when: Predicate | null }>;
	status: Array<{ id: string; label: string; states: Array<{ when: Predicate | null; is: string; detail?: string }> }>;
	/** Clock minutes at which some time condition changes value, sorted. */
	thresholds: number[];
	/** `since` conditions: the action and the minutes after it that matter. */
	sinceRefs: Array<{ action: string; minutes: number }>;
	/** The actions `since` conditions read (their completion time matters, not only done-ness). */
	sinceActions: Set<string>;
	/** Actions whose done-ness can change what happens later (the solver's state includes them). */
	keyActions: string[];
	/** Evidence that world conditions look at (the solver's state includes it). */
	keyEvidence: string[];
	/** Per action index: its position among key actions, or -1 when its done-ness doesn't matter. */
	keyActionIndex: number[];
	/** Evidence id to its position among key evidence. */
	keyEvidenceIndex: Map<string, number>;
	flagNames: string[];
	/** Evidence id to the index of its text: evidence with the same title and text reads the same. */
	evidenceTextIndex: Map<string, number>;
	/**
	 * For the fair search: actions whose done-ness can change what happens or what is shown
	 * later (key actions, once-only actions whose reveals depend on the state, and every
	 * once-only action where others work or events happen, since any can let time pass), and
	 * evidence whose seen-ness can (key evidence, and evidence more than one source reveals).
	 */
	fairKeyActions: CompiledAction[];
	fairKeyEvidence: string[];
	/** The status item whose state is customer impact, and what a degraded minute counts. */
	/** `timed`: the service's status reads the clock (times, arrivals, elapsed, since), so its rate can change while an action runs. */
	impact: { service: number; degradedWeight: number; dataWeight: number; timed: boolean };
}

/** The minutes a duration may take, in order. */
export function durationsOf(d: Duration): number[] {
	if (typeof d === 'number') return [d];
	const out: number[] = [];
	for (let m = d.from; m <= d.to; m += d.step) out.push(m);
	return out;
}

/** The engine's wait, added to every scenario where people work in parallel. */
const WAIT_DEF: Action = {
	id: WAIT_FOR_NEXT,
	label: 'Wait for the next one to finish',
	group: 'escalate',
	minutes: 1,
	description: 'Let the clock run until someone finishes their work or something happens.',
	repeatable: true,
	requires: [],
	hiddenUntilAvailable: true,
	reveals: [],
	effects: []
};

const compileReveals = (list: Reveal[], frame: TimeFrame): CompiledReveal[] =>
	list.map((r) =>
		typeof r === 'string'
			? { evidence: r, when: null }
			: { evidence: r.evidence, when: r.when ? compileCondition(r.when, frame) : null }
	);

/** Evidence that more than one source (an action, or the initial screen) can reveal. */
function revealedTwice(scenario: Scenario): string[] {
	const count = new Map<string, number>();
	const sources = [
		scenario.initialEvidence,
		...scenario.actions.map((a) => a.reveals),
		...scenario.events.map((e) => e.reveals)
	];
	for (const list of sources)
		for (const id of new Set(list.map((r) => (typeof r === 'string' ? r : r.evidence))))
			count.set(id, (count.get(id) ?? 0) + 1);
	return [...count].filter(([, n]) => n > 1).map(([id]) => id);
}

/** Evidence id to a number shared by every evidence with the same source, title and text. */
function textIndex(scenario: Scenario): Map<string, number> {
	const byText = new Map<string, number>();
	return new Map(
		scenario.evidence.map((e) => {
			const text = `${e.source}\u0000${e.title}\u0000${e.text}`;
			if (!byText.has(text)) byText.set(text, byText.size);
			return [e.id, byText.get(text)!];
		})
	);
}

/**
 * Compiles a scenario that passed schema and reference checks.
 * @param scenario the validated scenario
 * @param hash the content hash of its file, for a scenario imported into the app
 */
export function compileScenario(scenario: Scenario, hash?: string): CompiledScenario {
	const start = scenario.start.time;
	const arrivals = new Map(scenario.world.people.map((p) => [p.id, p.arrives ? offsetOf(p.arrives, start) : 0]));
	const frame: TimeFrame = {
		offsetOf: (time) => offsetOf(time, start),
		arrivalOf: (person) => arrivals.get(person) ?? Infinity
	};
	const cond = (c: Condition | undefined) => (c ? compileCondition(c, frame) : null);

	const effects = (list: Effect[]): CompiledEffect[] =>
		list.map((e) => ({ when: cond(e.when), set: e.set, fail: e.fail, loseData: e.loseData }));
	const parallel = scenario.actions.some((a) => a.by !== undefined);
	const defs = parallel ? [...scenario.actions, WAIT_DEF] : scenario.actions;
	const actions: CompiledAction[] = defs.map((def, index) => ({
		def,
		index,
		by: def.by ?? null,
		byArrives: def.by === undefined ? 0 : frame.arrivalOf(def.by),
		durations: durationsOf(def.minutes),
		waitsForOthers: def === WAIT_DEF,
		requires: def.requires.map((r) => ({ when: compileCondition(r.when, frame), reason: r.reason })),
		effects: effects(def.effects),
		reveals: compileReveals(def.reveals, frame),
		// The engine's wait ends when work ends or an event happens, never on a condition; a
		// predicate that never holds marks it as a wait for every solver and lint.
		until: def === WAIT_DEF ? () => false : cond(def.until),
		riskWhen: cond(def.risk?.when)
	}));
	const events: CompiledEvent[] = scenario.events.map((e) => {
		const at = e.at !== undefined ? frame.offsetOf(e.at) : e.after;
		return {
			id: e.id,
			label: e.label,
			trigger: at !== undefined ? (w) => w.clock >= at : compileCondition(e.when!, frame),
			effects: effects(e.effects),
			reveals: compileReveals(e.reveals, frame)
		};
	});

	const placed = placedConditions(scenario);
	const thresholds = new Set<number>([scenario.limitMinutes]);
	for (const e of scenario.events) {
		if (e.at !== undefined) thresholds.add(frame.offsetOf(e.at));
		if (e.after !== undefined) thresholds.add(e.after);
	}
	// Someone's work can be handed to them from their arrival on, whether or not a condition says so.
	for (const a of scenario.actions) if (a.by !== undefined) thresholds.add(frame.arrivalOf(a.by));
	const sinceRefs: Array<{ action: string; minutes: number }> = [];
	const worldDone = new Set<string>();
	const worldSeen = new Set<string>();
	for (const { path, condition, role } of placed) {
		for (const ref of conditionRefs(condition, path)) {
			if (ref.kind === 'time') thresholds.add(frame.offsetOf(ref.time));
			else if (ref.kind === 'elapsed') thresholds.add(ref.minutes);
			else if (ref.kind === 'onSite') thresholds.add(frame.arrivalOf(ref.id));
			else if (ref.kind === 'since') {
				sinceRefs.push({ action: ref.id, minutes: ref.minutes });
				if (role !== 'display') worldDone.add(ref.id);
			} else if (ref.kind === 'done' && role !== 'display') worldDone.add(ref.id);
			else if (ref.kind === 'seen' && role === 'world') worldSeen.add(ref.id);
		}
	}
	// An action's done-ness matters to the solver when conditions ask about it, or when it is
	// done once only and doing it again could change the world differently from the first time:
	// it has effects, or it reveals evidence that world conditions read, depending on the state.
	// A repeatable action can always be done again; a once-only action otherwise would change
	// nothing that counts if done again, so its done-ness needn't be told apart.
	const keyActions = actions
		.filter(
			(a) =>
				worldDone.has(a.def.id) ||
				(!a.def.repeatable &&
					(a.effects.length > 0 || a.reveals.some((r) => r.when !== null && worldSeen.has(r.evidence))))
		)
		.map((a) => a.def.id);

	return {
		scenario,
		events,
		ranged: actions.filter((a) => a.durations.length > 1),
		parallel,
		people: new Map(scenario.world.people.map((p) => [p.id, p.name])),
		...(hash === undefined ? {} : { hash }),
		frame,
		actions,
		actionById: new Map(actions.map((a) => [a.def.id, a])),
		evidenceIds: new Set(scenario.evidence.map((e) => e.id)),
		variantIds: scenario.variants.map((v) => v.id),
		optionIds: scenario.options.map((o) => o.id),
		initialReveals: compileReveals(scenario.initialEvidence, frame),
		restoreFull: compileCondition(scenario.restore.full, frame),
		restoreDegraded: cond(scenario.restore.degraded),
		failures: scenario.failures.flatMap((f) => (f.when ? [{ id: f.id, when: compileCondition(f.when, frame) }] : [])),
		phases: Object.entries(scenario.phases).flatMap(([phase, c]) =>
			c ? [{ phase, when: compileCondition(c, frame) }] : []
		),
		hints: scenario.hints.map((h) => ({ text: h.text, when: cond(h.when) })),
		status: scenario.world.status.map((item) => ({
			id: item.id,
			label: item.label,
			states: item.states.map((st) => ({ when: cond(st.when), is: st.is, detail: st.detail }))
		})),
		thresholds: [...thresholds].filter((t) => t > 0).sort((a, b) => a - b),
		sinceRefs,
		sinceActions: new Set(sinceRefs.map((r) => r.action)),
		keyActions,
		keyEvidence: [...worldSeen].sort(),
		keyActionIndex: actions.map((a) => keyActions.indexOf(a.def.id)),
		keyEvidenceIndex: new Map([...worldSeen].sort().map((id, i) => [id, i])),
		flagNames: Object.keys(scenario.flags).sort(),
		evidenceTextIndex: textIndex(scenario),
		// Where others work or events happen, any action can let something happen while it runs,
		// so no once-only action is a no-op the fair policy would never redo: all their done-ness counts.
		fairKeyActions: actions.filter(
			(a) =>
				keyActions.includes(a.def.id) ||
				(!a.def.repeatable && (parallel || events.length > 0)) ||
				(!a.def.repeatable &&
					a.def.reveals.some(
						(r) =>
							typeof r !== 'string' &&
							r.when !== undefined &&
							conditionRefs(r.when, '').some((ref) => ref.kind !== 'variant' && ref.kind !== 'option')
					))
		),
		fairKeyEvidence: [...new Set([...worldSeen, ...revealedTwice(scenario)])].sort(),
		impact: {
			service: Math.max(
				0,
				scenario.world.status.findIndex((s) => s.id === scenario.impact?.service)
			),
			degradedWeight: scenario.impact?.degradedWeight ?? 0.5,
			dataWeight: scenario.impact?.dataWeight ?? 1,
			timed: (() => {
				const item =
					scenario.world.status[
						Math.max(
							0,
							scenario.world.status.findIndex((s) => s.id === scenario.impact?.service)
						)
					];
				return (item?.states ?? []).some(
					(st) =>
						st.when !== undefined &&
						conditionRefs(st.when, '').some(
							(r) => r.kind === 'time' || r.kind === 'elapsed' || r.kind === 'onSite' || r.kind === 'since'
						)
				);
			})()
		}
	};
}
