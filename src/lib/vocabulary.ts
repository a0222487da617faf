/**
 * The domain's words, in one place: phases, outcomes, modes, grades, penalty kinds and the
 * live clock's rates, with the labels people read. Schemas (zod enums), filters, CSV columns
 * and screens derive from these lists; every label table is typed by its list, so a word
 * added without a label fails to compile. Pure data: every layer may import it.
 */

/** Phase laps a scenario may define, in the order a drill reaches them. */
export const PHASES = ['acknowledged', 'diagnosed', 'mitigated', 'statusUpdate'] as const;
export type Phase = (typeof PHASES)[number];

/** Every lap a drill records: the phases, then the restore. */
export const LAPS = ['acknowledged', 'diagnosed', 'mitigated', 'statusUpdate', 'restored'] as const;
export type Lap = (typeof LAPS)[number];

export const LAP_LABELS: Record<Lap, string> = {
	acknowledged: 'Acknowledged',
	diagnosed: 'Diagnosed',
	mitigated: 'Mitigated',
	statusUpdate: 'First status update',
	restored: 'Restored'
};

/** How a drill stands: still playing, or how it ended. */
export const OUTCOMES = ['playing', 'restored', 'degraded', 'failed', 'timeout'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
	restored: 'Restored',
	degraded: 'Restored (degraded)',
	failed: 'Failed',
	timeout: 'Timed out',
	playing: 'Stopped'
};

/** The service is back, fully or degraded: the outcomes that count as a restore. */
export function isRestored(outcome: Outcome): boolean {
	return outcome === 'restored' || outcome === 'degraded';
}

export const MODES = ['guided', 'drill', 'practice'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_LABELS: Record<Mode, string> = {
	guided: 'Guided',
	drill: 'Drill',
	practice: 'Practice'
};

export const DIFFICULTIES = ['introductory', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
	introductory: 'Introductory',
	intermediate: 'Intermediate',
	advanced: 'Advanced'
};

export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** Grade boundaries on the total, highest first. F is kept for drills that did not restore. */
export const GRADE_BOUNDS: ReadonlyArray<readonly [Grade, number]> = [
	['A', 90],
	['B', 75],
	['C', 60],
	['D', 40],
	['E', 0]
];

/** What a score's penalty was for. */
export const PENALTY_KINDS = ['hint', 'useless', 'risk', 'degraded', 'late-update'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

export const PENALTY_LABELS: Record<PenaltyKind, string> = {
	hint: 'Hint',
	useless: 'Told you nothing new',
	risk: 'Risky action',
	degraded: 'Degraded restore',
	'late-update': 'Customers not kept informed'
};

/**
 * Drill mode's live clock: simulated minutes per real minute. The drill code stores an index
 * into `[0, ...LIVE_CLOCK_RATES]` (0: off), so append new rates at the end, never reorder.
 */
export const LIVE_CLOCK_RATES = [1, 2, 5, 10, 15, 30, 60] as const;

/** The live clock runs in drill mode only; anything else gets none (null). */
export function liveClockFor(mode: Mode, rate: number | null | undefined): number | null {
	return mode === 'drill' && typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && rate <= 60 ? rate : null;
}

/** The largest seed: seeds are 32-bit unsigned whole numbers. */
export const MAX_SEED = 0xffffffff;
export const SEED_RANGE_MESSAGE = `a whole number from 0 to ${MAX_SEED}`;

/** True when two option sets give every option the same value (missing counts as off). */
export function sameOptions(a: Readonly<Record<string, boolean>>, b: Readonly<Record<string, boolean>>): boolean {
	for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
		if ((a[k] ?? false) !== (b[k] ?? false)) return false;
	return true;
}

// The attempt record's format (engine/attempt.ts): here, with no code around it, so that modules
// which only recognise an attempt (the database's checks, the board's size limit) load nothing else.
export const ATTEMPT_FORMAT = 'nightshift-attempt';
/** Version 2 scores against fair par and counts customer impact; version 1 records still read. */
export const ATTEMPT_FORMAT_VERSION = 2;
/** Result files larger than this are refused unread. */
export const MAX_ATTEMPT_BYTES = 1024 * 1024;

/**
 * The id of the wait the engine adds to a scenario where others work in parallel ("wait for
 * the next one to finish"); no action or event may take it.
 */
export const WAIT_FOR_NEXT = 'wait-for-next';

/** At most this many durations a range may draw from (fair par treats each as a hidden world). */
export const MAX_DRAWS = 6;
