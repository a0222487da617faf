/**
 * The seeded generator behind every random draw in a drill (never the platform's unseeded one): the same
 * seed gives the same variant and the same draws on every device.
 */

import { MAX_SEED } from '../vocabulary.ts';

/** True for a whole number in 0..MAX_SEED. */
export function isSeed(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SEED;
}

/**
 * mulberry32: small, fast and good enough for picking variants and simulating play.
 * @param seed an unsigned 32-bit integer
 * @returns a function giving floats in [0, 1)
 */
export function createRng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Picks one item by weight.
 * @param items the choices, each with a positive weight
 * @param random a draw in [0, 1)
 */
export function pickWeighted<T extends { weight: number }>(items: readonly T[], random: number): T {
	const total = items.reduce((sum, item) => sum + item.weight, 0);
	let point = random * total;
	for (const item of items) {
		point -= item.weight;
		if (point < 0) return item;
	}
	return items[items.length - 1]!;
}
