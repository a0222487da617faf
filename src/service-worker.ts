/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The offline worker: on install it caches this version's whole build, static files and every
 * prerendered page (the bundled scenarios are compiled into the JS, so they come with it); on
 * activate it deletes older versions' caches. It never calls skipWaiting() by itself: a new
 * version waits until the trainee chooses "Update now" (see src/lib/state/app-update.svelte.ts),
 * so nothing reloads under a drill.
 */
import { build, files, prerendered, version } from '$service-worker';
import { CACHE_PREFIX, cacheName, createPrecache, precacheList, routeRequest } from '$lib/offline/precache.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = cacheName(version);
const precache = createPrecache(build, files, prerendered);

/** How long a page request waits for the network before the cached page is used instead. */
const NETWORK_TIMEOUT_MS = 4000;

sw.addEventListener('install', (event) => {
	// `cache: 'reload'` skips the HTTP cache, so a new version never stores an old page.
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(precacheList(precache).map((url) => new Request(url, { cache: 'reload' }))))
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
			}
			// The first version takes the open pages at once, so the first visit is already offline-ready.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const route = routeRequest(event.request, sw.location.origin, precache);
	if (!route) return;
	event.respondWith(
		route.strategy === 'cache-first' ? cacheFirst(event.request, route.key) : networkFirst(event.request, route.key)
	);
});

/** The cached copy, or the network when (unexpectedly) it is not cached. */
async function cacheFirst(request: Request, key: string): Promise<Response> {
	const cached = await (await caches.open(CACHE)).match(key);
	return cached ?? fetch(request);
}

/**
 * The network's answer when it comes in time and is not a server error; otherwise this
 * version's cached page. Network answers are not cached: the cache holds exactly one version,
 * so an offline visit never mixes a new page with old scripts.
 */
async function networkFirst(request: Request, key: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await Promise.race([
			fetch(request),
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error('network timeout')), NETWORK_TIMEOUT_MS))
		]);
		if (response.status < 500) return response;
		return (await cache.match(key)) ?? response;
	} catch (error) {
		const cached = await cache.match(key);
		if (cached) return cached;
		throw error;
	}
}
