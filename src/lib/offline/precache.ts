/**
 * What the service worker caches and how it answers each request: pure functions, so the
 * rules are unit-tested without a worker. src/service-worker.ts does the caching.
 */

/** Every cache this app creates starts with this; older versions' caches are deleted on activate. */
export const CACHE_PREFIX = 'nightshift-';

/** The name of the precache for one build (`version` from `$service-worker`). */
export function cacheName(version: string): string {
	return `${CACHE_PREFIX}${version}`;
}

/** The build's output, the static files and every prerendered page: what one visit caches. */
export interface Precache {
	/** Content-hashed build files and static files: never change within a version. */
	assets: ReadonlySet<string>;
	/** Prerendered pages and their `__data.json`: the same for every query string. */
	pages: ReadonlySet<string>;
}

/** Builds the precache from `$service-worker`'s lists (pathnames, `base` included). */
export function createPrecache(
	build: readonly string[],
	files: readonly string[],
	prerendered: readonly string[]
): Precache {
	return { assets: new Set([...build, ...files]), pages: new Set(prerendered) };
}

/** Every pathname to fetch into the cache when a version installs. */
export function precacheList(precache: Precache): string[] {
	return [...precache.assets, ...precache.pages];
}

/** How to answer one request, and under which key it is cached. */
export type Route = { strategy: 'cache-first' | 'network-first'; key: string };

/**
 * How the worker answers a request, or null to leave it to the browser (not a GET, another
 * origin, or nothing cached for it).
 * - Precached assets: cache first (they are content-hashed or fixed for the version).
 * - Prerendered pages and data: network first, so an online visit sees a fresh deploy, with
 *   the cached page as the fallback. The key drops the query string: every drill URL
 *   (`/scenarios/x/play/?seed=1&mode=guided`) is the one prerendered page, and SvelteKit's
 *   `__data.json?x-sveltekit-invalidated=…` is the one prerendered data file.
 * - A path without its trailing slash is answered with the page that has it (the routes use
 *   `trailingSlash: 'always'`; offline there is no server to redirect).
 */
export function routeRequest(
	request: { method: string; url: string },
	origin: string,
	precache: Precache
): Route | null {
	if (request.method !== 'GET') return null;
	const url = new URL(request.url);
	if (url.origin !== origin) return null;
	const path = url.pathname;
	if (precache.assets.has(path)) return { strategy: 'cache-first', key: path };
	if (precache.pages.has(path)) return { strategy: 'network-first', key: path };
	if (!path.endsWith('/') && precache.pages.has(`${path}/`)) return { strategy: 'network-first', key: `${path}/` };
	return null;
}
