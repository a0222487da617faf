import { describe, expect, it } from 'vitest';
import { createAttempt, MAX_ATTEMPT_BYTES, type Attempt } from '$lib/engine/attempt.ts';
import { replay } from '$lib/engine/replay.ts';
import type { DrillStep } from '$lib/engine/drill.ts';
import { checkResult } from '$lib/engine/team.ts';
import type { BoardResultRow } from '$lib/db/index.ts';
import { diskFullDrill } from '../../../tests/fixtures/load.ts';
import { CHUNK, drillKey, groupResults, TeamBoard, type BoardStore, type ResultFile } from './team-board.svelte.ts';

const { compiled, scenarios, code } = diskFullDrill({ seed: 1, logRotation: false, liveClockRate: 0 });
const PAR: DrillStep[] = [
	{ type: 'action', action: 'check-disk' },
	{ type: 'action', action: 'truncate-log' },
	{ type: 'action', action: 'restart' }
];

function attempt(id: string, trainee: string, log: DrillStep[] = PAR, seed = 1): Attempt {
	const run = replay(compiled, { seed, options: {}, mode: 'drill' }, log);
	return createAttempt(compiled, run.state, {
		id,
		trainee,
		drillCode: seed === 1 ? code : null,
		startedAt: '2024-03-02T10:00:00.000Z',
		finishedAt: '2024-03-02T10:05:00.000Z'
	});
}
const file = (name: string, text: string, size = text.length): ResultFile => ({ name, size, text: async () => text });
const json = (a: unknown) => JSON.stringify(a);

function memoryStore(): BoardStore & { rows: BoardResultRow[]; drill: string | null } {
	const store = {
		rows: [] as BoardResultRow[],
		drill: null as string | null,
		load: async () => ({ results: [...store.rows], drillCode: store.drill }),
		add: async (rows: BoardResultRow[]) => void store.rows.push(...rows),
		remove: async (id: string) => void (store.rows = store.rows.filter((r) => r.id !== id)),
		clear: async () => void (store.rows = []),
		setDrill: async (c: string | null) => void (store.drill = c)
	};
	return store;
}

const board = (store = memoryStore()) =>
	new TeamBoard(
		(text, drill) =>
			checkResult(text, drill, (id, v) => (id === 'disk-full' && v === compiled.scenario.version ? compiled : null)),
		store,
		scenarios
	);

