/** The trainee profiles on this device and the one playing now, as runes. */
// profiles.ts directly: the catalogue shows this picker, and needs nothing else of the database up front.
import { addProfile, currentProfile, listProfiles, setCurrentProfile } from '$lib/db/profiles.ts';
import type { ProfileRow } from '$lib/db/db.ts';
import { withDb } from './persistence.svelte.ts';

export class Profiles {
	list = $state.raw<ProfileRow[]>([]);
	current = $state.raw<ProfileRow | null>(null);
	/** Why the last change failed, if it did. */
	error = $state('');

	/** Counts reads, so that a slow earlier read can't overwrite a later one. */
	#reads = 0;

	/** Reads the profiles (browser only). */
	async load(): Promise<void> {
		const read = ++this.#reads;
		const r = await withDb(async (db) => ({ list: await listProfiles(db), current: await currentProfile(db) }));
		if (r.ok && read === this.#reads) ({ list: this.list, current: this.current } = r.value);
	}

	/** Adds a trainee and makes them the current one. */
	async add(name: string): Promise<void> {
		this.error = '';
		const r = await withDb(async (db) => {
			const p = await addProfile(db, name);
			await setCurrentProfile(db, p.id);
		}).catch((e: unknown) => ({ ok: false as const, reason: String(e) }));
		if (!r.ok) this.error = r.reason;
		await this.load();
	}

	/** Picks who plays now. */
	async pick(id: string): Promise<void> {
		await withDb((db) => setCurrentProfile(db, id));
		await this.load();
	}
}
