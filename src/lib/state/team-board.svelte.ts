/**
 * The lead's team board: imports result files (many at once), checks each by replay, keeps the
 * verified ones on this device and lists the refused ones with their reason. Files are read in
 * chunks with a pause between chunks, so the page stays responsive and the progress bar moves.
 * Nothing from a file is ever run or rendered as markup: it is parsed as JSON, checked with the
 * attempt schema and shown as text.
 */
import { MAX_ATTEMPT_BYTES } from '$lib/vocabulary.ts';
import { tooLarge } from '$lib/engine/json-file.ts';
import type { CodeScenario, DrillSpec } from '$lib/engine/drill-code.ts';
import type { BoardRow, CheckedResult } from '$lib/engine/team.ts';
import { boardCsv } from '$lib/engine/board-csv.ts';
import type { BoardResultRow } from '$lib/db/index.ts';
import { lookUpCode } from './team-drill.ts';

/** A file as the board reads it (a browser File has all of this). */
export interface ResultFile {
	name: string;
	size: number;
	text(): Promise<string>;
}

/** Where the board keeps its results (the database in the app; memory in tests). */
export interface BoardStore {
	load(): Promise<{ results: BoardResultRow[]; drillCode: string | null }>;
	add(rows: BoardResultRow[]): Promise<void>;
	remove(id: string): Promise<void>;
	clear(): Promise<void>;
	setDrill(code: string | null): Promise<void>;
}

/** A refused file, or a note about one that was skipped. */
export interface Refusal {
	name: string;
	reason: string;
}

/** Verified results of one drill, fastest first. */
export interface BoardGroup {
	key: string;
	/** The drill code, or a description of the set-up when the results carry no code. */
	label: string;
	scenario: string;
	par: number;
	results: BoardResultRow[];
}

/** At most this many files are checked between two pauses for the page to paint and take input… */
export const CHUNK = 4;
/** …and fewer when they take longer than this (ms): the first file also compiles the scenario. */
const SLICE_MS = 30;
/** The longest name of a file the board repeats back. */
const NAME_MAX = 120;

const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

/** A file's name as the board shows it: text, cut short. */
const shortName = (name: string) => (name.length > NAME_MAX ? `${name.slice(0, NAME_MAX)}…` : name) || '(no name)';

/**
 * The group a result belongs in: its drill code, or its set-up when it has none.
 */
export function drillKey(row: Pick<BoardResultRow, 'attempt'>): string {
	const a = row.attempt;
	if (a.drillCode) return a.drillCode;
	const opts = Object.entries(a.options)
		.filter(([, on]) => on)
		.map(([k]) => k)
		.sort()
		.join('+');
	return `${a.scenario.id} · seed ${a.seed} · ${a.mode}${opts ? ` · ${opts}` : ''}`;
}

/** Restored first, then faster, then higher score, then the trainee's name. */
function compareRows(a: BoardRow, b: BoardRow): number {
	const ma = a.minutes ?? Infinity;
	const mb = b.minutes ?? Infinity;
	return ma - mb || b.total - a.total || a.trainee.localeCompare(b.trainee);
}

/** Groups verified results by drill, each fastest first; groups in order of first import. */
export function groupResults(results: readonly BoardResultRow[]): BoardGroup[] {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a working map local to this call; only the array it builds is returned
	const groups = new Map<string, BoardGroup>();
	for (const r of results) {
		let g = groups.get(r.drillKey);
		if (!g)
			groups.set(
				r.drillKey,
				(g = { key: r.drillKey, label: r.drillKey, scenario: r.row.scenario, par: r.row.par, results: [] })
			);
		g.results.push(r);
	}
	for (const g of groups.values()) g.results.sort((a, b) => compareRows(a.row, b.row));
	return [...groups.values()];
}

export class TeamBoard {
	/** Verified results, in import order. */
	results = $state.raw<BoardResultRow[]>([]);
	/** Files refused in this session, with the reason. */
	refused = $state.raw<Refusal[]>([]);
	/** Files skipped because their result is already on the board. */
	duplicates = $state.raw<Refusal[]>([]);
	/** The drill the board is for (null: any drill, grouped by drill). */
	drill = $state.raw<DrillSpec | null>(null);
	drillCode = $state<string | null>(null);
	/** Files checked and to check in the running import. */
	done = $state(0);
	total = $state(0);
	busy = $state(false);
	/** What the board says about the last thing it did (a live region reads it). */
	status = $state('');
	/** Why storage failed, when it did (results then stay for this page only). */
	storageProblem = $state<string | null>(null);
	loaded = $state(false);

	readonly groups = $derived(groupResults(this.results));

	#check: (text: string, drill: DrillSpec | null) => CheckedResult | Promise<CheckedResult>;
	#store: BoardStore;
	#scenarios: readonly CodeScenario[];
	#more: () => Promise<readonly CodeScenario[]>;
	#queue: Promise<void> = Promise.resolve();

	/**
	 * @param check checks one file's text against the board's drill (checkResult with the
	 *   scenarios on this device)
	 * @param store where verified results are kept
	 * @param scenarios the scenarios drill codes may name
	 * @param more the scenarios imported on this device, which codes may name too (read when the board loads)
	 */
	constructor(
		check: (text: string, drill: DrillSpec | null) => CheckedResult | Promise<CheckedResult>,
		store: BoardStore,
		scenarios: readonly CodeScenario[],
		more: () => Promise<readonly CodeScenario[]> = async () => []
	) {
		this.#check = check;
		this.#store = store;
		this.#scenarios = scenarios;
		this.#more = more;
	}

