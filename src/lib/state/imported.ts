/**
 * Scenarios from outside the build: a second source beside the bundled ones. A file an
 * instructor adds ("Add to my scenarios") is kept in IndexedDB by its content hash; one they
 * only try ("Play it now") or open from a shared link is kept for the tab (sessionStorage).
 * Whichever it is, its text goes through the scenario checker (in its worker) every time it is
 * opened, and must hash to the name it is opened by: nothing stored is trusted as it is.
 *
 * Each joins the app through the same two doors as a bundled scenario (src/lib/scenarios): an
 * entry (what the catalogue and the briefing show) and the scenario, compiled, with its fair
 * results primed, all worked out by the check when the file was added or opened.
 */
import type { ScenarioReport } from '$lib/engine/report.ts';
import { compileScenario, type CompiledScenario } from '$lib/engine/compile.ts';
import type { FairTable, ScenarioEntry } from '$lib/engine/precompute.ts';
import { primeFair } from '$lib/engine/primed.ts';
import type { ImportedScenarioRow } from '$lib/db/db.ts';
import { scenarioEntry } from '$lib/scenarios/index.ts';
import type { CodeScenario } from '$lib/engine/drill-code.ts';
import { contentHash, isContentHash, shortHash } from './content-hash.ts';
import { withDb } from './persistence.svelte.ts';
import { checkScenarioFile } from './scenario-check.ts';

/** Why a scenario can't be added or played under its id, or null: a bundled scenario has it. */
export function idProblem(id: string): string | null {
	return scenarioEntry(id)
		? `a bundled scenario already has the id "${id}": give your file an id of its own (and a title to match)`
		: null;
}

/** A checked scenario file, as the authoring page (or a shared link) has it. */
export interface CheckedFile {
	text: string;
	fileName: string;
	hash: string;
	report: ScenarioReport;
}

/** A file's entry and fair results, from a report of a full check that passed; or why not. */
function tablesOf(report: ScenarioReport): { entry: ScenarioEntry; fair: FairTable } | string {
	if (!report.ok || !report.scenario || !report.entry || !report.fair)
		return 'only a scenario that passes every check can be kept';
	return { entry: report.entry, fair: report.fair };
}

export type AddResult = { ok: true; added: boolean; row: ImportedScenarioRow } | { ok: false; reason: string };

/**
 * Keeps a checked scenario on this device ("Add to my scenarios").
 * @returns whether it was added (false: already here), or why it can't be
 */
export async function addImported(file: CheckedFile, now = new Date()): Promise<AddResult> {
	const tables = tablesOf(file.report);
	if (typeof tables === 'string') return { ok: false, reason: tables };
	const s = file.report.scenario!;
	const problem = idProblem(s.id);
	if (problem) return { ok: false, reason: problem };
	const row: ImportedScenarioRow = {
		hash: file.hash,
		id: s.id,
		version: s.version,
		title: s.title,
		fileName: file.fileName,
		addedAt: now.toISOString(),
		text: file.text,
		...tables
	};
	const { putImported } = await import('$lib/db/imported.ts');
	const put = await withDb((db) => putImported(db, row));
	if (!put.ok) return { ok: false, reason: `it could not be kept on this device: ${put.reason}` };
	if (!put.value.ok) {
		const other = put.value.conflict;
		return {
			ok: false,
			reason: `you already have "${other.title}" (${other.id} version ${other.version}, from ${other.fileName}), a different file: raise "version" in this one to keep both`
		};
	}
	forget(row.hash);
	return { ok: true, added: put.value.added, row };
}

/** Every imported scenario on this device (newest first), or none when storage fails. */
export async function listImportedScenarios(): Promise<ImportedScenarioRow[]> {
	const { listImported } = await import('$lib/db/imported.ts');
	const got = await withDb((db) => listImported(db));
	return got.ok ? got.value.rows : [];
}

/** Removes an imported scenario; its attempts stay in history. */
export async function removeImported(hash: string): Promise<boolean> {
	const { deleteImported } = await import('$lib/db/imported.ts');
	forget(hash);
	return (await withDb((db) => deleteImported(db, hash))).ok;
}

const TAB_PREFIX = 'nightshift:scenario:';

/** sessionStorage, or null where the browser refuses it. */
function tabStore(): Storage | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		return null;
	}
}

/** A scenario kept for this tab: the file, and what its check worked out. */
interface TabCopy {
	text: string;
	fileName: string;
	entry: ScenarioEntry;
	fair: FairTable;
}

/**
 * Keeps a checked scenario for this tab only ("Play it now", a shared link): it can be played,
 * reloaded and debriefed here without being added to the device's scenarios.
 * @returns false when the tab refuses storage (the drill can't survive a reload then)
 */
export function keepForTab(file: CheckedFile): boolean {
	const tables = tablesOf(file.report);
	if (typeof tables === 'string') return false;
	try {
		const copy: TabCopy = { text: file.text, fileName: file.fileName, ...tables };
		tabStore()?.setItem(TAB_PREFIX + file.hash, JSON.stringify(copy));
		forget(file.hash);
		return tabStore() !== null;
	} catch {
		return false;
	}
}

function fromTab(hash: string): TabCopy | null {
	try {
		const raw = tabStore()?.getItem(TAB_PREFIX + hash);
		const value = raw ? (JSON.parse(raw) as Partial<TabCopy> | null) : null;
		// The entry and tables are only what to show and score with; the text is what gets checked and played.
		if (
			value &&
			typeof value.text === 'string' &&
			typeof value.fileName === 'string' &&
			value.entry &&
			typeof value.entry.id === 'string' &&
			value.fair
		)
			return value as TabCopy;
	} catch {
		// A damaged entry is no scenario.
	}
	return null;
}

