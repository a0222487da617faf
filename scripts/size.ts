/**
 * Prints the gzipped JS + CSS each key page loads before it can be used, read from the
 * production build: the prerendered page's modulepreload, stylesheet and entry-import links,
 * plus every static import those modules make (lazy `import()` chunks are listed apart).
 * Fails when the drill page is over its budget.
 *
 * Usage: npm run build && npm run size
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUILD = resolve(import.meta.dirname, '../build');
/** The drill page's budget, gzipped JS + CSS, in KB. */
const DRILL_BUDGET_KB = 150;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Files a page links to (modulepreload, stylesheet) or imports from its inline script. */
function pageAssets(html: string, htmlFile: string): string[] {
	const base = dirname(htmlFile);
	const out = new Set<string>();
	for (const m of html.matchAll(/<link\b[^>]*>/g)) {
		const tag = m[0];
		if (!/rel="(modulepreload|stylesheet)"/.test(tag)) continue;
		const href = /href="([^"]+)"/.exec(tag)?.[1];
		if (href) out.add(resolve(base, href));
	}
	for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) out.add(resolve(base, m[1]!));
	return [...out];
}

/** Follows static imports from JS modules; collects dynamic ones apart. */
function closure(entries: string[]): { eager: Set<string>; lazy: Set<string> } {
	const eager = new Set<string>();
	const lazy = new Set<string>();
	const queue = [...entries];
	while (queue.length) {
		const file = queue.pop()!;
		if (eager.has(file) || !existsSync(file)) continue;
		eager.add(file);
		if (!file.endsWith('.js')) continue;
		const code = readFileSync(file, 'utf8');
		for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+\.js)["']/g))
			queue.push(resolve(dirname(file), m[1]!));
		// Lazy chunks, not the router's other pages (nodes/), which load only on navigation.
		for (const m of code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g))
			if (!m[1]!.includes('nodes/')) lazy.add(resolve(dirname(file), m[1]!));
	}
	return { eager, lazy };
}

function measure(label: string, page: string) {
	const htmlFile = join(BUILD, page);
	if (!existsSync(htmlFile)) return null;
	const { eager, lazy } = closure(pageAssets(readFileSync(htmlFile, 'utf8'), htmlFile));
	// What the lazy chunks load on top of what the page already has.
	const later = [...closure([...lazy]).eager].filter((f) => !eager.has(f)).reduce((s, f) => s + gz(f), 0);
	const files = [...eager];
	const js = files.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
	const css = files.filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(f), 0);
	return { label, page, files: files.length, js, css, total: js + css, later };
}

if (!existsSync(BUILD)) {
	console.error('No build/ directory: run `npm run build` first.');
	process.exit(1);
}
const ids = existsSync(join(BUILD, 'scenarios')) ? readdirSync(join(BUILD, 'scenarios')).sort() : [];
const id = ids.includes('http4-night') ? 'http4-night' : ids[0];
const rows = [
	measure('Catalogue', 'index.html'),
	id ? measure('Briefing', `scenarios/${id}/index.html`) : null,
	id ? measure('Drill page', `scenarios/${id}/play/index.html`) : null,
	id ? measure('Debrief', `scenarios/${id}/debrief/index.html`) : null,
	measure('History', 'history/index.html'),
	measure('Team board', 'team/board/index.html')
].filter((r) => r !== null);

console.log('Gzipped JS + CSS loaded up front (lazy chunks, e.g. Chart.js, counted apart)\n');
console.log(
	`${'page'.padEnd(12)} ${'JS KB'.padStart(8)} ${'CSS KB'.padStart(8)} ${'total KB'.padStart(9)} ${'lazy KB'.padStart(8)}  files  path`
);
for (const r of rows)
	console.log(
		`${r.label.padEnd(12)} ${kb(r.js).padStart(8)} ${kb(r.css).padStart(8)} ${kb(r.total).padStart(9)} ${kb(r.later).padStart(8)}  ${String(r.files).padStart(5)}  ${relative(process.cwd(), join(BUILD, r.page))}`
	);
const drill = rows.find((r) => r.label === 'Drill page');
if (drill) {
	const ok = drill.total / 1024 <= DRILL_BUDGET_KB;
	console.log(
		`\nDrill page: ${kb(drill.total)} KB of its ${DRILL_BUDGET_KB} KB budget ${ok ? '(within)' : '(OVER BUDGET)'}`
	);
	if (!ok) process.exit(1);
}
