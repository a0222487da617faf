import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every route is prerendered; the app is plain static files plus a service worker.
		adapter: adapter({ fallback: undefined, strict: true }),
		// src/lib/state/app-update.svelte.ts registers the worker itself, to see updates waiting.
		serviceWorker: { register: false }
	}
};

export default config;