describe('the team board', () => {
	it('verifies good files, refuses bad ones with the reason and keeps the verified ones', async () => {
		const store = memoryStore();
		const b = board(store);
		await b.load();
		const tampered = attempt('t1', 'Cheat');
		tampered.score.total = Math.max(0, tampered.score.total - 7);
		const impossible = { ...attempt('t2', 'Max'), score: { ...attempt('t2', 'Max').score, total: 1000 } };
		await b.importFiles([
			file('ana.json', json(attempt('a1', 'Ana'))),
			file(
				'bo.json',
				json(attempt('b1', 'Bo', [PAR[0]!, { type: 'action', action: 'find-big-files' }, ...PAR.slice(1)]))
			),
			file('cheat.json', json(tampered)),
			file('max.json', json(impossible)),
			file('notes.txt', 'hello <b>there</b>'),
			file('huge.json', '{}', MAX_ATTEMPT_BYTES + 1),
			file('other.json', json({ ...attempt('o1', 'Oz'), scenario: { id: 'disk-full', version: 99 } }))
		]);
		expect(b.results.map((r) => r.row.trainee)).toEqual(['Ana', 'Bo']);
		expect(store.rows.map((r) => r.id)).toEqual(['a1', 'b1']);
		expect(b.refused).toEqual([
			{ name: 'cheat.json', reason: expect.stringMatching(/^score does not match the replay/) },
			{ name: 'max.json', reason: expect.stringMatching(/^malformed attempt: score.total/) },
			{ name: 'notes.txt', reason: 'the file is not JSON' },
			{ name: 'huge.json', reason: 'the file is larger than 1 MiB' },
			{ name: 'other.json', reason: 'unknown scenario disk-full version 99' }
		]);
		expect(b.status).toBe('Checked 7 files: 2 verified, 5 refused.');
		expect(b.done).toBe(7);
		expect(b.busy).toBe(false);

		// Kept on the device: a new board loads them.
		const again = board(store);
		await again.load();
		expect(again.results.map((r) => r.id)).toEqual(['a1', 'b1']);
	});

	it('skips a result already on the board with a note', async () => {
		const b = board();
		await b.importFiles([file('ana.json', json(attempt('a1', 'Ana')))]);
		await b.importFiles([
			file('ana (copy).json', json(attempt('a1', 'Ana'))),
			file('ana-again.json', json(attempt('a1', 'Ana')))
		]);
		expect(b.results).toHaveLength(1);
		expect(b.duplicates.map((d) => d.name)).toEqual(['ana (copy).json', 'ana-again.json']);
		expect(b.status).toBe('Checked 2 files: 0 verified, 2 already on the board.');
	});

	it('checks files against the board drill when one is set, and refuses a mistyped code', async () => {
		const b = board();
		expect(b.setDrill(code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'))).toBe(
			'This code has a typo: check each character.'
		);
		expect(b.setDrill(code.toLowerCase())).toBeNull();
		expect(b.drillCode).toBe(code);
		await b.importFiles([
			file('a.json', json(attempt('a1', 'Ana'))),
			file('s2.json', json(attempt('s2', 'Sam', PAR, 2)))
		]);
		expect(b.results.map((r) => r.id)).toEqual(['a1']);
		expect(b.refused).toEqual([{ name: 's2.json', reason: 'a different drill: seed 2, not 1' }]);
	});

	it('groups results by drill, fastest first, and exports them as CSV', async () => {
		const b = board();
		await b.importFiles([
			file(
				'slow.json',
				json(attempt('slow', 'Slow', [PAR[0]!, { type: 'action', action: 'find-big-files' }, ...PAR.slice(1)]))
			),
			file('fast.json', json(attempt('fast', 'Fast'))),
			file('s2.json', json(attempt('s2', 'Sam', PAR, 2)))
		]);
		expect(b.groups.map((g) => [g.label, g.results.map((r) => r.id)])).toEqual([
			[code, ['fast', 'slow']],
			['disk-full · seed 2 · drill', ['s2']]
		]);
		const lines = b.csv().trim().split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[1]).toMatch(/^"Fast","disk-full","1","drill","restored"/);
		expect(lines[2]).toMatch(/"step \d+: [^"]+"$/);
	});

	it('pauses between chunks so the page can paint, with progress as it goes', async () => {
		const b = board();
		const files = Array.from({ length: CHUNK * 2 + 1 }, (_, i) => file(`f${i}.json`, json(attempt(`id${i}`, `T${i}`))));
		const seen: number[] = [];
		const done = b.importFiles(files);
		// A timer gets to run between chunks: record progress each time.
		await new Promise<void>((resolve) => {
			const tick = () => {
				seen.push(b.done);
				if (b.busy || seen.length === 1) setTimeout(tick, 0);
				else resolve();
			};
			setTimeout(tick, 0);
		});
		await done;
		expect(b.results).toHaveLength(CHUNK * 2 + 1);
		expect(seen.some((n) => n > 0 && n < CHUNK * 2 + 1)).toBe(true);
	});

	it('removes one result and clears the board', async () => {
		const store = memoryStore();
		const b = board(store);
		await b.importFiles([file('a.json', json(attempt('a1', 'Ana'))), file('b.json', json(attempt('b1', 'Bo')))]);
		await b.remove('a1');
		expect(b.results.map((r) => r.id)).toEqual(['b1']);
		expect(store.rows.map((r) => r.id)).toEqual(['b1']);
		await b.clear();
		expect(b.results).toEqual([]);
		expect(store.rows).toEqual([]);
	});

	it('keeps a trainee name with markup as plain data', async () => {
		const b = board();
		await b.importFiles([file('x.json', json(attempt('x1', '<img src=x onerror=alert(1)>')))]);
		expect(b.results[0]!.row.trainee).toBe('<img src=x onerror=alert(1)>');
		expect(drillKey(b.results[0]!)).toBe(code);
		expect(groupResults([])).toEqual([]);
	});

	it('checks a pasted result like a file', async () => {
		const b = board();
		await b.importText(json(attempt('p1', 'Pat')));
		await b.importText('not a result');
		expect(b.results.map((r) => [r.fileName, r.row.trainee])).toEqual([['Pasted text', 'Pat']]);
		expect(b.refused).toEqual([{ name: 'Pasted text', reason: 'the file is not JSON' }]);
	});
});
