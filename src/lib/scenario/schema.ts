/**
 * The scenario format: what a file in `scenarios/` may contain.
 *
 * Scenarios are data. Guards and effects are written in the small declarative vocabulary
 * below (conditions, effects, reveals) and interpreted by the engine; nothing in a scenario
 * is ever evaluated as code. Every object is strict, so a misspelt key is an error that names
 * the key, not a silently ignored field.
 */
import { z } from 'zod';
import { DIFFICULTIES, MAX_DRAWS } from '../vocabulary.ts';

// zod compiles fast validators with `new Function` unless told not to; the app's pages forbid
// eval (their Content Security Policy, svelte.config.js), so its validators run interpreted.
z.config({ jitless: true });

/** Ids are short kebab-case words: safe as object keys, URL parts and CSS-free labels. */
export const Id = z
	.string()
	.regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'must be a kebab-case id such as "check-cables"')
	.max(64);

/** Flag and option names are camelCase words. */
export const Name = z
	.string()
	.regex(/^[a-z][a-zA-Z0-9]*$/, 'must be a camelCase name such as "ramReplaced"')
	.max(64);

/** A time of day on the simulated clock, "HH:MM" (24 h). It means its first occurrence at or after the incident's start. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as "09:55"');

export const Scalar = z.union([z.boolean(), z.number().finite(), z.string().max(200)]);
export type Scalar = z.infer<typeof Scalar>;

const Text = (max = 4000) => z.string().trim().min(1, 'must not be empty').max(max);

/**
 * A title, label or name: one line of plain text. Every text is shown as text, never markup,
 * whatever it holds; but a title with tags in it is a file someone built to try, so it is refused.
 */
const Label = (max: number) =>
	Text(max).refine(
		(v) => !/<\s*\/?\s*[a-zA-Z!?]/.test(v),
		'must be plain text: markup such as "<script>" is not allowed here'
	);

/**
 * A condition, evaluated by the engine against the drill's state. Exactly one key:
 * - `all` / `any`: lists of conditions; `not`: one condition;
 * - `variant`: the hidden variant is this id (or one of these ids);
 * - `option`: every named preparedness option has the given value;
 * - `flag`: every named world flag has the given value;
 * - `done`: the action has been carried out at least once; `seen`: the evidence has been revealed;
 * - `onSite`: the person is on site (their arrival time has come);
 * - `at`: the time of day is `from` or later and/or `before` the given time;
 * - `elapsed`: minutes since the incident's start, `atLeast` and/or `below`;
 * - `since`: at least `minutes` have passed since `action` was last completed (false if never done).
 */
export type Condition =
	| { all: Condition[] }
	| { any: Condition[] }
	| { not: Condition }
	| { variant: string | string[] }
	| { option: Record<string, Scalar> }
	| { flag: Record<string, Scalar> }
	| { done: string }
	| { seen: string }
	| { onSite: string }
	| { at: { from?: string; before?: string } }
	| { elapsed: { atLeast?: number; below?: number } }
	| { since: { action: string; minutes: number } };

export const CONDITION_KEYS = [
	'all',
	'any',
	'not',
	'variant',
	'option',
	'flag',
	'done',
	'seen',
	'onSite',
	'at',
	'elapsed',
	'since'
] as const;

const Minutes = z.number().int('must be a whole number of minutes').min(0).max(100_000);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
	z
		.object({
			all: z.array(ConditionSchema).min(1).max(100).optional(),
			any: z.array(ConditionSchema).min(1).max(100).optional(),
			not: ConditionSchema.optional(),
			variant: z.union([Id, z.array(Id).min(1).max(100)]).optional(),
			option: z.record(Name, Scalar).optional(),
			flag: z.record(Name, Scalar).optional(),
			done: Id.optional(),
			seen: Id.optional(),
			onSite: Id.optional(),
			at: z
				.object({ from: TimeOfDay.optional(), before: TimeOfDay.optional() })
				.strict()
				.refine((v) => v.from !== undefined || v.before !== undefined, 'needs "from" or "before"')
				.optional(),
			elapsed: z
				.object({ atLeast: Minutes.optional(), below: Minutes.optional() })
				.strict()
				.refine((v) => v.atLeast !== undefined || v.below !== undefined, 'needs "atLeast" or "below"')
				.optional(),
			since: z.object({ action: Id, minutes: Minutes }).strict().optional()
		})
		.strict()
		.refine((c) => Object.keys(c).length === 1, {
			message: `a condition has exactly one of: ${CONDITION_KEYS.join(', ')}`
		})
) as z.ZodType<Condition>;

