import { describe, expect, it } from 'vitest';
import type { PolicyNode } from '$lib/engine/fair.ts';
import { policyView } from './policy-view.ts';

const tree: PolicyNode = {
	action: 'check-disk',
	label: 'Check the disk',
	at: 0,
	expectedMinutes: 25,
	variants: ['disk', 'net'],
	branches: [
		{
			observation: 'df -h: 100%',
			variants: ['disk'],
			next: {
				action: 'clean',
				label: 'Clean the disk',
				at: 5,
				expectedMinutes: 20,
				variants: ['disk'],
				branches: [{ observation: 'service restored', variants: ['disk'], next: null }]
			}
		},
		{
			observation: 'df -h: 41%',
			variants: ['net'],
			next: {
				action: 'reset',
				label: 'Reset the uplink',
				at: 5,
				expectedMinutes: 20,
				variants: ['net'],
				branches: [{ observation: 'service restored', variants: ['net'], next: null }]
			}
		}
	]
};

describe('policyView', () => {
	it('lists every move and end with what led to it', () => {
		const nodes = policyView(tree, 'disk', []);
		expect(nodes.map((n) => [n.id, n.parent, n.label, n.via])).toEqual([
			['n', null, 'Check the disk', null],
			['n.0', 'n', 'Clean the disk', 'df -h: 100%'],
			['n.0.0', 'n.0', 'Service restored', null],
			['n.1', 'n', 'Reset the uplink', 'df -h: 41%'],
			['n.1.0', 'n.1', 'Service restored', null]
		]);
		expect(nodes.filter((n) => n.onVariant).map((n) => n.id)).toEqual(['n', 'n.0', 'n.0.0']);
	});

	it('traces a trainee who followed the policy to the end', () => {
		const nodes = policyView(tree, 'net', ['check-disk', 'reset']);
		expect(nodes.filter((n) => n.followed).map((n) => n.id)).toEqual(['n', 'n.1']);
		expect(nodes.some((n) => n.departed)).toBe(false);
	});

	it('marks where a trainee left the policy, and nothing after it', () => {
		const nodes = policyView(tree, 'disk', ['clean', 'check-disk']);
		expect(nodes.filter((n) => n.followed)).toEqual([]);
		expect(nodes.filter((n) => n.departed).map((n) => n.id)).toEqual(['n']);
	});
});
