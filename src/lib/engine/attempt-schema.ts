/**
 * The attempt schema: checks attempts that come from outside (result files, backups) before
 * anything reads them. Kept apart from attempt.ts so that the pages that only build, store or
 * show attempts never load the validator library.
 */
import { z } from 'zod';
import { Id, Name } from '../scenario/schema.ts';
import {
	ATTEMPT_FORMAT,
	ATTEMPT_FORMAT_VERSION,
	GRADES,
	MAX_ATTEMPT_BYTES,
	MAX_SEED,
	MODES,
	OUTCOMES,
	PENALTY_KINDS
} from '../vocabulary.ts';
import type { Attempt } from './attempt.ts';
import { firstIssue, readJsonFile } from './json-file.ts';

// zod compiles fast validators with `new Function` unless told not to; the app's pages forbid
// eval (their Content Security Policy, svelte.config.js), so its validators run interpreted.
z.config({ jitless: true });

const Minutes = z.number().int().min(0).max(100_000);

const StepSchema = z.discriminatedUnion('type', [
	z
		.object({
			type: z.literal('action'),
			action: Id,
			/** Simulated clock when the action started. */
			at: Minutes,
			/** Simulated minutes it took. */
			minutes: Minutes,
			/** Live-clock thinking minutes before it. */
			idle: Minutes,
			/** Wall-clock milliseconds since the drill started. */
			wallMs: z.number().int().min(0)
		})
		.strict(),
	z.object({ type: z.literal('hint'), at: Minutes, wallMs: z.number().int().min(0) }).strict(),
	/** Live-clock minutes with no action, that ran into the drill's end. */
	z.object({ type: z.literal('idle'), at: Minutes, minutes: Minutes, wallMs: z.number().int().min(0) }).strict()
]);

const ScoreSchema = z
	.object({
		timeScore: z.number().int().min(0).max(100),
		penalties: z
			.array(
				z
					.object({
						kind: z.enum(PENALTY_KINDS),
						label: z.string().max(300),
						points: z.number().int().min(0).max(100)
					})
					.strict()
			)
			.max(5000),
		total: z.number().int().min(0).max(100),
		grade: z.enum(GRADES),
		minutes: Minutes.nullable(),
		par: z.number().min(0).max(100_000),
		omniscientPar: z.number().min(0).max(100_000).optional(),
		impact: z.number().min(0).max(100_000).optional(),
		dataLost: Minutes.optional()
	})
	.strict();

export const AttemptSchema = z
	.object({
		format: z.literal(ATTEMPT_FORMAT),
		formatVersion: z.union([z.literal(1), z.literal(ATTEMPT_FORMAT_VERSION)]),
		id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
		/** `hash`: the content hash of an imported scenario's file (bundled scenarios have none). */
		scenario: z
			.object({
				id: Id,
				version: z.number().int().min(1),
				hash: z
					.string()
					.regex(/^[0-9a-f]{64}$/)
					.optional()
			})
			.strict(),
		seed: z.number().int().min(0).max(MAX_SEED),
		options: z.record(Name, z.boolean()),
		mode: z.enum(MODES),
		trainee: z.string().trim().min(1).max(80),
		/** Drill-mode live clock: simulated minutes per real minute, or null when off. */
		liveClockRate: z.number().min(0).max(60).nullable(),
		/** The team drill's code, when the attempt was played for one. */
		drillCode: z.string().max(64).nullable(),
		startedAt: z.iso.datetime(),
		finishedAt: z.iso.datetime().nullable(),
		steps: z.array(StepSchema).max(5000),
		outcome: z.enum(OUTCOMES),
		failure: Id.nullable(),
		/** The hidden variant, revealed in the debrief. */
		variant: Id,
		laps: z.record(z.string().max(40), Minutes),
		score: ScoreSchema
	})
	.strict();

/** Fails to compile when the schema and the hand-written `Attempt` type drift apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaIsAttempt: Same<z.infer<typeof AttemptSchema>, Attempt> = true;
void schemaIsAttempt;

export type ParsedAttempt = { ok: true; attempt: Attempt } | { ok: false; reason: string };

/**
 * Reads an attempt from untrusted text (a result file).
 * @returns the attempt, or the reason it was refused
 */
export function parseAttempt(text: string): ParsedAttempt {
	const file = readJsonFile(text, MAX_ATTEMPT_BYTES, ATTEMPT_FORMAT, 'the file is not a Nightshift attempt');
	if (!file.ok) return file;
	const result = AttemptSchema.safeParse(file.data);
	if (!result.success) return { ok: false, reason: `malformed attempt: ${firstIssue(result.error)}` };
	return { ok: true, attempt: result.data };
}