/**
 * What an action changes. `set` writes world flags; `fail` ends the drill with a declared
 * failure; `loseData` records minutes of customers' writes lost for good (a restore from an
 * older copy, writes discarded after a split).
 */
export const EffectSchema = z
	.object({
		set: z.record(Name, Scalar).optional(),
		fail: Id.optional(),
		loseData: Minutes.min(1).optional(),
		when: ConditionSchema.optional()
	})
	.strict()
	.refine((e) => [e.set, e.fail, e.loseData].filter((x) => x !== undefined).length === 1, {
		message: 'an effect has exactly one of: set, fail, loseData (and an optional "when")'
	});
export type Effect = z.infer<typeof EffectSchema>;

/** Evidence an action shows, optionally only when a condition holds (usually a variant). */
export const RevealSchema = z.union([Id, z.object({ evidence: Id, when: ConditionSchema.optional() }).strict()]);
export type Reveal = z.infer<typeof RevealSchema>;

export const ACTION_GROUPS = ['diagnose', 'repair', 'escalate', 'communicate', 'failover'] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

/**
 * How long an action takes: whole minutes, or a range drawn from the seed, `from` to `to` in
 * steps of `step` (default 5), every value equally likely.
 */
export const DurationSchema = z.union([
	Minutes.min(1, 'an action takes at least 1 minute'),
	z
		.object({ from: Minutes.min(1, 'an action takes at least 1 minute'), to: Minutes, step: Minutes.min(1).default(5) })
		.strict()
		.refine((d) => d.to > d.from, 'a range needs "to" after "from"')
		.refine((d) => (d.to - d.from) % d.step === 0, 'a range\'s "to" must be "from" plus whole steps')
		.refine(
			(d) => (d.to - d.from) / d.step + 1 <= MAX_DRAWS,
			`a range draws from at most ${MAX_DRAWS} durations: use a larger step`
		)
]);
export type Duration = z.infer<typeof DurationSchema>;

export const ActionSchema = z
	.object({
		id: Id,
		label: Label(120),
		group: z.enum(ACTION_GROUPS),
		/**
		 * Simulated minutes the action takes (for `until` actions: the most it can take), or a
		 * range drawn from the seed.
		 */
		minutes: DurationSchema,
		/**
		 * Who does it: a person of `world.people`, who works on it while the trainee goes on
		 * (starting it takes no time). Omitted: the trainee, whose own actions take their minutes.
		 */
		by: Id.optional(),
		/** A waiting action ends early, at the first minute when this holds (or the drill ends). */
		until: ConditionSchema.optional(),
		/** Text shown with the action, e.g. what it involves. */
		description: Text(1000).optional(),
		/** May be carried out more than once (default: once). */
		repeatable: z.boolean().default(false),
		/** Each requirement that does not hold makes the action unavailable, with its reason. */
		requires: z
			.array(z.object({ when: ConditionSchema, reason: Text(300) }).strict())
			.max(20)
			.default([]),
		/** Keep the action off the screen while it is unavailable (the default shows it, greyed, with its reason). */
		hiddenUntilAvailable: z.boolean().default(false),
		reveals: z.array(RevealSchema).max(50).default([]),
		effects: z.array(EffectSchema).max(50).default([]),
		/**
		 * A risky action costs score even when it works out; with `when`, only if that holds at
		 * the moment the action is chosen (e.g. a firmware flash without evidence against the firmware).
		 */
		risk: z
			.object({ penalty: z.number().int().min(0).max(100), reason: Text(500), when: ConditionSchema.optional() })
			.strict()
			.optional(),
		/** Guided mode: what this action is for and what its result means. */
		note: Text(2000).optional()
	})
	.strict();
export type Action = z.infer<typeof ActionSchema>;

export const EVIDENCE_SOURCES = [
	'kernel',
	'hardware-log',
	'post',
	'console',
	'switch',
	'ticket',
	'monitoring',
	'phone',
	'observation'
] as const;

