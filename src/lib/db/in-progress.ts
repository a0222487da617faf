/**
 * The drill in progress, one per scenario, saved after every action. No validator library is
 * imported here: the drill page loads this module, and it must stay small. Rows are checked by
 * hand as they are read (`readDrillRecord`), since older versions of the app wrote them too.
 */
import type { DrillStep } from '$lib/engine/drill.ts';
import { isSeed } from '$lib/engine/rng.ts';
import { MODES } from '$lib/vocabulary.ts';
import type { InProgressRow, NightshiftDb } from './db.ts';

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

/**
 * Saves the drill in progress (one per scenario). It goes straight to IndexedDB's own store, in
 * a relaxed-durability transaction, not through Dexie's promise chain: the row is copied and
 * handed to the browser in the same task as the action that made it, and its commit runs while
 * the page draws the outcome, so the save is written a millisecond or so after the click (this
 * is the app's hottest write; nothing watches this table live, so Dexie's change tracking is
 * not missed).
 */
export async function saveInProgress(db: NightshiftDb, row: InProgressRow): Promise<void> {
	// Not open yet (Dexie opens on first use) or closed under us: Dexie's own way, which opens it.
	const idb = db.isOpen() ? db.backendDB() : null;
	if (!idb) return void (await db.inProgress.put(row));
	return new Promise((done, fail) => {
		const tx = idb.transaction('inProgress', 'readwrite', { durability: 'relaxed' });
		tx.oncomplete = () => done();
		tx.onabort = tx.onerror = () => fail(tx.error ?? new DOMException('the save was aborted', 'AbortError'));
		tx.objectStore('inProgress').put(row);
	});
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
