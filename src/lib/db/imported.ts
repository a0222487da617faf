/**
 * Scenarios imported on this device ("Add to my scenarios"), by content hash. Rows are checked
 * by hand as they are read (no schema library here: the catalogue loads this module); the text
 * itself is checked again by the scenario checker whenever it is played.
 */
import type { FairTable, ScenarioEntry } from '$lib/engine/precompute.ts';
import type { ImportedScenarioRow, NightshiftDb } from './db.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const DIFFICULTIES = ['introductory', 'intermediate', 'advanced'];

/** An entry as the check wrote it: the fields the catalogue and the briefing read, of the right kinds. */
function isEntry(v: unknown): v is ScenarioEntry {
	return (
		isRecord(v) &&
		isText(v.title, 300) &&
		isText(v.summary, 4000) &&
		DIFFICULTIES.includes(v.difficulty as string) &&
		typeof v.estimatedMinutes === 'number' &&
		Array.isArray(v.tags) &&
		v.tags.every((t) => isText(t, 64)) &&
		(v.historicalMinutes === null || typeof v.historicalMinutes === 'number') &&
		Array.isArray(v.options) &&
		v.options.every((o) => isRecord(o) && typeof o.id === 'string' && typeof o.label === 'string') &&
		Array.isArray(v.presets) &&
		Array.isArray(v.par)
	);
}

/**
 * Reads an imported scenario row (this device's own, or one from a backup file).
 * @returns the row, or null when it is not one
 */
export function readImportedRow(value: unknown): ImportedScenarioRow | null {
	if (!isRecord(value)) return null;
	const { hash, id, version, title, fileName, addedAt, text, entry, fair } = value;
	if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null;
	if (typeof id !== 'string' || !/^[a-z][a-z0-9-]{0,63}$/.test(id)) return null;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return null;
	if (!isText(title, 300) || !isText(fileName, 300) || !isText(addedAt, 40) || !isText(text, 1024 * 1024)) return null;
	if (!isEntry(entry) || entry.id !== id || entry.version !== version || !isRecord(fair)) return null;
	// Rows added before the entry carried learning goals have none: they still list, and search by the rest.
	const goals = Array.isArray(entry.learningGoals) ? entry.learningGoals.filter((g) => isText(g, 300)) : [];
	return {
		hash,
		id,
		version,
		title,
		fileName,
		addedAt,
		text,
		entry: { ...entry, learningGoals: goals },
		fair: fair as FairTable
	};
}

/** Every imported scenario, newest first, and a note for each damaged row skipped. */
export async function listImported(db: NightshiftDb): Promise<{ rows: ImportedScenarioRow[]; skipped: string[] }> {
	const rows: ImportedScenarioRow[] = [];
	const skipped: string[] = [];
	for (const raw of await db.scenarios.orderBy('addedAt').reverse().toArray()) {
		const row = readImportedRow(raw);
		if (row) rows.push(row);
		else
			skipped.push(
				`imported scenario ${String((raw as { hash?: unknown }).hash).slice(0, 12)} is damaged and was skipped`
			);
	}
	return { rows, skipped };
}

/** The imported scenario with this content hash, or null. */
export async function getImported(db: NightshiftDb, hash: string): Promise<ImportedScenarioRow | null> {
	return readImportedRow(await db.scenarios.get(hash));
}

/** What adding an imported scenario did: added it, found it already here, or found another file with its id and version. */
export type PutImported = { ok: true; added: boolean } | { ok: false; conflict: ImportedScenarioRow };

/**
 * Adds an imported scenario, unless it is already here. Two different files with the same id
 * and version would make results ambiguous, so the second is not added: its author raises
 * the version.
 */
export async function putImported(db: NightshiftDb, row: ImportedScenarioRow): Promise<PutImported> {
	return db.transaction('rw', db.scenarios, async () => {
		if (await db.scenarios.get(row.hash)) return { ok: true, added: false } as const;
		const same = (await db.scenarios.where('id').equals(row.id).toArray())
			.map(readImportedRow)
			.find((r) => r !== null && r.version === row.version);
		if (same) return { ok: false, conflict: same } as const;
		await db.scenarios.add(row);
		return { ok: true, added: true } as const;
	});
}

/** Removes an imported scenario (its attempts stay in history). */
export async function deleteImported(db: NightshiftDb, hash: string): Promise<void> {
	await db.scenarios.delete(hash);
}
