import { describe, expect, it } from 'vitest';
import {
	describeFilter,
	filterQuery,
	isFiltered,
	matchesFilter,
	NO_FILTER,
	readFilter,
	tagCounts,
	type Filterable
} from './catalogue-filter.ts';
import { DIFFICULTY_LABELS } from '$lib/vocabulary.ts';

const freeze: Filterable = {
	title: 'http4 freezes: restart and watch, or dig?',
	summary: 'A silent console and a frozen server.',
	tags: ['freeze', 'hardware', 'ipmi'],
	learningGoals: ['Read the BMC event log before restarting'],
	difficulty: 'introductory'
};
const failover: Filterable = {
	title: 'Paris is unreachable: switch to Dublin, or wait?',
	summary: 'Replication is on; the datacenter is gone from the network.',
	tags: ['failover', 'dns', 'split-brain', 'hardware'],
	learningGoals: ['Fence before you promote'],
	difficulty: 'intermediate'
};
const filter = (q = '', tag = '', difficulty: Filterable['difficulty'] | '' = '') => ({ q, tag, difficulty });

describe('catalogue filter', () => {
	it('finds a scenario by any word of its title, summary, tags or learning goals, in any case', () => {
		expect(matchesFilter(freeze, filter('FROZEN'))).toBe(true);
		expect(matchesFilter(freeze, filter('bmc'))).toBe(true);
		expect(matchesFilter(freeze, filter('ipmi'))).toBe(true);
		expect(matchesFilter(failover, filter('fence'))).toBe(true);
		expect(matchesFilter(freeze, filter('dublin'))).toBe(false);
	});

	it('needs every word of the search, in any order', () => {
		expect(matchesFilter(failover, filter('dublin fence'))).toBe(true);
		expect(matchesFilter(failover, filter('dublin freeze'))).toBe(false);
	});

	it('finds a hyphenated tag typed with a space', () => {
		expect(matchesFilter(failover, filter('split brain'))).toBe(true);
	});

	it('narrows by tag and by difficulty together', () => {
		expect([freeze, failover].filter((e) => matchesFilter(e, filter('', 'hardware')))).toEqual([freeze, failover]);
		expect([freeze, failover].filter((e) => matchesFilter(e, filter('', 'hardware', 'intermediate')))).toEqual([
			failover
		]);
		expect(matchesFilter(freeze, filter('', 'dns'))).toBe(false);
	});

	it('round-trips through the query string, and the plain catalogue keeps its plain URL', () => {
		const f = filter('split brain', 'dns', 'advanced');
		expect(readFilter(new URLSearchParams(filterQuery(f)))).toEqual(f);
		expect(filterQuery(NO_FILTER)).toBe('');
		expect(filterQuery(filter('   '))).toBe('');
	});

	it('reads a hand-edited link as "any" where it makes no sense', () => {
		expect(readFilter(new URLSearchParams('difficulty=impossible&other=1'))).toEqual(NO_FILTER);
		expect(readFilter(new URLSearchParams(`q=${'x'.repeat(5000)}`)).q).toHaveLength(200);
	});

	it('says whether anything is filtered, and how, in words', () => {
		expect(isFiltered(NO_FILTER)).toBe(false);
		expect(isFiltered(filter(' '))).toBe(false);
		expect(isFiltered(filter('', '', 'advanced'))).toBe(true);
		expect(describeFilter(filter('dns', 'failover', 'intermediate'), (d) => DIFFICULTY_LABELS[d])).toBe(
			'“dns” · tag failover · Intermediate'
		);
	});

	it('lists every tag once, alphabetically, with how many scenarios carry it', () => {
		expect(tagCounts([freeze, failover])).toEqual([
			{ tag: 'dns', count: 1 },
			{ tag: 'failover', count: 1 },
			{ tag: 'freeze', count: 1 },
			{ tag: 'hardware', count: 2 },
			{ tag: 'ipmi', count: 1 },
			{ tag: 'split-brain', count: 1 }
		]);
	});
});
