/**
 * What the authoring CLI worked out before, kept between runs: a file's check and its fair
 * results (the fair search is most of what `par --fair`, `replay` and `verify` cost). An entry
 * is found under a key made of the engine's own source, the file's name and its text, so any
 * change to either is a miss and is worked out again; nothing is ever invalidated by hand.
 *
 * Entries live in `node_modules/.cache/nightshift/`, as other tools' caches do, written by this
 * CLI alone. They are read back checked for shape: one that doesn't parse or has the wrong
 * shape is a miss, never an error. `--no-cache` (or NIGHTSHIFT_NO_CACHE=1) works it all out
 * again and writes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FairResult } from '../lib/engine/fair.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** Where entries are kept; NIGHTSHIFT_CACHE_DIR moves it (the tests keep theirs apart). */
const DIR = process.env.NIGHTSHIFT_CACHE_DIR ?? join(ROOT, 'node_modules/.cache/nightshift');
/** Everything a check's or a fair search's answer depends on besides the file itself. */
const SOURCES = ['src/lib/engine', 'src/lib/scenario', 'src/cli'];
const ALSO = ['src/lib/vocabulary.ts', 'package-lock.json'];

export interface CacheEntry {
	/** The check's verdict and its lines (for a pass, the summary without its timing). */
	check?: { ok: boolean; lines: string[] };
	/** Fair results by options key (fair.ts `optionsKey`), as `primeFair` takes them. */
	fair?: Record<string, FairResult | null>;
}

let enabled = process.env.NIGHTSHIFT_NO_CACHE !== '1';

/** `--no-cache`: work everything out again, and write nothing (in the helper process too). */
export function disableCache() {
	enabled = false;
	process.env.NIGHTSHIFT_NO_CACHE = '1';
}

let engineHash: string | null = null;
/** A hash of the engine's source (read once per run: about 60 small files). */
function engine(): string {
	if (engineHash === null) {
		const hash = createHash('sha256');
		const files = [
			...SOURCES.flatMap((dir) =>
				readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
					.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
					.map((f) => join(dir, f))
			),
			...ALSO
		].sort();
		for (const f of files) hash.update(f + '\0').update(readFileSync(join(ROOT, f)));
		engineHash = hash.digest('hex');
	}
	return engineHash;
}

/** The key of a file's entry: the engine's source, the file's name (it is in every message) and its text. */
export function cacheKey(name: string, text: string): string {
	return createHash('sha256').update(engine()).update('\0').update(name).update('\0').update(text).digest('hex');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entry under a key: empty when there is none, the cache is off, or what is there is not an entry. */
export function readEntry(key: string): CacheEntry {
	if (!enabled) return {};
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(join(DIR, `${key}.json`), 'utf8'));
	} catch {
		return {};
	}
	if (!isRecord(data)) return {};
	const entry: CacheEntry = {};
	const { check, fair } = data;
	if (
		isRecord(check) &&
		typeof check.ok === 'boolean' &&
		Array.isArray(check.lines) &&
		check.lines.every((l) => typeof l === 'string')
	)
		entry.check = { ok: check.ok, lines: check.lines as string[] };
	if (
		isRecord(fair) &&
		Object.values(fair).every(
			(r) => r === null || (isRecord(r) && typeof r.expectedMinutes === 'number' && Array.isArray(r.variants))
		)
	)
		entry.fair = fair as Record<string, FairResult | null>;
	return entry;
}

/**
 * Adds to the entry under a key. Written to a temporary file and renamed, so a reader never
 * sees half an entry; a cache that can't be written (a read-only checkout) is simply not kept.
 */
export function writeEntry(key: string, add: CacheEntry): void {
	if (!enabled) return;
	const old = readEntry(key);
	const entry: CacheEntry = { ...old, ...add, ...(add.fair ? { fair: { ...old.fair, ...add.fair } } : {}) };
	try {
		mkdirSync(DIR, { recursive: true });
		const tmp = join(DIR, `${key}.${process.pid}.tmp`);
		writeFileSync(tmp, JSON.stringify(entry));
		renameSync(tmp, join(DIR, `${key}.json`));
		prune();
	} catch {
		// Not kept: the next run works it out again.
	}
}

/** Entries kept at most: the newest, so the cache stays a few megabytes however long one works. */
const MAX_ENTRIES = 256;

/** Removes the oldest entries past MAX_ENTRIES (checked once a few dozen have piled up). */
function prune() {
	const names = readdirSync(DIR).filter((f) => f.endsWith('.json'));
	if (names.length <= MAX_ENTRIES + 32) return;
	const aged = names.map((f) => ({ f, at: statSync(join(DIR, f)).mtimeMs })).sort((a, b) => b.at - a.at);
	for (const { f } of aged.slice(MAX_ENTRIES)) rmSync(join(DIR, f), { force: true });
}
