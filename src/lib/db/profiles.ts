/** Trainee profiles (several per device, for shared machines) and the current one. */
import type { NightshiftDb, ProfileRow } from './db.ts';

/** Every trainee profile, by name. */
export async function listProfiles(db: NightshiftDb): Promise<ProfileRow[]> {
	return db.profiles.orderBy('name').toArray();
}

/**
 * Adds a trainee profile, or returns the one with that name.
 * @param name the trainee's name (trimmed; 1–80 characters)
 */
export async function addProfile(db: NightshiftDb, name: string): Promise<ProfileRow> {
	const clean = name.trim().slice(0, 80);
	if (!clean) throw new Error('A trainee needs a name.');
	const existing = await db.profiles.where('name').equals(clean).first();
	if (existing) return existing;
	const row: ProfileRow = { id: globalThis.crypto.randomUUID(), name: clean, createdAt: new Date().toISOString() };
	await db.profiles.add(row);
	return row;
}

const CURRENT_PROFILE = 'currentProfile';

/** The trainee playing on this device now, or null when none was picked. */
export async function currentProfile(db: NightshiftDb): Promise<ProfileRow | null> {
	const setting = await db.settings.get(CURRENT_PROFILE);
	if (typeof setting?.value !== 'string') return null;
	return (await db.profiles.get(setting.value)) ?? null;
}

/** Picks the trainee playing on this device. */
export async function setCurrentProfile(db: NightshiftDb, id: string): Promise<void> {
	await db.settings.put({ key: CURRENT_PROFILE, value: id });
}
