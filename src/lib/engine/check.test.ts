import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { fixtureText } from '../../../tests/fixtures/load.ts';
import { formatIssue } from '../scenario/errors.ts';
import { checkScenarioText } from './check.ts';

const FILE = 'scenarios/broken.yaml';

/** The fixture with one change applied, checked; returns every issue as `file: path: message`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into the parsed YAML to break it on purpose
function issuesAfter(change: (s: any) => void): string[] {
	// `any`: the tests reach into the parsed YAML to break it on purpose.
	const data = parse(fixtureText('disk-full'));
	change(data);
	const result = checkScenarioText(stringify(data), FILE);
	return result.ok ? [] : result.issues.map(formatIssue);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into the parsed YAML to break it on purpose
const action = (s: any, id: string) => s.actions.find((a: { id: string }) => a.id === id);

describe('checkScenarioText', () => {
	it('passes the fixture', () => {
		expect(issuesAfter(() => {})).toEqual([]);
	});

	// A corpus of broken files, each with the message an author should see.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into the parsed YAML to break it on purpose
	const corpus: Array<[string, (s: any) => void, string]> = [
		[
			'an unknown evidence id in reveals',
			(s) => action(s, 'check-disk').reveals.push('dff'),
			'actions[0].reveals[1]: unknown evidence id "dff"'
		],
		[
			'an unknown action in a condition',
			(s) => (action(s, 'restart').requires = [{ when: { done: 'nope' }, reason: 'x' }]),
			'actions[7].requires[0].when.done: unknown action id "nope"'
		],
		[
			'an unknown variant',
			(s) => (action(s, 'truncate-log').effects[0].when = { variant: 'log' }),
			'actions[2].effects[0].when.variant: unknown variant id "log"'
		],
		[
			'an unknown option',
			(s) => (s.restore.degraded = { option: { rotation: true } }),
			'restore.degraded.option.rotation: unknown option "rotation"'
		],
		[
			'an undeclared flag',
			(s) => (action(s, 'restart').effects[0].set = { serviceUP: true }),
			'actions[7].effects[0].set.serviceUP: unknown flag "serviceUP" (declare it under "flags")'
		],
		[
			'a flag of the wrong type',
			(s) => (s.restore.full = { flag: { serviceUp: 'yes' } }),
			'restore.full.flag.serviceUp: flag "serviceUp" is a boolean, not a string'
		],
		[
			'an unknown person',
			(s) => (action(s, 'ask-dba').requires[0].when = { onSite: 'dba-team' }),
			'actions[3].requires[0].when.onSite: unknown person id "dba-team"'
		],
		[
			'an unknown failure',
			(s) => (action(s, 'wipe-var').effects[0].fail = 'data-lost'),
			'actions[5].effects[0].fail: unknown failure id "data-lost"'
		],
		['a duplicate action id', (s) => (s.actions[1].id = 'check-disk'), 'actions[1].id: duplicate id "check-disk"'],
		[
			'evidence nothing reveals',
			(s) => s.evidence.push({ id: 'orphan', source: 'console', title: 't', text: 'x' }),
			'evidence[5]: evidence "orphan" is never revealed by any action'
		],
		[
			'an unknown historical step',
			(s) => s.historical.path.push('reboot'),
			'historical.path[3]: unknown action id "reboot"'
		],
		[
			'a condition with two keys',
			(s) => (s.restore.full = { flag: { serviceUp: true }, done: 'restart' }),
			'restore.full: a condition has exactly one of: all, any, not, variant, option, flag, done, seen, onSite, at, elapsed, since'
		],
		[
			'a misspelt condition key',
			(s) => (s.restore.full = { flags: { serviceUp: true } }),
			'restore.full: unknown key "flags"'
		],
		[
			'an unknown action group',
			(s) => (s.actions[0].group = 'fix'),
			'actions[0].group: Invalid option: expected one of "diagnose"|"repair"|"escalate"|"communicate"|"failover"'
		],
		[
			'a zero-minute action',
			(s) => (s.actions[0].minutes = 0),
			'actions[0].minutes: an action takes at least 1 minute'
		],
		[
			'a bad time of day',
			(s) => (s.world.people[1].arrives = '24:30'),
			'world.people[1].arrives: must be a time of day such as "09:55"'
		],
		[
			'an action that can never be available',
			(s) =>
				(action(s, 'delete-dumps').requires = [
					{ when: { seen: 'du-logs' }, reason: 'x' },
					{ when: { seen: 'du-dumps' }, reason: 'y' }
				]),
			'actions[4]: action "delete-dumps" can never become available'
		],
		[
			'a variant that can never be restored',
			(s) => {
				action(s, 'delete-dumps').effects = [];
				s.restore.degraded = { all: [{ flag: { readOnly: true } }, { variant: 'logs' }] };
			},
			'variants[1]: variant "dumps" with {logRotation: off} has no path to restore'
		],
		[
			'a dead end that is not a declared failure',
			(s) => {
				// Wiping /var after truncating the log now leaves no way back, and nothing says "failed".
				action(s, 'wipe-var').effects = [{ set: { diskFree: false } }];
				action(s, 'read-only').requires = [{ when: { not: { done: 'wipe-var' } }, reason: 'x' }];
				s.failures = [];
			},
			'variants[0]: variant "logs" with {logRotation: off}: dead end at 23:37 after [truncate-log, wipe-var]'
		],
		[
			'a historical path that does not replay',
			(s) => (s.historical.path = ['truncate-log', 'check-disk', 'find-big-files', 'delete-dumps']),
			'historical.path: step 4 ("delete-dumps") was not possible: Ask the DBA first.'
		]
	];

	for (const [what, change, expected] of corpus) {
		it(`reports ${what}`, () => {
			const found = issuesAfter(change);
			expect(
				found.some((m) => m.includes(expected)),
				`expected "${expected}" in:\n${found.join('\n')}`
			).toBe(true);
			expect(found.every((m) => m.startsWith(`${FILE}: `))).toBe(true);
		});
	}

	it('reports every problem of a file at once', () => {
		const found = issuesAfter((s) => {
			action(s, 'check-disk').reveals.push('dff');
			s.restore.full = { flag: { serviceUP: true } };
		});
		expect(found).toHaveLength(2);
	});
});
