/**
 * The device's backup: every profile, attempt, setting, team-board result and imported
 * scenario in one JSON file, and its import, validated record by record. Import never
 * overwrites: a record whose id (or hash) is already here is skipped and counted.
 */
import { z } from 'zod';
import type { Attempt } from '$lib/engine/attempt.ts';
import { AttemptSchema } from '$lib/engine/attempt-schema.ts';
import { firstIssue, readJsonFile } from '$lib/engine/json-file.ts';
import type { BoardRow } from '$lib/engine/team.ts';
import type { BoardResultRow, ImportedScenarioRow, NightshiftDb, ProfileRow } from './db.ts';
import { readImportedRow } from './imported.ts';
import { finishedRow } from './queries.ts';
import { writeIndexed } from './summary.ts';

export const BACKUP_FORMAT = 'nightshift-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Backups larger than this are refused unread. */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

const ProfileSchema = z
	.object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(80), createdAt: z.string().max(40) })
	.strict();
const SettingSchema = z.object({ key: z.string().min(1).max(100), value: z.json() }).strict();
/** A board result as stored; its row is not trusted from the file but rebuilt by replay. */
const BoardResultSchema = z
	.object({
		id: z.string().min(1).max(64),
		drillKey: z.string().min(1).max(300),
		addedAt: z.string().min(1).max(40),
		fileName: z.string().max(300),
		attempt: AttemptSchema,
		row: z.unknown()
	})
	.strict();

const BackupSchema = z
	.object({
		format: z.literal(BACKUP_FORMAT),
		formatVersion: z.literal(BACKUP_FORMAT_VERSION),
		exportedAt: z.iso.datetime(),
		profiles: z.array(z.unknown()).max(10_000),
		attempts: z.array(z.unknown()).max(1_000_000),
		settings: z.array(z.unknown()).max(10_000),
		/** Added after the first backups: optional, so those still import. */
		boardResults: z.array(z.unknown()).max(100_000).optional(),
		/** Imported scenarios (added later still, optional too). */
		scenarios: z.array(z.unknown()).max(10_000).optional()
	})
	.strict();

export interface Backup {
	format: typeof BACKUP_FORMAT;
	formatVersion: typeof BACKUP_FORMAT_VERSION;
	exportedAt: string;
	profiles: ProfileRow[];
	attempts: z.infer<typeof AttemptSchema>[];
	settings: Array<{ key: string; value: unknown }>;
	boardResults: BoardResultRow[];
	scenarios: ImportedScenarioRow[];
}

/** Everything on this device, as one backup object (finished attempts and board results, validated). */
export async function exportBackup(db: NightshiftDb, now = new Date()): Promise<Backup> {
	const [profiles, rows, settings, board, imported] = await Promise.all([
		db.profiles.toArray(),
		db.attempts.toArray(),
		db.settings.toArray(),
		db.boardResults.toArray(),
		db.scenarios.toArray()
	]);
	const attempts = rows.flatMap((row) => {
		if (row.status !== 'finished') return [];
		const parsed = AttemptSchema.safeParse(row.record);
		return parsed.success ? [parsed.data] : [];
	});
	const boardResults = board.filter((r) => AttemptSchema.safeParse(r.attempt).success);
	return {
		format: BACKUP_FORMAT,
		formatVersion: BACKUP_FORMAT_VERSION,
		exportedAt: now.toISOString(),
		profiles,
		attempts,
		settings,
		boardResults,
		scenarios: imported.flatMap((r) => readImportedRow(r) ?? [])
	};
}

/** Rebuilds a board result's row by replaying its attempt, or says why it can't be trusted. */
export type BoardRecheck = (attempt: Attempt) => BoardRow | string | Promise<BoardRow | string>;

/**
 * Checks an imported scenario from a backup file: its hash is its text's, and the text passes
 * the scenario checks. Gives the row to store (its facts from this check, not the file's), or why not.
 */
export type ScenarioRecheck = (row: ImportedScenarioRow) => Promise<ImportedScenarioRow | string>;

export interface ImportReport {
	/** How many of each were added. */
	added: { profiles: number; attempts: number; settings: number; boardResults: number; scenarios: number };
	/** Records skipped because one with the same id (or name, or key) is already here. */
	present: number;
	/** Records refused, each naming the record and what is wrong with it. */
	errors: string[];
}

/**
 * Reads a backup file's text.
 * @returns the backup's parts, still unvalidated record by record, or why the file is refused
 */
export function parseBackup(
	text: string
): { ok: true; backup: z.infer<typeof BackupSchema> } | { ok: false; reason: string } {
	const file = readJsonFile(
		text,
		MAX_BACKUP_BYTES,
		BACKUP_FORMAT,
		'the file is not a Nightshift backup (no "format": "nightshift-backup")'
	);
	if (!file.ok) return file;
	const parsed = BackupSchema.safeParse(file.data);
	if (!parsed.success) return { ok: false, reason: `malformed backup: ${firstIssue(parsed.error)}` };
	return { ok: true, backup: parsed.data };
}

