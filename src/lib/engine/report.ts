/**
 * Everything the authoring page shows about a scenario file, worked out in one place (the page
 * runs it in a Web Worker): the file's issues, each with its place, and for a valid file its
 * variants, omniscient and fair par per variant for the default options and each preset, the
 * lints and what they measured, and the fair policy's decision tree for each option set.
 */
import type { ScenarioIssue } from '../scenario/errors.ts';
import { parseScenario } from '../scenario/parse.ts';
import { locateIssues } from '../scenario/locate.ts';
import { LINTS, type Lint, type Scenario } from '../scenario/schema.ts';
import { checkReferences } from '../scenario/validate.ts';
import { analyse, BLIND_PLAY_RATIO, blindFor } from './check.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import { fairFor, type FairVariant, type PolicyNode } from './fair.ts';
import { precompute, type FairTable, type ScenarioEntry } from './precompute.ts';
import { resolveOptions } from './world.ts';

/** How deep a check goes: `quick` stops after the schema and references (enough to play a file already checked). */
export type ReportDepth = 'quick' | 'full';

/** One option set the report measures: the defaults, or a preset. */
export interface OptionSetReport {
	/** `Default options`, or the preset's label. */
	name: string;
	/** The preset's id, or null for the defaults. */
	preset: string | null;
	options: Record<string, boolean>;
	/** Expected impact of the fair policy over the variants (null when the search is too large). */
	fairExpected: number | null;
	variants: Array<{ variant: string; label: string; weight: number; omniscient: number | null; fair: number | null }>;
	/** The best fixed sequence, the same whatever the variant, and its expected impact. */
	blind: { actions: string[]; expectedMinutes: number } | null;
	/** The fair policy's trees: one per first screen (usually one). */
	policy: Array<{ variants: string[]; policy: PolicyNode | null }>;
}

/** What a lint found: passed, opted out (with the scenario's reason), or failed (its issues are errors). */
export interface LintReport {
	lint: Lint;
	status: 'passed' | 'allowed' | 'failed';
	detail: string;
}

export interface ScenarioReport {
	/** True when the file has no issue at all. */
	ok: boolean;
	issues: ScenarioIssue[];
	/** The validated scenario when it parsed and its references hold (null otherwise). */
	scenario: Scenario | null;
	/** For a valid file checked in full: the figures. */
	sets: OptionSetReport[];
	lints: LintReport[];
	/**
	 * For a valid file checked in full: its entry (as the build's index has one for each bundled
	 * scenario: what the catalogue and the briefing show) and its fair results for every option
	 * set the checker tries, so that playing it, scoring it and debriefing it run no search.
	 */
	entry: ScenarioEntry | null;
	fair: FairTable | null;
	/** Milliseconds spent: parsing and references, the deep check, the figures. */
	timings: { parse: number; check: number; figures: number };
}

/** What a lint that passed found: nothing of its kind. */
const PASSED: Record<Exclude<Lint, 'blind-play'>, string> = {
	leak: 'No action is offered differently to variants the screen cannot yet tell apart.',
	wait: 'No wait says there is nothing to wait for while what it would show is still ahead.'
};

/**
 * Checks a scenario file and works out what the authoring page shows.
 * @param text the file's contents
 * @param file its name, for messages
 * @param depth `full` runs every check and the figures; `quick` only the schema and references
 */