	/** Takes more scenarios drill codes may name (an imported one added while the board is open). */
	addScenarios(list: readonly CodeScenario[]): void {
		this.#scenarios = [
			...this.#scenarios,
			...list.filter((s) => !this.#scenarios.some((t) => t.hash === s.hash && t.id === s.id))
		];
	}

	/** Loads the board kept on this device. */
	async load(): Promise<void> {
		this.addScenarios(await this.#more().catch(() => []));
		try {
			const { results, drillCode } = await this.#store.load();
			this.results = results;
			if (drillCode) this.setDrill(drillCode, false);
		} catch (error) {
			this.storageProblem = error instanceof Error ? error.message : String(error);
		}
		this.loaded = true;
	}

	/**
	 * Sets the drill the board is for, from a code; an empty code means any drill.
	 * @returns why the code was refused, or null
	 */
	setDrill(code: string, save = true): string | null {
		if (!code.trim()) {
			this.drill = null;
			this.drillCode = null;
		} else {
			const found = lookUpCode(code, this.#scenarios);
			if (!found.ok) return found.reason;
			this.drill = found.drill;
			this.drillCode = found.code;
		}
		if (save) void this.#store.setDrill(this.drillCode).catch(() => undefined);
		return null;
	}

	/**
	 * Imports result files; files given while an import runs wait their turn.
	 * @returns once these files are all checked
	 */
	importFiles(files: ArrayLike<ResultFile>): Promise<void> {
		const list = Array.from(files);
		return (this.#queue = this.#queue.then(() =>
			this.#import(list.map((f) => ({ name: f.name, size: f.size, read: () => f.text() })))
		));
	}

	/** Imports a result pasted as text. */
	importText(text: string): Promise<void> {
		const size = new TextEncoder().encode(text).length;
		return (this.#queue = this.#queue.then(() =>
			this.#import([{ name: 'Pasted text', size, read: async () => text }])
		));
	}

	async #import(files: Array<{ name: string; size: number; read(): Promise<string> }>): Promise<void> {
		if (!files.length) return;
		this.busy = true;
		this.done = 0;
		this.total = files.length;
		this.status = `Checking ${files.length} ${files.length === 1 ? 'file' : 'files'}…`;
		const refused: Refusal[] = [];
		const duplicates: Refusal[] = [];
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a working set local to this import, never read by the UI
		const known = new Set(this.results.map((r) => r.id));
		let added: BoardResultRow[] = [];
		let verified = 0;
		let sliceStart = performance.now();
		let inSlice = 0;
		const flush = async () => {
			if (!added.length) return;
			const batch = added;
			added = [];
			this.results = [...this.results, ...batch];
			try {
				await this.#store.add(batch);
			} catch (error) {
				this.storageProblem = error instanceof Error ? error.message : String(error);
			}
		};
		for (let i = 0; i < files.length; i++) {
			const f = files[i]!;
			const name = shortName(f.name);
			// Refused unread: a huge file is never loaded into memory.
			if (f.size > MAX_ATTEMPT_BYTES) refused.push({ name, reason: tooLarge(MAX_ATTEMPT_BYTES) });
			else {
				let checked: CheckedResult;
				try {
					checked = await this.#check(await f.read(), this.drill);
				} catch (error) {
					// checkResult never throws; a file that can't be read can.
					checked = {
						ok: false,
						reason: `the file could not be read (${error instanceof Error ? error.message : String(error)})`
					};
				}
				if (!checked.ok) refused.push({ name, reason: checked.reason });
				else if (known.has(checked.attempt.id))
					duplicates.push({
						name,
						reason: `${checked.attempt.trainee}'s result is already on the board (same attempt)`
					});
				else {
					known.add(checked.attempt.id);
					verified++;
					const entry = {
						id: checked.attempt.id,
						drillKey: '',
						// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp taken once and kept as a string
						addedAt: new Date().toISOString(),
						fileName: name,
						attempt: checked.attempt,
						row: checked.row
					};
					entry.drillKey = drillKey(entry);
					added.push(entry);
				}
			}
			this.done = i + 1;
			inSlice++;
			if ((inSlice >= CHUNK || performance.now() - sliceStart > SLICE_MS) && i + 1 < files.length) {
				await flush();
				this.status = `Verified ${verified} of ${files.length}…`;
				await yieldToPage();
				sliceStart = performance.now();
				inSlice = 0;
			}
		}
		await flush();
		this.refused = [...refused, ...this.refused];
		this.duplicates = [...duplicates, ...this.duplicates];
		const parts = [`${verified} verified`];
		if (refused.length) parts.push(`${refused.length} refused`);
		if (duplicates.length) parts.push(`${duplicates.length} already on the board`);
		this.status = `Checked ${files.length} ${files.length === 1 ? 'file' : 'files'}: ${parts.join(', ')}.`;
		this.busy = false;
	}

	/** Takes one result off the board. */
	async remove(id: string): Promise<void> {
		const gone = this.results.find((r) => r.id === id);
		this.results = this.results.filter((r) => r.id !== id);
		if (gone) this.status = `Removed ${gone.row.trainee}'s result.`;
		await this.#store.remove(id).catch((e: unknown) => (this.storageProblem = String(e)));
	}

	/** Empties the board and forgets the refused files. */
	async clear(): Promise<void> {
		this.results = [];
		this.refused = [];
		this.duplicates = [];
		this.status = 'The board is empty.';
		await this.#store.clear().catch((e: unknown) => (this.storageProblem = String(e)));
	}

	/** The board as CSV, group by group, each fastest first. */
	csv(): string {
		return boardCsv(this.groups.flatMap((g) => g.results.map((r) => r.row)));
	}
}
