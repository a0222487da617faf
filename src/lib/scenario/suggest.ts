/**
 * "Did you mean …": the known name closest to a misspelt one, when it is close enough to be
 * the likely intent (a letter or two off, or the same name in another case).
 */

/** Edit distance with adjacent swaps (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let before: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
			row.push(d);
			best = Math.min(best, d);
		}
		if (best > max) return max + 1;
		before = prev;
		prev = row;
	}
	return prev[b.length]!;
}

/**
 * The known name a misspelt one most likely meant, or null.
 * @param wrong the name as written
 * @param known the names it could have meant
 */
export function closest(wrong: string, known: Iterable<string>): string | null {
	const lower = wrong.toLowerCase();
	// Short names tolerate one slip; longer ones up to a third of their length, at most three.
	const max = Math.min(3, Math.max(1, Math.floor(wrong.length / 3)));
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const name of known) {
		if (name === wrong) continue;
		const d = name.toLowerCase() === lower ? 0.5 : editDistance(lower, name.toLowerCase(), max);
		if (d <= max && d < bestDistance) {
			best = name;
			bestDistance = d;
		}
	}
	return best;
}

/** `; did you mean "x"?` for a message, or nothing when no known name is close. */
export function didYouMean(wrong: string, known: Iterable<string>): string {
	const name = closest(wrong, known);
	return name === null ? '' : `; did you mean "${name}"?`;
}
