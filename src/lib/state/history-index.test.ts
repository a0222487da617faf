import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { createAttempt } from '$lib/engine/attempt.ts';
import { replay } from '$lib/engine/replay.ts';
import { openDb } from '$lib/db/client.ts';
import { finishedRow, putAttempt } from '$lib/db/queries.ts';
import { readAttemptIndex } from '$lib/db/summary.ts';
import { watchAllAttempts } from './history.svelte.ts';

// Storage opens only in the browser: here, fake-indexeddb stands in for the browser's.
vi.mock('$app/environment', () => ({ browser: true }));

const compiled = fixture('disk-full');
const attempt = (id: string) =>
	createAttempt(
		compiled,
		replay(compiled, { seed: 1, options: {}, mode: 'guided' }, [{ type: 'action', action: 'check-disk' }]).state,
		{
			id,
			trainee: 'Ana',
			startedAt: '2024-03-02T10:00:00.000Z',
			finishedAt: `2024-03-0${id.length}T10:05:00.000Z`,
			wallMs: [1000]
		}
	);

afterAll(async () => {
	const opened = await openDb();
	if (opened.ok) opened.db.close();
});

describe('the history’s index', () => {
	it('is mended when the history finds it out of step with the attempts, and the list then counts them all', async () => {
		const opened = await openDb();
		if (!opened.ok) throw new Error(opened.reason);
		const db = opened.db;
		await putAttempt(db, attempt('a'));
		// Written past the index, as a version without it (or a hand) would have.
		await db.attempts.put(finishedRow(attempt('bb')));
		expect((await readAttemptIndex(db))?.id).toEqual(['a']);
		const live = watchAllAttempts();
		await vi.waitFor(async () => expect((await readAttemptIndex(db))?.id.sort()).toEqual(['a', 'bb']));
		await vi.waitFor(() => expect(live.current?.entries.map((e) => e.id)).toEqual(['bb', 'a']));
		live.stop();
	});
});
