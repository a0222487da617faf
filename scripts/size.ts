/**
 * Prints the gzipped JS + CSS each page loads up front, read from the production build: the
 * prerendered page's modulepreload, stylesheet and entry-import links, plus every static import
 * those modules make. What loads later (`import()`: a scenario's own chunk, Dexie, Chart.js, the
 * attempt schema) is counted apart, as "lazy". Every prerendered page is measured (a scenario's
 * pages for each bundled scenario); exits 1 when any page is over its budget.
 *
 * Usage: npm run build && npm run size [-- --files]   (--files lists each page's files)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUILD = resolve(import.meta.dirname, '../build');

/** Budgets in KB, gzipped JS + CSS up front (issue 12): by route, and every other page. */
const BUDGETS: Array<{ label: string; route: RegExp; kb: number }> = [
	{ label: 'Catalogue', route: /^index\.html$/, kb: 60 },
	// An imported scenario's pages (imported/…) are held to the same budgets as a bundled one's.
	{ label: 'Drill', route: /^(scenarios\/[^/]+|imported)\/play\/index\.html$/, kb: 70 },
	{ label: 'Briefing', route: /^(scenarios\/[^/]+|imported)\/index\.html$/, kb: 90 },
	{ label: 'Debrief', route: /^(scenarios\/[^/]+|imported)\/debrief\/index\.html$/, kb: 90 },
	{ label: 'Other', route: /./, kb: 90 }
];

const gzCache = new Map<string, number>();
const gz = (file: string) => {
	let n = gzCache.get(file);
	if (n === undefined) gzCache.set(file, (n = gzipSync(readFileSync(file), { level: 9 }).length));
	return n;
};
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
		// Vite's preload helper lists a dynamic import's files in an array of paths.
		for (const m of code.matchAll(/["'](_app\/immutable\/[^"']+\.js)["']/g))
			if (!m[1]!.includes('nodes/')) lazy.add(resolve(BUILD, m[1]!));
	}
	return { eager, lazy };
}

function measure(page: string) {
	const htmlFile = join(BUILD, page);
	const { eager, lazy } = closure(pageAssets(readFileSync(htmlFile, 'utf8'), htmlFile));
	// What the lazy chunks load on top of what the page already has.
	const later = [...closure([...lazy]).eager].filter((f) => !eager.has(f));
	const files = [...eager];
	const js = files.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
	const css = files.filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(f), 0);
	const budget = BUDGETS.find((b) => b.route.test(page))!;
	return { page, budget, files, js, css, total: js + css, later: later.reduce((s, f) => s + gz(f), 0) };
}

function pages(dir = BUILD): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === '_app' ? [] : pages(path);
		return name === 'index.html' ? [relative(BUILD, path)] : [];
	});
}

if (!existsSync(join(BUILD, 'index.html'))) {
	console.error('No build/ directory: run `npm run build` first.');
	process.exit(1);
}
const listFiles = process.argv.includes('--files');
const rows = pages().sort().map(measure);
console.log('Gzipped JS + CSS loaded up front; lazy: what import() loads later (a scenario, Dexie, Chart.js…)\n');
console.log(
	`${'page'.padEnd(44)} ${'JS KB'.padStart(7)} ${'CSS KB'.padStart(7)} ${'total'.padStart(7)} ${'budget'.padStart(7)} ${'lazy KB'.padStart(8)}`
);
let over = 0;
for (const r of rows) {
	const ok = r.total / 1024 <= r.budget.kb;
	if (!ok) over++;
	console.log(
		`${r.page.padEnd(44)} ${kb(r.js).padStart(7)} ${kb(r.css).padStart(7)} ${kb(r.total).padStart(7)} ${String(r.budget.kb).padStart(7)} ${kb(r.later).padStart(8)}${ok ? '' : '  OVER BUDGET'}`
	);
	if (listFiles)
		for (const f of [...r.files].sort((a, b) => gz(b) - gz(a)))
			console.log(`    ${kb(gz(f)).padStart(6)}  ${relative(BUILD, f)}`);
}
console.log(
	`\nBudgets: ${BUDGETS.map((b) => `${b.label.toLowerCase()} ${b.kb} KB`).join(', ')}. ${over ? `${over} page(s) OVER BUDGET.` : 'Every page is within its budget.'}`
);
if (over) process.exit(1);
