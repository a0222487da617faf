/**
 * The drill in progress, one per scenario, saved after every action. No validator library is
 * imported here: the drill page loads this module, and it must stay small. Rows are checked by
 * hand as they are read (`readDrillRecord`), since older versions of the app wrote them too.
 */
import type { DrillStep } from '$lib/engine/drill.ts';
import { isSeed } from '$lib/engine/rng.ts';
import { MODES } from '$lib/vocabulary.ts';
import type { InProgressRow, NightshiftDb } from './db.ts';
import { putRow, type SaveReply, type SaveRequest } from './in-progress-writer.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function readStep(v: unknown): DrillStep | null {
	if (!isRecord(v)) return null;
	if (v.type === 'hint') return { type: 'hint' };
	if (v.type === 'action' && typeof v.action === 'string' && (v.idle === undefined || isCount(v.idle)))
		return v.idle === undefined
			? { type: 'action', action: v.action }
			: { type: 'action', action: v.action, idle: v.idle };
	return null;
}

/**
 * Reads a saved drill in progress as stored by this or an older version of the app.
 * What a replay needs (scenario, version, seed, mode, options, log) must be sound, or the row
 * is refused; the rest falls back to a default (an old row without a drill code has none).
 * @param value what the database (or the write-ahead record) held
 * @returns the row, or null when it is not one
 */
export function readDrillRecord(value: unknown): InProgressRow | null {
	if (!isRecord(value) || typeof value.scenarioId !== 'string') return null;
	if (!isCount(value.scenarioVersion) || value.scenarioVersion < 1) return null;
	const input = value.input;
	if (!isRecord(input) || !isSeed(input.seed) || !(MODES as readonly unknown[]).includes(input.mode)) return null;
	if (!isRecord(input.options) || Object.values(input.options).some((o) => typeof o !== 'boolean')) return null;
	if (!Array.isArray(value.log)) return null;
	const log = value.log.map(readStep);
	if (log.some((s) => s === null)) return null;
	const rate = value.liveClockRate;
	const wallMs = Array.isArray(value.wallMs) && value.wallMs.every(isCount) ? (value.wallMs as number[]) : [];
	const text = (v: unknown, fallback: string) => (typeof v === 'string' && v.length <= 200 ? v : fallback);
	return {
		scenarioId: value.scenarioId,
		scenarioVersion: value.scenarioVersion,
		input: {
			seed: input.seed,
			mode: input.mode as InProgressRow['input']['mode'],
			options: input.options as Record<string, boolean>
		},
		liveClockRate: typeof rate === 'number' && rate > 0 && rate <= 60 ? rate : null,
		snapshot: value.snapshot ?? null,
		log: log as DrillStep[],
		wallMs,
		elapsedMs: typeof value.elapsedMs === 'number' && value.elapsedMs >= 0 ? value.elapsedMs : 0,
		trainee: text(value.trainee, 'You') || 'You',
		startedAt: text(value.startedAt, ''),
		savedAt: text(value.savedAt, ''),
		drillCode:
			typeof value.drillCode === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(value.drillCode) ? value.drillCode : null,
		scenarioHash:
			typeof value.scenarioHash === 'string' && /^[0-9a-f]{64}$/.test(value.scenarioHash) ? value.scenarioHash : null
	};
}

/** A save the worker did not answer within this long is written here instead. */
const WORKER_TIMEOUT_MS = 3000;

/**
 * The page's end of the save worker (save-worker.ts). Should the worker fail (it does not
 * start, it cannot open the database, a save fails or goes unanswered), it is given up for the
 * page's life and the newest row posted to it is written here instead: rows are whole drills,
 * so writing the newest covers every save still pending, and nothing older can land after it
 * (only rows already in the worker's hands, none newer than it).
 */