export const EvidenceSchema = z
	.object({
		id: Id,
		source: z.enum(EVIDENCE_SOURCES),
		/** A short headline for the evidence log. */
		title: Label(160),
		/** The evidence itself: machine output is shown in monospace as written. */
		text: Text(6000),
		/** Guided mode: what this evidence means. */
		explain: Text(2000).optional()
	})
	.strict();
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * Something that happens on its own, once (an inject: a customer ticket, the manager calling,
 * an alert, caches expiring, a second failure): at a time of day (`at`), after some minutes
 * (`after`), or the first moment a condition holds (`when`). Its evidence joins the log and
 * its effects apply at that moment. A condition's `done` and `since` can name an event.
 */
export const EventSchema = z
	.object({
		id: Id,
		/** What the status line announces when it happens. */
		label: Label(160),
		at: TimeOfDay.optional(),
		after: Minutes.min(1).optional(),
		when: ConditionSchema.optional(),
		reveals: z.array(RevealSchema).max(50).default([]),
		effects: z.array(EffectSchema).max(50).default([])
	})
	.strict()
	.refine((e) => [e.at, e.after, e.when].filter((x) => x !== undefined).length === 1, {
		message: 'an event has exactly one of: at, after, when'
	});
export type ScenarioEvent = z.infer<typeof EventSchema>;

export const VariantSchema = z
	.object({
		id: Id,
		label: Label(160),
		weight: z.number().positive().max(1000),
		/** This is what really happened. */
		historical: z.boolean().default(false),
		/** Debrief: what the fault was and how to tell. */
		explanation: Text(3000),
		/** Debrief: the evidence that points to this variant. */
		pointers: z.array(Id).max(20).default([])
	})
	.strict();
export type Variant = z.infer<typeof VariantSchema>;

export const OptionSchema = z
	.object({
		id: Name,
		label: Label(160),
		description: Text(1000),
		default: z.boolean()
	})
	.strict();
export type ScenarioOption = z.infer<typeof OptionSchema>;

export const PresetSchema = z
	.object({
		id: Id,
		label: Label(120),
		description: Text(1000),
		options: z.record(Name, z.boolean())
	})
	.strict();
export type Preset = z.infer<typeof PresetSchema>;

export const PersonSchema = z
	.object({
		id: Id,
		name: Label(120),
		role: Text(200),
		/** On site from this time of day (omit when on site from the start). */
		arrives: TimeOfDay.optional()
	})
	.strict();
export type Person = z.infer<typeof PersonSchema>;

export const STATUS_VALUES = ['up', 'down', 'degraded', 'unknown'] as const;
export type StatusValue = (typeof STATUS_VALUES)[number];

export const StatusItemSchema = z
	.object({
		id: Id,
		label: Label(120),
		/** The first entry whose `when` holds (or that has none) gives the status. */
		states: z
			.array(
				z
					.object({
						when: ConditionSchema.optional(),
						is: z.enum(STATUS_VALUES),
						detail: Text(300).optional()
					})
					.strict()
			)
			.min(1)
			.max(30)
	})
	.strict();
export type StatusItem = z.infer<typeof StatusItemSchema>;

export const FailureSchema = z
	.object({
		id: Id,
		label: Label(160),
		/** Checked after every action; an action may also end the drill with `fail: id`. */
		when: ConditionSchema.optional(),
		explanation: Text(3000)
	})
	.strict();
export type Failure = z.infer<typeof FailureSchema>;

export const ScoringSchema = z
	.object({
		hintPenalty: z.number().int().min(0).max(100).default(5),
		uselessPenalty: z.number().int().min(0).max(100).default(2),
		degradedPenalty: z.number().int().min(0).max(100).default(10),
		/** The first status update should come within this many minutes of the start. */
		statusUpdateWithin: Minutes.default(30),
		/** Then one at least every this many minutes while the outage lasts (omit: only the first is asked for). */
		statusUpdateEvery: Minutes.min(5).optional(),
		lateUpdatePenalty: z.number().int().min(0).max(100).default(5)
	})
	.strict();
export type Scoring = z.infer<typeof ScoringSchema>;

