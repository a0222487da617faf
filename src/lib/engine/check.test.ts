import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { fixtureText } from '../../../tests/fixtures/load.ts';
import { formatIssue, type ScenarioIssue } from '../scenario/errors.ts';
import { checkScenarioText } from './check.ts';

const FILE = 'scenarios/broken.yaml';

/** The fixture with one change applied, as text, and its issues. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into the parsed YAML to break it on purpose
function checkAfter(change: (s: any) => void): { text: string; issues: ScenarioIssue[] } {
	const data = parse(fixtureText('disk-full'));
	change(data);
	const text = stringify(data);
	const result = checkScenarioText(text, FILE);
	return { text, issues: result.ok ? [] : result.issues };
}

/** The fixture with one change applied, checked; returns every issue as `path: message`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into the parsed YAML to break it on purpose
function issuesAfter(change: (s: any) => void): string[] {
	return checkAfter(change).issues.map((i) => `${i.path}: ${i.message}`);
}

/** The text at an issue's line and column, to the end of that line. */
function textAt(text: string, issue: ScenarioIssue): string {
	return text.split('\n')[issue.line! - 1]!.slice(issue.column! - 1);
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
			'actions[4]: action "delete-dumps" can never become available: each of its requirements holds at some point ("x", "y"), but never all at once'
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
			const { issues } = checkAfter(change);
			const found = issues.map((i) => `${i.path}: ${i.message}`);
			expect(
				found.some((m) => m.includes(expected)),
				`expected "${expected}" in:\n${found.join('\n')}`
			).toBe(true);
			// Every issue in the file says where: file, line and column.
			expect(issues.map(formatIssue).every((m) => /^scenarios\/broken\.yaml:\d+:\d+: /.test(m))).toBe(true);
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

describe('where an issue is', () => {
	it('points at the wrong id, names the action it is in and suggests the id meant', () => {
		const { text, issues } = checkAfter((s) => action(s, 'check-disk').reveals.push('dff'));
		const issue = issues.find((i) => i.message.startsWith('unknown evidence id'))!;
		expect(issue).toMatchObject({
			within: 'action "check-disk"',
			message: 'unknown evidence id "dff"; did you mean "df"?'
		});
		expect(textAt(text, issue)).toBe('dff');
		expect(formatIssue(issue)).toBe(
			`${FILE}:${issue.line}:${issue.column}: actions[0].reveals[1] (in action "check-disk"): unknown evidence id "dff"; did you mean "df"?`
		);
	});

	it('suggests a declared flag for a misspelt one', () => {
		const found = issuesAfter((s) => (action(s, 'restart').effects[0].set = { serviceUP: true }));
		expect(found).toContain(
			'actions[7].effects[0].set.serviceUP: unknown flag "serviceUP" (declare it under "flags"); did you mean "serviceUp"?'
		);
	});

	it('points an unknown key at the key and suggests the field meant', () => {
		const { text, issues } = checkAfter((s) => {
			action(s, 'check-disk').lable = 'x';
		});
		const issue = issues[0]!;
		expect(issue).toMatchObject({ path: 'actions[0]', within: 'action "check-disk"' });
		expect(issue.message).toBe('unknown key "lable"; did you mean "label"?');
		expect(textAt(text, issue)).toBe('lable: x');
	});

	it('suggests the condition key meant', () => {
		expect(issuesAfter((s) => (s.restore.full = { flags: { serviceUp: true } }))).toContain(
			'restore.full: unknown key "flags"; did you mean "flag"?'
		);
	});

	it('points a missing field at the item it is missing from', () => {
		const { text, issues } = checkAfter((s) => delete action(s, 'ask-dba').label);
		const issue = issues.find((i) => i.path === 'actions[3].label')!;
		expect(issue.within).toBe('action "ask-dba"');
		expect(textAt(text, issue)).toBe('id: ask-dba');
	});

	it('points an action that never becomes available at the action, and says which requirement never holds and why', () => {
		const { text, issues } = checkAfter((s) => {
			s.flags.dbaHappy = false;
			action(s, 'delete-dumps').requires = [{ when: { flag: { dbaHappy: true } }, reason: 'The DBA must agree.' }];
		});
		const issue = issues.find((i) => i.message.includes('can never become available'))!;
		expect(textAt(text, issue)).toBe('id: delete-dumps');
		expect(issue.message).toBe(
			'action "delete-dumps" can never become available: its requirement ("The DBA must agree.") never holds: flag dbaHappy is never true: it starts false and no action sets it to true'
		);
	});

	it('explains a requirement on evidence only an unavailable action reveals', () => {
		const found = issuesAfter((s) => (s.world.people[1].arrives = '05:00'));
		expect(found).toContain(
			'actions[4]: action "delete-dumps" can never become available: its requirement ("Ask the DBA first.") never holds: evidence "dba-says" is never seen: "ask-dba" never becomes available'
		);
	});

	it('explains a requirement on someone who arrives after the time limit', () => {
		const found = issuesAfter((s) => (s.world.people[1].arrives = '05:00'));
		expect(found.join('\n')).toContain('"dba" arrives at 05:00 +1d, at or after the time limit (03:30 +1d)');
	});

	it('finds work handed to someone who arrives later, with no condition naming their arrival', () => {
		// The DBA is asked directly (`by`), and nothing else waits for them: time passing to their
		// arrival must still count as a change, or the exploration never sees them free.
		const found = issuesAfter((s) => {
			Object.assign(action(s, 'ask-dba'), { by: 'dba', requires: [] });
			s.actions = s.actions.filter((a: { id: string }) => a.id !== 'wait');
		});
		expect(found.filter((m) => /never become available|no path to restore|dead end/.test(m))).toEqual([]);
	});
});