class SaveChannel {
	#worker: Worker;
	#n = 0;
	#pending = new Map<number, { done: (at: number) => void; fail: (e: unknown) => void }>();
	#newest: (() => Promise<number>) | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(worker: Worker) {
		this.#worker = worker;
		worker.addEventListener('message', (event: MessageEvent<SaveReply>) => this.#reply(event.data));
		worker.addEventListener('error', () => this.#giveUp());
		worker.addEventListener('messageerror', () => this.#giveUp());
	}

	/** Has the worker open the database now, so the first action's save costs no more than the next. */
	open(name: string): void {
		this.#post({ n: ++this.#n, name, row: null }, () => Promise.resolve(performance.now())).catch(() => undefined);
	}

	/**
	 * @param here writes the same row on the page's thread (used when the worker fails)
	 * @returns when the row was written, on the page's clock
	 */
	save(name: string, row: InProgressRow, here: () => Promise<number>): Promise<number> {
		this.#newest = here;
		return this.#post({ n: ++this.#n, name, row }, here);
	}

	#post(request: SaveRequest, here: () => Promise<number>): Promise<number> {
		if (channel !== this) return here();
		return new Promise((done, fail) => {
			this.#pending.set(request.n, { done, fail });
			try {
				this.#worker.postMessage(request);
			} catch {
				return this.#giveUp();
			}
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => this.#giveUp(), WORKER_TIMEOUT_MS);
		});
	}

	#reply(reply: SaveReply): void {
		const pending = this.#pending.get(reply.n);
		if (!pending) return;
		if (!reply.ok) return this.#giveUp();
		this.#pending.delete(reply.n);
		clearTimeout(this.#timer);
		if (this.#pending.size) this.#timer = setTimeout(() => this.#giveUp(), WORKER_TIMEOUT_MS);
		// The worker's clock and the page's share their epoch, not their origin.
		pending.done(reply.at - performance.timeOrigin);
	}

	#giveUp(): void {
		if (channel === this) channel = null;
		clearTimeout(this.#timer);
		this.#worker.terminate();
		const waiting = [...this.#pending.values()];
		this.#pending.clear();
		if (!waiting.length) return;
		const newest = this.#newest ?? (() => Promise.resolve(performance.now()));
		newest().then(
			(at) => waiting.forEach((w) => w.done(at)),
			(error: unknown) => waiting.forEach((w) => w.fail(error))
		);
	}
}

/** The save worker's channel: undefined until first wanted, null where there is none or it failed. */
let channel: SaveChannel | null | undefined;

function saveChannel(): SaveChannel | null {
	if (channel !== undefined) return channel;
	channel = null;
	if (typeof Worker === 'undefined') return null;
	try {
		channel = new SaveChannel(new Worker(new URL('./save-worker.ts', import.meta.url), { type: 'module' }));
	} catch {
		channel = null;
	}
	return channel;
}

/**
 * Starts the save worker and has it open the database, before the drill's first action (the
 * drill page calls this while it prepares the drill). Nothing happens where there are no
 * workers (the save is then written on the page's thread).
 */
export function prepareSaves(db: NightshiftDb): void {
	if (db.isOpen()) saveChannel()?.open(db.name);
}

/** Puts the row on the page's thread, straight to IndexedDB's own store (see saveInProgress). */
function writeHere(idb: IDBDatabase, row: InProgressRow): Promise<number> {
	return putRow(idb, row).then(() => performance.now());
}

/**
 * Saves the drill in progress (one per scenario), the app's hottest write. Called in the
 * action's own task, it hands the row over at once: to the save worker in the browser
 * (in-progress-writer.ts says why), or straight to IndexedDB's own store in a relaxed-durability
 * transaction where there are no workers; never through Dexie's promise chain, which would put
 * the write after the page has drawn the outcome (nothing watches this table live, so Dexie's
 * change tracking is not missed). A database not open yet (Dexie opens on first use) or closed
 * under us goes Dexie's own way, which opens it.
 * @returns when the row was written (the transaction complete), on the page's clock
 *   (`performance.now()`)
 */
export function saveInProgress(db: NightshiftDb, row: InProgressRow): Promise<number> {
	const idb = db.isOpen() ? db.backendDB() : null;
	if (!idb) return db.inProgress.put(row).then(() => performance.now());
	const here = () => writeHere(idb, row);
	return saveChannel()?.save(db.name, row, here) ?? here();
}

/** The drill in progress for a scenario, or null (none, or a row that is not sound). */
export async function getInProgress(db: NightshiftDb, scenarioId: string): Promise<InProgressRow | null> {
	return readDrillRecord(await db.inProgress.get(scenarioId));
}

/** Every sound drill in progress with at least one step (the catalogue offers to resume them). */
export async function listInProgress(db: NightshiftDb): Promise<InProgressRow[]> {
	return (await db.inProgress.toArray()).flatMap((r) => {
		const row = readDrillRecord(r);
		return row && row.log.length > 0 ? [row] : [];
	});
}

/** Forgets the drill in progress for a scenario. */
export async function clearInProgress(db: NightshiftDb, scenarioId: string): Promise<void> {
	await db.inProgress.delete(scenarioId);
}