/**
 * Imports a backup: adds what is new, skips (and counts) what is already here, and names every
 * record it refuses. Nothing already stored is changed.
 * @param recheck rebuilds each board result's row by replay (results it refuses are named)
 * @param recheckScenario checks each imported scenario's text again (scenarios it refuses are named)
 */
export async function importBackup(
	db: NightshiftDb,
	text: string,
	recheck: BoardRecheck,
	recheckScenario: ScenarioRecheck = async () => 'imported scenarios are not read here'
): Promise<{ ok: true; report: ImportReport } | { ok: false; reason: string }> {
	const parsed = parseBackup(text);
	if (!parsed.ok) return parsed;
	const { backup } = parsed;
	const report: ImportReport = {
		added: { profiles: 0, attempts: 0, settings: 0, boardResults: 0, scenarios: 0 },
		present: 0,
		errors: []
	};
	const profiles: ProfileRow[] = [];
	backup.profiles.forEach((p, i) => {
		const r = ProfileSchema.safeParse(p);
		if (r.success) profiles.push(r.data);
		else report.errors.push(`profiles[${i}]: ${firstIssue(r.error)}`);
	});
	const attempts: z.infer<typeof AttemptSchema>[] = [];
	backup.attempts.forEach((a, i) => {
		const r = AttemptSchema.safeParse(a);
		const id = typeof (a as { id?: unknown })?.id === 'string' ? ` (id ${(a as { id: string }).id.slice(0, 64)})` : '';
		if (r.success) attempts.push(r.data);
		else report.errors.push(`attempts[${i}]${id}: ${firstIssue(r.error)}`);
	});
	const settings: Array<{ key: string; value: unknown }> = [];
	backup.settings.forEach((s, i) => {
		const r = SettingSchema.safeParse(s);
		if (r.success) settings.push(r.data);
		else report.errors.push(`settings[${i}]: ${firstIssue(r.error)}`);
	});
	// Scenarios are checked (in the checker's worker) outside any transaction (one that waits on
	// anything but the database ends on its own), and kept first: board results played on them
	// are replayed against them.
	const scenarios: ImportedScenarioRow[] = [];
	for (const [i, raw] of (backup.scenarios ?? []).entries()) {
		const row = readImportedRow(raw);
		if (!row) {
			report.errors.push(`scenarios[${i}]: not an imported scenario`);
			continue;
		}
		const checked = await recheckScenario(row);
		if (typeof checked === 'string') report.errors.push(`scenarios[${i}] (${row.fileName}): ${checked}`);
		else scenarios.push(checked);
	}
	await db.transaction('rw', db.scenarios, async () => {
		for (const sc of scenarios) {
			// The same file is already here; or another file with its id and version, which stays.
			const here =
				(await db.scenarios.get(sc.hash)) ??
				(await db.scenarios.where('id').equals(sc.id).toArray()).find((r) => r.version === sc.version);
			if (here) report.present++;
			else {
				await db.scenarios.add(sc);
				report.added.scenarios++;
			}
		}
	});
	const board: BoardResultRow[] = [];
	for (const [i, b] of (backup.boardResults ?? []).entries()) {
		const r = BoardResultSchema.safeParse(b);
		if (!r.success) {
			report.errors.push(`boardResults[${i}]: ${firstIssue(r.error)}`);
			continue;
		}
		const row = await recheck(r.data.attempt);
		if (typeof row === 'string') report.errors.push(`boardResults[${i}] (id ${r.data.id}): ${row}`);
		else board.push({ ...r.data, row });
	}
	await db.transaction('rw', [db.profiles, db.attempts, db.attemptIndex, db.settings, db.boardResults], async () => {
		const names = new Set((await db.profiles.toArray()).flatMap((p) => [p.id, `name:${p.name}`]));
		for (const p of profiles) {
			if (names.has(p.id) || names.has(`name:${p.name}`)) report.present++;
			else {
				await db.profiles.add(p);
				names.add(p.id).add(`name:${p.name}`);
				report.added.profiles++;
			}
		}
		const ids = new Set((await db.attempts.toCollection().primaryKeys()).map(String));
		const fresh = attempts.filter((a) => {
			if (ids.has(a.id)) {
				report.present++;
				return false;
			}
			ids.add(a.id);
			return true;
		});
		await writeIndexed(db, fresh.map(finishedRow));
		report.added.attempts = fresh.length;
		const keys = new Set((await db.settings.toCollection().primaryKeys()).map(String));
		for (const s of settings) {
			if (keys.has(s.key)) report.present++;
			else {
				await db.settings.add(s);
				report.added.settings++;
			}
		}
		const onBoard = new Set((await db.boardResults.toCollection().primaryKeys()).map(String));
		for (const b of board) {
			if (onBoard.has(b.id)) report.present++;
			else {
				await db.boardResults.add(b);
				onBoard.add(b.id);
				report.added.boardResults++;
			}
		}
	});
	return { ok: true, report };
}
