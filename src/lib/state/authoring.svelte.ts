/**
 * The authoring page's state: the scenario text being checked, where it came from, and what
 * the checker (in its worker, with its time budget) said of it. A new check stops the one
 * before it, so only the latest text's report is ever shown.
 */
import type { ScenarioReport } from '$lib/engine/report.ts';
import { MAX_SCENARIO_BYTES } from '$lib/scenario/limits.ts';
import { CHECK_BUDGET_MS, checkScenarioFile, type CheckReply } from './scenario-check.ts';

export type DraftStatus = 'empty' | 'checking' | 'checked' | 'refused';

export class ScenarioDraft {
	/** The text as opened, dropped or pasted. */
	text = $state('');
	/** Its file name (or "pasted.yaml"), for messages. */
	fileName = $state('pasted.yaml');
	status = $state<DraftStatus>('empty');
	report = $state.raw<ScenarioReport | null>(null);
	/** The text's content hash, once checked. */
	hash = $state<string | null>(null);
	/** Why the file was refused before any check could say (too big, too slow). */
	refusal = $state('');
	/** Seconds spent on the check under way, for the status line. */
	elapsed = $state(0);
	/** How long a check may run before it is stopped and the file refused. */
	budgetMs = $state(CHECK_BUDGET_MS);
	#run = 0;
	#check: (text: string, file: string, budgetMs: number, signal: AbortSignal) => Promise<CheckReply>;
	#abort: AbortController | null = null;

	/**
	 * @param check how to check (tests pass a stand-in; the page the worker)
	 */
	constructor(
		check: (text: string, file: string, budgetMs: number, signal: AbortSignal) => Promise<CheckReply> = (
			text,
			file,
			budgetMs,
			signal
		) => checkScenarioFile(text, file, 'full', budgetMs, signal)
	) {
		this.#check = check;
	}

	/**
	 * Sets the time budget from a page's query string (`?budget=<seconds>`, 1 to 120): a slow
	 * tablet may need longer; trying how a file is refused, shorter.
	 */
	budgetFrom(search: URLSearchParams): void {
		const seconds = Number(search.get('budget'));
		if (Number.isFinite(seconds) && seconds >= 1 && seconds <= 120) this.budgetMs = Math.round(seconds * 1000);
	}

	/** A valid, fully checked scenario: what "Play it now", "Add" and "Share" need. */
	get valid(): boolean {
		return this.status === 'checked' && this.report?.ok === true && this.report.scenario !== null;
	}

	/**
	 * Reads a file the author opened or dropped, refusing one too big to be a scenario before
	 * reading it.
	 */
	async open(file: File): Promise<void> {
		if (file.size > MAX_SCENARIO_BYTES * 4) {
			this.#refuse(file.name, `${file.name} is ${file.size} bytes; a scenario file is at most ${MAX_SCENARIO_BYTES}`);
			return;
		}
		let text: string;
		try {
			text = await file.text();
		} catch (error) {
			this.#refuse(file.name, `${file.name} could not be read (${String(error)})`);
			return;
		}
		await this.checkText(text, file.name);
	}

	/** Checks a text (pasted, or read from a file). */
	async checkText(text: string, fileName = 'pasted.yaml'): Promise<void> {
		this.#abort?.abort();
		const abort = (this.#abort = new AbortController());
		const run = ++this.#run;
		this.text = text;
		this.fileName = fileName;
		this.status = 'checking';
		this.report = null;
		this.hash = null;
		this.refusal = '';
		this.elapsed = 0;
		const started = Date.now();
		const ticker = setInterval(() => (this.elapsed = Math.floor((Date.now() - started) / 1000)), 250);
		try {
			const reply = await this.#check(text, fileName, this.budgetMs, abort.signal);
			if (run !== this.#run) return;
			if (reply.ok) {
				this.report = reply.report;
				this.hash = reply.hash;
				this.status = 'checked';
			} else {
				this.refusal = `${fileName}: ${reply.reason}`;
				this.status = 'refused';
			}
		} finally {
			clearInterval(ticker);
		}
	}

	#refuse(fileName: string, reason: string) {
		this.#abort?.abort();
		this.#run++;
		this.fileName = fileName;
		this.text = '';
		this.report = null;
		this.hash = null;
		this.refusal = reason;
		this.status = 'refused';
	}

	/** What the status line says. */
	get summary(): string {
		const r = this.report;
		if (this.status === 'empty') return '';
		if (this.status === 'checking')
			return `Checking ${this.fileName}… ${this.elapsed} s (stopped after ${Math.round(this.budgetMs / 1000)} s)`;
		if (this.status === 'refused') return `Refused: ${this.refusal}`;
		if (!r) return '';
		const took = `${((r.timings.parse + r.timings.check + r.timings.figures) / 1000).toFixed(1)} s`;
		if (r.ok && r.scenario)
			return `${r.scenario.title} (${r.scenario.id} v${r.scenario.version}) passes every check (${took}).`;
		const n = r.issues.length;
		return `${this.fileName}: ${n} problem${n === 1 ? '' : 's'} to fix (${took}).`;
	}
}
