import { describe, expect, it } from 'vitest';
import { cacheName, createPrecache, precacheList, routeRequest } from './precache.ts';

const ORIGIN = 'http://localhost:4173';
const precache = createPrecache(
	['/_app/immutable/entry/start.abc.js', '/_app/version.json'],
	['/manifest.webmanifest', '/icons/icon-192.png'],
	['/', '/__data.json', '/scenarios/http4-night/', '/scenarios/http4-night/play/']
);
const get = (path: string) => ({ method: 'GET', url: `${ORIGIN}${path}` });

describe('routeRequest', () => {
	it('answers build files and static files from the cache first', () => {
		expect(routeRequest(get('/_app/immutable/entry/start.abc.js'), ORIGIN, precache)).toEqual({
			strategy: 'cache-first',
			key: '/_app/immutable/entry/start.abc.js'
		});
		expect(routeRequest(get('/icons/icon-192.png'), ORIGIN, precache)?.strategy).toBe('cache-first');
	});

	it('answers a drill URL with any query string from the one prerendered page', () => {
		expect(routeRequest(get('/scenarios/http4-night/play/?seed=1&mode=guided'), ORIGIN, precache)).toEqual({
			strategy: 'network-first',
			key: '/scenarios/http4-night/play/'
		});
	});

	it('answers SvelteKit data requests without their invalidation query', () => {
		expect(routeRequest(get('/__data.json?x-sveltekit-invalidated=01'), ORIGIN, precache)?.key).toBe('/__data.json');
	});

	it('answers a page asked for without its trailing slash', () => {
		expect(routeRequest(get('/scenarios/http4-night/play?seed=2'), ORIGIN, precache)?.key).toBe(
			'/scenarios/http4-night/play/'
		);
	});

	it('leaves other origins, other methods and unknown paths to the browser', () => {
		expect(routeRequest({ method: 'GET', url: 'https://example.com/' }, ORIGIN, precache)).toBeNull();
		expect(routeRequest({ method: 'POST', url: `${ORIGIN}/` }, ORIGIN, precache)).toBeNull();
		expect(routeRequest(get('/scenarios/nope/'), ORIGIN, precache)).toBeNull();
	});
});

describe('precache', () => {
	it('lists every asset and page once, under a cache named by version', () => {
		expect(precacheList(precache)).toHaveLength(8);
		expect(cacheName('1700000000')).toBe('nightshift-1700000000');
	});
});
