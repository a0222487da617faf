import { describe, expect, it } from 'vitest';
import type { AttemptListing, HistoryEntry } from '$lib/db/index.ts';
import type { Mode } from '$lib/vocabulary.ts';
import { applyFilter, progressByScenario, progressPoints, type HistoryFilter } from './history.svelte.ts';

function finished(
	id: string,
	over: Partial<Pick<AttemptListing, 'mode' | 'trainee' | 'finishedAt'>> & {
		scenario?: string;
		minutes?: number | null;
	} = {}
): HistoryEntry {
	return {
		id,
		status: 'finished',
		attempt: {
			id,
			scenario: { id: over.scenario ?? 'http4-night', version: 1 },
			seed: 1,
			mode: over.mode ?? 'guided',
			trainee: over.trainee ?? 'Ana',
			outcome: over.minutes === null ? 'failed' : 'restored',
			startedAt: '2026-01-01T10:00:00.000Z',
			finishedAt: over.finishedAt ?? '2026-01-01T11:00:00.000Z',
			score: { minutes: over.minutes === undefined ? 90 : over.minutes, par: 60, total: 67, grade: 'C' }
		}
	};
}

function interrupted(id: string, over: { scenario?: string; mode?: Mode; trainee?: string } = {}): HistoryEntry {
	return {
		id,
		status: 'interrupted',
		scenarioId: over.scenario ?? 'http4-night',
		mode: over.mode ?? 'guided',
		trainee: over.trainee ?? 'Ana',
		finishedAt: '2026-01-02T10:00:00.000Z',
		reason: 'a new drill of this scenario was started before it ended',
		attempt: null
	};
}

const entries: HistoryEntry[] = [
	finished('a'),
	finished('b', { mode: 'drill', trainee: 'Bo' }),
	finished('c', { scenario: 'freeze-triage', mode: 'practice' }),
	interrupted('d', { scenario: 'freeze-triage', trainee: 'Bo' }),
	interrupted('e', { mode: 'drill' })
];

const ids = (f: Partial<HistoryFilter>) =>
	applyFilter(entries, { scenario: '', mode: '', trainee: '', ...f }).map((e) => e.id);

describe('applyFilter', () => {
	it('keeps every attempt, in order, when no filter is chosen', () => {
		expect(ids({})).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	it('filters finished and interrupted attempts alike by scenario, mode and trainee', () => {
		expect(ids({ scenario: 'freeze-triage' })).toEqual(['c', 'd']);
		expect(ids({ mode: 'drill' })).toEqual(['b', 'e']);
		expect(ids({ trainee: 'Bo' })).toEqual(['b', 'd']);
	});

	it('keeps only the attempts that match every chosen filter', () => {
		expect(ids({ scenario: 'http4-night', mode: 'drill' })).toEqual(['b', 'e']);
		expect(ids({ scenario: 'http4-night', mode: 'drill', trainee: 'Bo' })).toEqual(['b']);
		expect(ids({ scenario: 'freeze-triage', trainee: 'Cy' })).toEqual([]);
	});
});

describe('progressPoints', () => {
	it("numbers one scenario's restored attempts oldest first, leaving out the others", () => {
		const points = progressPoints(
			[
				finished('late', { finishedAt: '2026-03-01T00:00:00.000Z', minutes: 70 }),
				finished('early', { finishedAt: '2026-01-01T00:00:00.000Z', minutes: 120 }),
				finished('failed', { minutes: null }),
				finished('other', { scenario: 'freeze-triage' }),
				interrupted('cut')
			],
			'http4-night'
		);
		expect(points).toEqual([
			{ n: 1, minutes: 120, par: 60, when: '2026-01-01T00:00:00.000Z' },
			{ n: 2, minutes: 70, par: 60, when: '2026-03-01T00:00:00.000Z' }
		]);
	});

	it('charts every scenario from one pass, each numbered on its own', () => {
		const by = progressByScenario([
			finished('a2', { finishedAt: '2026-02-01T00:00:00.000Z', minutes: 80 }),
			finished('f1', { scenario: 'freeze-triage', finishedAt: '2026-01-15T00:00:00.000Z', minutes: 50 }),
			finished('a1', { finishedAt: '2026-01-01T00:00:00.000Z', minutes: 100 }),
			finished('f-failed', { scenario: 'freeze-triage', minutes: null }),
			interrupted('cut', { scenario: 'disk-full' })
		]);
		expect([...by.keys()].sort()).toEqual(['freeze-triage', 'http4-night']);
		expect(by.get('http4-night')!.map((p) => [p.n, p.minutes])).toEqual([
			[1, 100],
			[2, 80]
		]);
		expect(by.get('freeze-triage')!.map((p) => [p.n, p.minutes])).toEqual([[1, 50]]);
	});
});