export function reportScenario(text: string, file: string, depth: ReportDepth = 'full'): ScenarioReport {
	const t0 = performance.now();
	const none = { sets: [], lints: [], entry: null, fair: null };
	const parsed = parseScenario(text, file);
	if (!parsed.ok) return { ok: false, issues: parsed.issues, scenario: null, ...none, timings: since(t0, t0, t0) };
	const refs = locateIssues(parsed.source, checkReferences(parsed.value, file));
	const t1 = performance.now();
	if (refs.length > 0) return { ok: false, issues: refs, scenario: null, ...none, timings: since(t0, t1, t1) };
	const scenario = parsed.value;
	if (depth === 'quick') return { ok: true, issues: [], scenario, ...none, timings: since(t0, t1, t1) };
	const compiled = compileScenario(scenario);
	const issues = locateIssues(parsed.source, analyse(compiled, file));
	const t2 = performance.now();
	const sets = optionSets(compiled);
	const lints = lintReport(compiled, sets, issues);
	// The lints solved fair par for the defaults and each preset already: the tables reuse those.
	const tables = issues.length === 0 ? precompute(scenario, compiled, fairFor) : null;
	return {
		ok: issues.length === 0,
		issues,
		scenario,
		sets,
		lints,
		entry: tables?.entry ?? null,
		fair: tables?.fair ?? null,
		timings: since(t0, t1, t2)
	};
}

function since(t0: number, t1: number, t2: number) {
	const now = performance.now();
	return { parse: Math.round(t1 - t0), check: Math.round(t2 - t1), figures: Math.round(now - t2) };
}

/** The default options and each preset (a preset that sets the defaults is shown once, under its name). */
function optionSets(compiled: CompiledScenario): OptionSetReport[] {
	const s = compiled.scenario;
	const label = (id: string) => s.variants.find((v) => v.id === id)?.label ?? id;
	const defaults = JSON.stringify(resolveOptions(compiled));
	const presets = s.presets.map((p) => ({ name: p.label, preset: p.id, options: resolveOptions(compiled, p.options) }));
	const sets = presets.some((p) => JSON.stringify(p.options) === defaults)
		? presets
		: [{ name: 'Default options', preset: null, options: resolveOptions(compiled) }, ...presets];
	return sets.map(({ name, preset, options }) => {
		const fair = fairFor(compiled, options);
		const blind = blindFor(compiled, options);
		return {
			name,
			preset,
			options,
			fairExpected: fair?.expectedMinutes ?? null,
			variants: s.variants.map((v) => {
				// A variant's figures: the mean over the durations the seed may draw (one when it draws none).
				const got = fair?.variants.filter((f) => f.variant === v.id) ?? [];
				const mean = (of: (f: FairVariant) => number) =>
					got.length > 0
						? got.reduce((sum, f) => sum + f.weight * of(f), 0) / got.reduce((sum, f) => sum + f.weight, 0)
						: null;
				const omniscient = mean((f) => f.omniscientMinutes);
				return {
					variant: v.id,
					label: label(v.id),
					weight: v.weight,
					omniscient: omniscient !== null && Number.isFinite(omniscient) ? omniscient : null,
					fair: mean((f) => f.minutes)
				};
			}),
			blind: blind && { actions: blind.actions, expectedMinutes: blind.expectedMinutes },
			policy: fair?.roots ?? []
		};
	});
}

function lintReport(compiled: CompiledScenario, sets: OptionSetReport[], issues: ScenarioIssue[]): LintReport[] {
	const allowed = new Map(compiled.scenario.allow.map((a) => [a.lint, a.reason]));
	return LINTS.map((lint) => {
		const failed = issues.filter((i) => i.message.startsWith(`${lint === 'blind-play' ? 'blind play' : lint}:`));
		const reason = allowed.get(lint);
		if (reason !== undefined) return { lint, status: 'allowed', detail: `Opted out: ${reason}` } as const;
		if (failed.length > 0)
			return { lint, status: 'failed', detail: `${failed.length} found (listed with the errors)` } as const;
		const detail =
			lint === 'blind-play'
				? sets
						.map((set) =>
							set.blind && set.fairExpected !== null
								? `${set.name}: the best fixed sequence expects ${set.blind.expectedMinutes.toFixed(1)} min against fair ${set.fairExpected.toFixed(1)} (more than ${Math.round((BLIND_PLAY_RATIO - 1) * 100)}% worse)`
								: `${set.name}: no fixed sequence restores every variant`
						)
						.join('; ')
				: PASSED[lint];
		return { lint, status: 'passed', detail } as const;
	});
}
