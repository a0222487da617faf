/**
 * The debrief's "best play from the evidence": the fair policy's decision tree as a flat list
 * of nodes a drawing and a text version both read, with the trainee's path traced on it.
 */
import type { PolicyNode } from '$lib/engine/fair.ts';
import { variantOfKey } from '$lib/engine/world.ts';

/** The causes among hidden worlds' keys (a cause with several durations drawn is named once). */
const causes = (keys: readonly string[]) => [...new Set(keys.map(variantOfKey))];

export interface PolicyViewNode {
	id: string;
	parent: string | null;
	/** The move, or how the drill ends on this branch ("Service restored"). */
	label: string;
	/** Clock when the move starts; null for an end. */
	at: number | null;
	/** What the screen showed to lead here (the branch taken after the parent's move); null at the root. */
	via: string | null;
	/** The causes still possible here. */
	variants: string[];
	/** On the hidden cause's own branch. */
	onVariant: boolean;
	/** The trainee made this move here. */
	followed: boolean;
	/** The trainee left the policy here (made another move). */
	departed: boolean;
	end: boolean;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Flattens a policy tree.
 * @param root the policy from the start (for the hidden cause's first screen)
 * @param variant the hidden world's key (world.ts `hiddenKeyOf`: the cause, and any durations drawn)
 * @param actions the trainee's actions in order (hints left out)
 */
export function policyView(root: PolicyNode, variant: string, actions: readonly string[]): PolicyViewNode[] {
	const out: PolicyViewNode[] = [];
	// The trainee follows the policy along the hidden cause's branch until their first other move.
	let step = 0;
	let following = true;
	const visit = (node: PolicyNode, id: string, parent: string | null, via: string | null) => {
		const onVariant = node.variants.includes(variant);
		let followed = false;
		let departed = false;
		if (onVariant && following) {
			if (actions[step] === node.action) {
				followed = true;
				step++;
			} else {
				following = false;
				departed = step < actions.length;
			}
		}
		out.push({
			id,
			parent,
			label: node.label,
			at: node.at,
			via,
			variants: causes(node.variants),
			onVariant,
			followed,
			departed,
			end: false
		});
		node.branches.forEach((b, i) => {
			const child = `${id}.${i}`;
			const via = node.branches.length > 1 ? b.observation : null;
			if (b.next) visit(b.next, child, id, via);
			else
				out.push({
					id: child,
					parent: id,
					label: capitalise(b.observation),
					at: null,
					via: null,
					variants: causes(b.variants),
					onVariant: b.variants.includes(variant),
					followed: false,
					departed: false,
					end: true
				});
		});
	};
	visit(root, 'n', null, null);
	return out;
}

/**
 * The nodes with, among each move's children, the hidden cause's branch placed in the middle
 * (the layout keeps siblings in the order given): its path then runs down under the first
 * move instead of off to one side, and the other branches spread on either side of it.
 */
export function middleFirst(list: PolicyViewNode[]): PolicyViewNode[] {
	const byParent = new Map<string | null, PolicyViewNode[]>();
	for (const n of list) byParent.set(n.parent, [...(byParent.get(n.parent) ?? []), n]);
	return [...byParent.values()].flatMap((siblings) => {
		const mine = siblings.findIndex((n) => n.onVariant);
		if (mine < 0 || siblings.length < 3) return siblings;
		const rest = siblings.filter((_, i) => i !== mine);
		const middle = Math.floor(rest.length / 2);
		return [...rest.slice(0, middle), siblings[mine]!, ...rest.slice(middle)];
	});
}