/**
 * What drill codes need of every imported scenario this device can open (added to the device,
 * or kept for this tab): id, option order and content hash.
 */
export async function importedCodeScenarios(): Promise<CodeScenario[]> {
	const out = new Map<string, CodeScenario>();
	const code = (hash: string, entry: ScenarioEntry) => ({
		id: entry.id,
		optionIds: entry.options.map((o) => o.id),
		hash
	});
	for (const row of await listImportedScenarios()) out.set(row.hash, code(row.hash, row.entry));
	const tab = tabStore();
	for (let i = 0; tab && i < tab.length; i++) {
		const key = tab.key(i);
		const hash = key?.startsWith(TAB_PREFIX) ? key.slice(TAB_PREFIX.length) : null;
		const kept = hash && !out.has(hash) ? fromTab(hash) : null;
		if (hash && kept) out.set(hash, code(hash, kept.entry));
	}
	return [...out.values()];
}

/** An imported scenario, ready to play: compiled with its hash and fair results, its entry, and where it came from. */
export interface OpenedScenario {
	compiled: CompiledScenario;
	entry: ScenarioEntry;
	hash: string;
	fileName: string;
	text: string;
	/** The device's row when it was added; null for one kept for this tab only. */
	row: ImportedScenarioRow | null;
	/** Its fair results per option set (primed into `compiled`; the debrief's worker needs them too). */
	fair: FairTable;
}

export type OpenResult = { ok: true; scenario: OpenedScenario } | { ok: false; reason: string };

const opened = new Map<string, Promise<OpenResult>>();

function forget(hash: string) {
	opened.delete(hash);
}

/**
 * Opens an imported scenario by content hash: from this device's scenarios or this tab's,
 * checked again (schema and references, in the checker's worker) and compiled once per page.
 * @returns the scenario, or why it can't be opened (not here, damaged, changed)
 */
export function openImported(hash: string): Promise<OpenResult> {
	let got = opened.get(hash);
	if (!got) {
		got = open(hash);
		opened.set(hash, got);
		// A failure (storage, a worker that did not start) may not happen next time.
		void got.then((r) => r.ok || forget(hash));
	}
	return got;
}

async function open(hash: string): Promise<OpenResult> {
	if (!isContentHash(hash))
		return { ok: false, reason: 'this link names no scenario (its content hash is missing or damaged)' };
	const { getImported } = await import('$lib/db/imported.ts');
	const stored = await withDb((db) => getImported(db, hash));
	const row = stored.ok ? stored.value : null;
	const source = row ?? fromTab(hash);
	if (!source)
		return {
			ok: false,
			reason: `scenario ${shortHash(hash)} is not on this device: open its file on the authoring page, or its share link`
		};
	if ((await contentHash(source.text)) !== hash)
		return { ok: false, reason: `the stored copy of ${source.fileName} no longer matches its content hash` };
	const checked = await checkScenarioFile(source.text, source.fileName, 'quick');
	if (!checked.ok) return { ok: false, reason: `${source.fileName}: ${checked.reason}` };
	const { report } = checked;
	if (!report.ok || !report.scenario)
		return {
			ok: false,
			reason: `${source.fileName} no longer passes the checks: ${report.issues[0]?.message ?? 'unknown problem'}`
		};
	const problem = idProblem(report.scenario.id);
	if (problem) return { ok: false, reason: problem };
	const compiled = compileScenario(report.scenario, hash);
	// Worked out by the full check when the file was added or opened: scoring and the debrief's
	// best play then run no search in the page.
	primeFair(compiled, source.fair);
	return {
		ok: true,
		scenario: {
			compiled,
			entry: source.entry,
			hash,
			fileName: source.fileName,
			text: source.text,
			row,
			fair: source.fair
		}
	};
}

/**
 * Checks an imported scenario that comes from a backup file before it is kept: its text must
 * hash to its name and pass every check; its entry and fair results come from this check,
 * not the file.
 * @returns the row to keep, or why not
 */
export async function recheckImported(row: ImportedScenarioRow): Promise<ImportedScenarioRow | string> {
	if ((await contentHash(row.text)) !== row.hash) return 'its text does not match its content hash';
	const checked = await checkScenarioFile(row.text, row.fileName, 'full');
	if (!checked.ok) return checked.reason;
	const { report } = checked;
	const tables = tablesOf(report);
	if (typeof tables === 'string')
		return `it does not pass the checks: ${report.issues[0]?.message ?? 'unknown problem'}`;
	if (report.scenario!.id !== row.id || report.scenario!.version !== row.version)
		return `it is ${report.scenario!.id} version ${report.scenario!.version}, not what the backup says`;
	const problem = idProblem(row.id);
	if (problem) return problem;
	return { ...row, title: report.scenario!.title, ...tables };
}

/**
 * The scenario an attempt names, for the history, the debrief and the board: a bundled one by
 * id and version, an imported one by id, version and content hash.
 */
export async function scenarioFor(ref: {
	id: string;
	version: number;
	hash?: string;
}): Promise<CompiledScenario | null> {
	if (!ref.hash) {
		const { loadScenarioVersion } = await import('$lib/scenarios/load.ts');
		return loadScenarioVersion(ref.id, ref.version);
	}
	const got = await openImported(ref.hash);
	if (!got.ok) return null;
	const { compiled } = got.scenario;
	return compiled.scenario.id === ref.id && compiled.scenario.version === ref.version ? compiled : null;
}
