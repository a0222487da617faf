import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../tests/fixtures/load.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import { checkScenario } from './check.ts';

/**
 * A small scenario where diagnosing pays: two causes, each with its own fix (20 min), a slow
 * fix-all, and a 5-minute check that tells them apart: 25 min from the evidence, 30 blind.
 */
function base(): Record<string, unknown> & { actions: Array<Record<string, unknown>> } {
	return {
		format: 'nightshift-scenario/1',
		id: 'lint-case',
		version: 1,
		title: 'Lint case',
		summary: 'A case for the lints',
		difficulty: 'introductory',
		estimatedMinutes: 5,
		learningGoals: ['Read the evidence'],
		start: { date: '2024-01-01', time: '00:00' },
		limitMinutes: 300,
		briefing: 'The site is down.',
		world: {
			people: [],
			status: [{ id: 'site', label: 'Site', states: [{ when: { flag: { fixed: true } }, is: 'up' }, { is: 'down' }] }]
		},
		flags: { fixed: false, fenced: false },
		variants: [
			{ id: 'disk', label: 'Disk', weight: 1, explanation: 'disk' },
			{ id: 'net', label: 'Network', weight: 1, explanation: 'net' }
		],
		evidence: [
			{ id: 'alert', source: 'monitoring', title: 'Site down', text: 'HTTP 503' },
			{ id: 'df-full', source: 'console', title: 'df -h', text: '/dev/sda1 100% /' },
			{ id: 'df-ok', source: 'console', title: 'df -h', text: '/dev/sda1 41% /' }
		],
		initialEvidence: ['alert'],
		actions: [
			{
				id: 'check-disk',
				label: 'Check the disk',
				group: 'diagnose',
				minutes: 5,
				reveals: [
					{ evidence: 'df-full', when: { variant: 'disk' } },
					{ evidence: 'df-ok', when: { variant: 'net' } }
				]
			},
			{
				id: 'clean-disk',
				label: 'Clean the disk',
				group: 'repair',
				minutes: 20,
				effects: [{ set: { fixed: true }, when: { variant: 'disk' } }]
			},
			{
				id: 'reset-link',
				label: 'Reset the uplink',
				group: 'repair',
				minutes: 20,
				effects: [{ set: { fixed: true }, when: { variant: 'net' } }]
			},
			{ id: 'rebuild', label: 'Rebuild the server', group: 'repair', minutes: 120, effects: [{ set: { fixed: true } }] }
		],
		restore: { full: { flag: { fixed: true } } },
		phases: { diagnosed: { seen: 'df-full' } },
		debrief: { whatHappened: 'x', lessons: ['x'] }
	};
}

const messages = (data: unknown) => {
	const result = checkScenario(ScenarioSchema.parse(data), 'lint-case.yaml');
	return result.ok ? [] : result.issues.map((i) => i.message);
};

describe('scenario lints', () => {
	it('pass a scenario where reading the evidence pays', () => {
		expect(messages(base())).toEqual([]);
	});

	it('blind play: a routine that restores every variant nearly as fast is named, with both times', () => {
		const data = base();
		// Both quick fixes in a row cost 6 minutes on average, no more than checking first (9).
		data.actions[1]!.minutes = 4;
		data.actions[2]!.minutes = 4;
		const found = messages(data).filter((m) => m.startsWith('blind play'));
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(/blind play: \[(clean-disk, reset-link|reset-link, clean-disk)\] restores every variant/);
		expect(found[0]).toMatch(/fair policy's \d/);
	});

	it('blind play can be allowed with a reason', () => {
		const data = base();
		data.actions[1]!.minutes = 4;
		data.actions[2]!.minutes = 4;
		data.allow = [{ lint: 'blind-play', reason: 'A warm-up scenario: the routine is the lesson.' }];
		expect(messages(data).filter((m) => m.startsWith('blind play'))).toEqual([]);
	});

	it('leak: an action whose availability reads the variant is named with the variants', () => {
		const data = base();
		data.actions[2]!.requires = [{ when: { variant: 'net' }, reason: 'The uplink is fine.' }];
		const found = messages(data).filter((m) => m.startsWith('leak'));
		expect(found.length).toBeGreaterThan(0);
		expect(found[0]).toContain('"reset-link"');
		expect(found[0]).toContain('"disk", "net"');
	});

	it('wait: a wait that stops while what it would show is still ahead is named', () => {
		const data = base();
		(data.evidence as unknown[]).push({ id: 'link-back', source: 'monitoring', title: 'Uplink', text: 'uplink back' });
		data.actions.push({
			id: 'watch',
			label: 'Watch the uplink',
			group: 'diagnose',
			minutes: 30,
			repeatable: true,
			until: { any: [{ elapsed: { atLeast: 60 } }, { flag: { fenced: true } }] },
			reveals: [{ evidence: 'link-back', when: { elapsed: { atLeast: 90 } } }]
		});
		const found = messages(data).filter((m) => m.startsWith('wait'));
		expect(found.length).toBeGreaterThan(0);
		expect(found[0]).toContain('"watch" says there is nothing to wait for at 01:00');
		expect(found[0]).toContain('still ahead at 01:30');
	});

	it('trip on the engine fixture once its opt-out is removed', () => {
		const data = parse(fixtureText('disk-full')) as Record<string, unknown>;
		delete data.allow;
		expect(messages(data).some((m) => m.startsWith('blind play'))).toBe(true);
	});
});
