import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/fixtures/load.ts';
import { performAction, startDrill, takeHint, type DrillState } from '$lib/engine/drill.ts';
import {
	actionGroups,
	drillEnd,
	evidenceLog,
	GROUP_LABELS,
	guideNote,
	hintTexts,
	unavailableReason
} from './drill-view.ts';

const compiled = fixture('disk-full');
// Seed 1 hides the "logs" variant in disk-full.
const start = () => startDrill(compiled, { seed: 1, mode: 'guided' });
const play = (state: DrillState, ...ids: string[]) => ids.reduce((s, id) => performAction(compiled, s, id), state);
const actionsOf = (state: DrillState) => actionGroups(compiled, state).flatMap((g) => g.actions);

describe('actionGroups', () => {
	it('shows every group that has actions, in the schema order, under its label', () => {
		expect(actionGroups(compiled, start()).map((g) => [g.group, g.label])).toEqual([
			['diagnose', 'Diagnose'],
			['repair', 'Repair'],
			['escalate', 'Escalate'],
			['communicate', 'Communicate'],
			['failover', 'Fail over']
		]);
	});

	it('lists an unavailable action with its reason, and a waiting one as such', () => {
		const actions = actionsOf(start());
		expect(actions.find((a) => a.id === 'find-big-files')).toMatchObject({
			available: false,
			reason: 'Check the disk first.',
			cost: '10 min'
		});
		expect(actions.find((a) => a.id === 'check-disk')).toMatchObject({ available: true, reason: null, cost: '5 min' });
		expect(actions.find((a) => a.id === 'wait')?.cost).toMatch(/^up to \d+ min$/);
		expect(actions.find((a) => a.id === 'wipe-var')).toMatchObject({ risky: true });
	});

	it('makes an action available once its requirement holds', () => {
		const after = play(start(), 'check-disk');
		expect(actionsOf(after).find((a) => a.id === 'find-big-files')).toMatchObject({ available: true, reason: null });
	});
});

describe('evidenceLog', () => {
	it('starts with the initial evidence at the start of the clock', () => {
		expect(evidenceLog(compiled, start())).toEqual([
			expect.objectContaining({ kind: 'evidence', key: 'e:alert', at: 0 })
		]);
	});

	it('lists each action with its minutes, then the evidence it showed when it finished', () => {
		const log = evidenceLog(compiled, play(start(), 'check-disk', 'post-status'));
		expect(log.map((e) => [e.kind, e.key, e.at])).toEqual([
			['evidence', 'e:alert', 0],
			['action', 'a:0', 0],
			['evidence', 'e:df', 5],
			['action', 'a:1', 5]
		]);
		expect(log[1]).toMatchObject({ label: 'Check disk space', minutes: 5, nothingNew: false });
		expect(log[3]).toMatchObject({ label: 'Post a status update', nothingNew: true });
	});

	it('lists a hint where it was taken', () => {
		const log = evidenceLog(compiled, takeHint(compiled, start()));
		expect(log[1]).toEqual({ kind: 'hint', key: 'h:0', at: 0, text: 'Start with the disk.' });
	});
});

describe('guideNote and hints', () => {
	it('explains the last action and the evidence it showed', () => {
		expect(guideNote(compiled, play(start(), 'check-disk'))).toEqual({
			action: 'Check disk space',
			note: null,
			evidence: []
		});
		expect(guideNote(compiled, start())).toBeNull();
	});

	it('gives the hints taken so far, in order', () => {
		const state = takeHint(compiled, play(takeHint(compiled, start()), 'check-disk'));
		expect(hintTexts(compiled, state)).toEqual(['Start with the disk.', 'Find what is large.']);
	});
});

describe('unavailableReason', () => {
	it('says why an action cannot be taken, and nothing when it can', () => {
		expect(unavailableReason(compiled, start(), 'find-big-files')).toBe('Check the disk first.');
		expect(unavailableReason(compiled, start(), 'check-disk')).toBeNull();
		expect(unavailableReason(compiled, play(start(), 'check-disk'), 'check-disk')).toBe('Already done.');
	});
});

describe('drillEnd', () => {
	it('says nothing while the drill runs', () => {
		expect(drillEnd(compiled, start())).toBeNull();
	});

	it('names a restore, a failure and the time limit', () => {
		expect(drillEnd(compiled, play(start(), 'truncate-log', 'restart'))).toEqual({
			title: 'Service restored',
			restored: true
		});
		expect(drillEnd(compiled, play(start(), 'read-only'))).toEqual({
			title: 'Service restored (degraded)',
			restored: true
		});
		expect(drillEnd(compiled, play(start(), 'wipe-var'))).toEqual({
			title: 'Drill failed: Data loss',
			restored: false
		});
		expect(drillEnd(compiled, { ...start(), outcome: 'timeout' })).toEqual({ title: 'Time is up', restored: false });
	});
});

describe('GROUP_LABELS', () => {
	it('labels every group the drill screen shows', () => {
		expect(Object.keys(GROUP_LABELS)).toEqual(['diagnose', 'repair', 'escalate', 'communicate', 'failover']);
	});
});