/** The checker's lints a scenario may opt out of (with a reason). */
export const LINTS = ['blind-play', 'leak', 'wait'] as const;
export type Lint = (typeof LINTS)[number];

export const ScenarioSchema = z
	.object({
		format: z.literal('nightshift-scenario/1'),
		id: Id,
		version: z.number().int().min(1),
		title: Label(120),
		summary: Text(600),
		difficulty: z.enum(DIFFICULTIES),
		/** Real minutes a trainee needs to play it. */
		estimatedMinutes: z.number().int().min(1).max(600),
		tags: z.array(Id).max(20).default([]),
		learningGoals: z.array(Text(300)).min(1).max(20),
		sources: z
			.array(z.object({ title: Label(300), url: z.url().max(500).optional() }).strict())
			.max(20)
			.default([]),
		/** The incident's start on the simulated clock. */
		start: z
			.object({
				date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as "2012-10-14"'),
				time: TimeOfDay,
				timezone: Text(40).optional()
			})
			.strict(),
		/** The drill ends, not restored, after this many simulated minutes. */
		limitMinutes: Minutes.min(10),
		/** The situation at the start, for the briefing. */
		briefing: Text(6000),
		world: z
			.object({
				description: Text(4000).optional(),
				people: z.array(PersonSchema).max(30).default([]),
				status: z.array(StatusItemSchema).min(1).max(30)
			})
			.strict(),
		/** World flags and their values at the start. */
		flags: z.record(Name, Scalar).default({}),
		options: z.array(OptionSchema).max(10).default([]),
		presets: z.array(PresetSchema).max(10).default([]),
		variants: z.array(VariantSchema).min(1).max(30),
		evidence: z.array(EvidenceSchema).min(1).max(500),
		/** Evidence in the log when the drill starts. */
		initialEvidence: z.array(RevealSchema).max(20).default([]),
		actions: z.array(ActionSchema).min(1).max(200),
		/** Injects: what happens on its own, once, in this order when several are due at once. */
		events: z.array(EventSchema).max(50).default([]),
		restore: z.object({ full: ConditionSchema, degraded: ConditionSchema.optional() }).strict(),
		failures: z.array(FailureSchema).max(20).default([]),
		/** When each phase lap is taken: the first moment its condition holds. */
		phases: z
			.object({
				acknowledged: ConditionSchema.optional(),
				diagnosed: ConditionSchema,
				mitigated: ConditionSchema.optional(),
				statusUpdate: ConditionSchema.optional()
			})
			.strict(),
		/**
		 * What customers lose: every minute the `service` status item is down (or unknown) counts 1,
		 * every minute it is degraded counts `degradedWeight`. Par, fair par and the score use it.
		 * Minutes of data lost (`loseData` effects) count `dataWeight` each.
		 * Default: the first status item, degraded minutes at 0.5, data at 1.
		 */
		impact: z
			.object({
				service: Id,
				degradedWeight: z.number().min(0).max(1).default(0.5),
				/** How many minutes of downtime one minute of lost writes weighs (default 1). */
				dataWeight: z.number().min(0).max(100).default(1)
			})
			.strict()
			.optional(),
		/** Scenario lints this scenario opts out of, each with the reason written down. */
		allow: z
			.array(z.object({ lint: z.enum(LINTS), reason: Text(1000) }).strict())
			.max(LINTS.length)
			.default([]),
		hints: z
			.array(z.object({ when: ConditionSchema.optional(), text: Text(1000) }).strict())
			.max(50)
			.default([]),
		scoring: ScoringSchema.default({
			hintPenalty: 5,
			uselessPenalty: 2,
			degradedPenalty: 10,
			statusUpdateWithin: 30,
			lateUpdatePenalty: 5
		}),
		/** What really happened, where there is a real night behind the scenario. */
		historical: z
			.object({
				minutes: Minutes,
				variant: Id,
				preset: Id.optional(),
				/** The real night's actions, in order; replayed by the tests. */
				path: z.array(Id).min(1).max(200)
			})
			.strict()
			.optional(),
		debrief: z.object({ whatHappened: Text(6000), lessons: z.array(Text(1000)).min(1).max(20) }).strict()
	})
	.strict();

/** A scenario as written in its file, after schema validation (defaults filled in). */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** The same, as an author writes it (defaults optional): what the JSON Schema describes. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
