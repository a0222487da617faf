/**
 * The onboarding route through the library: every scenario once, from one frozen server to a
 * night that needs everything at once, each step with what it teaches. Pure data and pure
 * functions, so the order is unit-tested and any page can show it. A step whose scenario is
 * not bundled (yet) is left out rather than shown broken.
 */
import type { ScenarioEntry } from '$lib/engine/precompute.ts';

/** One step of the path: a scenario and, in a line, the skill it adds. */
export interface PathStep {
	id: string;
	teaches: string;
}

/**
 * The route, introductory first, never stepping down in difficulty. Each step leans on the one
 * before: evidence on one machine; whether to leave a datacenter; losing one for good; many
 * machines down at once, then a whole datacenter rebooted; choosing which copy of the data to
 * trust, and what losing some costs; then all of it, with escalation and customers, on one long
 * night.
 */
export const PATH_ORDER = [
	'freeze-triage',
	'failover-or-wait',
	'ovh-2021-sbg-fire',
	'github-2016-power',
	'joyent-2014-reboot',
	'gitlab-2017-database',
	'salesforce-2016-na14',
	'github-2018-split-brain',
	'http4-night'
] as const;

/** A scenario id on the path. */
export type PathId = (typeof PATH_ORDER)[number];

/**
 * What each step teaches, in a line. Kept apart from the order so the catalogue, which only
 * numbers its cards, loads none of this text; typed so no step can lack its line.
 */
export const TEACHES: Record<PathId, string> = {
	'freeze-triage': 'Read what a frozen server still holds (console, NMI, event log) before you restart it.',
	'joyent-2014-reboot':
		'Bring a whole datacenter back after a mass reboot, in the order its services depend on each other.',
	'github-2016-power': 'Work when your own tools are down too, and rebuild a cluster on spare hardware.',
	'failover-or-wait':
		'Weigh a switch to the second datacenter against waiting: fence first, allow for DNS, never two primaries.',
	'ovh-2021-sbg-fire':
		'Lose a datacenter as its customer: find what is gone, restore it elsewhere, keep your customers told.',
	'gitlab-2017-database':
		'Check which host you are on, find which backups really exist, and choose the copy to restore from.',
	'salesforce-2016-na14':
		'Switch sites under load, then decide between repairing a database and restoring it at the cost of data.',
	'github-2018-split-brain':
		'Writes on both sides after a failover: trade a fast restore against the integrity of the data.',
	'http4-night':
		'A long night with everything at once: split hardware from software, escalate early, keep customers informed.'
};

/** The whole path, in order: each step's scenario and what it teaches. */
export function learningPath(): PathStep[] {
	return PATH_ORDER.map((id) => ({ id, teaches: TEACHES[id] }));
}

/**
 * Each bundled scenario's step number on the path as shown (steps not bundled are skipped).
 * It reads the order only: the catalogue's cards use it.
 */
export function pathNumbers(index: readonly { id: string }[]): Map<string, number> {
	const bundled = new Set(index.map((e) => e.id));
	return new Map(PATH_ORDER.filter((id) => bundled.has(id)).map((id, i) => [id, i + 1]));
}

/** A step whose scenario is bundled: its place on the path as shown (1-based) and its index entry. */
export interface ShownStep extends PathStep {
	n: number;
	entry: ScenarioEntry;
}

/** The path's steps whose scenario is in the index, numbered as shown. */
export function shownSteps(index: readonly ScenarioEntry[]): ShownStep[] {
	const byId = new Map(index.map((e) => [e.id, e]));
	return learningPath()
		.flatMap((step) => {
			const entry = byId.get(step.id);
			return entry ? [{ ...step, entry }] : [];
		})
		.map((step, i) => ({ ...step, n: i + 1 }));
}

/** What the path reads of a finished attempt. */
export interface PathAttempt {
	scenario: string;
	trainee: string;
	/** Time to restore, null when the drill was not restored. */
	minutes: number | null;
	grade: string;
	total: number;
}

/** A step with the trainee's record on it. */
export interface StepProgress extends ShownStep {
	/** Restored attempts of this scenario (the step is done with one). */
	restored: number;
	/** The best restored attempt's grade, or null. */
	bestGrade: string | null;
	/** The first step not done yet. */
	next: boolean;
}

/**
 * Marks the steps one trainee has done (a restored attempt counts; a failed one does not) and
 * which comes next: the first step not done, so a trainee who skipped ahead is sent back to
 * what they missed.
 * @param trainee whose attempts count (the name attempts are recorded under)
 */
export function pathProgress(
	steps: readonly ShownStep[],
	attempts: readonly PathAttempt[],
	trainee: string
): { steps: StepProgress[]; done: number; next: StepProgress | null } {
	const mine = attempts.filter((a) => a.trainee === trainee && a.minutes !== null);
	const marked = steps.map((step) => {
		const restored = mine.filter((a) => a.scenario === step.id);
		const best = restored.reduce<PathAttempt | null>((b, a) => (!b || a.total > b.total ? a : b), null);
		return { ...step, restored: restored.length, bestGrade: best?.grade ?? null, next: false };
	});
	const next = marked.find((s) => s.restored === 0) ?? null;
	if (next) next.next = true;
	return { steps: marked, done: marked.filter((s) => s.restored > 0).length, next };
}
