/**
 * The catalogue's filters: free text, a skill or tag, a difficulty. Plain functions over the
 * index entries (bundled and imported alike), so the page stays small and the rules are
 * unit-tested; the filter travels in the query string (`?q=…&tag=…&difficulty=…`) so a link
 * keeps it.
 */
import { DIFFICULTIES, type Difficulty } from '$lib/vocabulary.ts';
import type { ScenarioEntry } from '$lib/engine/precompute.ts';

/** What the catalogue is narrowed to; an empty field means "any". */
export interface CatalogueFilter {
	/** Words that must all appear in the title, summary, tags or learning goals. */
	q: string;
	tag: string;
	difficulty: Difficulty | '';
}

/** The fields a filter reads of an entry. */
export type Filterable = Pick<ScenarioEntry, 'title' | 'summary' | 'tags' | 'learningGoals' | 'difficulty'>;

/** No filter: every scenario shows. */
export const NO_FILTER: CatalogueFilter = Object.freeze({ q: '', tag: '', difficulty: '' });

/** Longer than any title: a pasted essay in the query string is cut, not searched. */
const MAX_QUERY = 200;

/**
 * Reads the filter from a query string. Anything unknown or malformed counts as "any", so an
 * old or hand-edited link still opens the catalogue.
 */
export function readFilter(search: URLSearchParams): CatalogueFilter {
	const difficulty = search.get('difficulty') ?? '';
	return {
		q: (search.get('q') ?? '').slice(0, MAX_QUERY),
		tag: (search.get('tag') ?? '').trim().slice(0, 64),
		difficulty: (DIFFICULTIES as readonly string[]).includes(difficulty) ? (difficulty as Difficulty) : ''
	};
}

/**
 * The query string for a filter: empty with no filter, so the plain catalogue keeps its plain URL.
 * @returns '' or '?…'
 */
export function filterQuery(f: CatalogueFilter): '' | `?${string}` {
	const params = new URLSearchParams();
	if (f.q.trim()) params.set('q', f.q.trim());
	if (f.tag) params.set('tag', f.tag);
	if (f.difficulty) params.set('difficulty', f.difficulty);
	const query = params.toString();
	return query ? `?${query}` : '';
}

/** Whether the filter narrows anything. */
export function isFiltered(f: CatalogueFilter): boolean {
	return f.q.trim() !== '' || f.tag !== '' || f.difficulty !== '';
}

/** Lower case, accents dropped and hyphens as spaces: "Split brain" finds the tag `split-brain`. */
function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[-_]+/g, ' ');
}

/** Whether an entry passes the filter: every word of the search somewhere in its text, and the tag and difficulty. */
export function matchesFilter(entry: Filterable, f: CatalogueFilter): boolean {
	if (f.difficulty && entry.difficulty !== f.difficulty) return false;
	if (f.tag && !entry.tags.includes(f.tag)) return false;
	const words = fold(f.q).split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const text = fold([entry.title, entry.summary, ...entry.tags, ...(entry.learningGoals ?? [])].join('\n'));
	return words.every((w) => text.includes(w));
}

/** Every tag in use, alphabetical, with how many scenarios carry it (the tag picker's options). */
export function tagCounts(entries: readonly Filterable[]): Array<{ tag: string; count: number }> {
	const counts = new Map<string, number>();
	for (const e of entries) for (const t of new Set(e.tags)) counts.set(t, (counts.get(t) ?? 0) + 1);
	return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => (a.tag < b.tag ? -1 : 1));
}

/** How a filter reads in a sentence: `"dns" · tag failover · Intermediate`. */
export function describeFilter(f: CatalogueFilter, difficultyLabel: (d: Difficulty) => string): string {
	return [
		f.q.trim() && `“${f.q.trim()}”`,
		f.tag && `tag ${f.tag}`,
		f.difficulty && difficultyLabel(f.difficulty)
	]
		.filter(Boolean)
		.join(' · ');
}
