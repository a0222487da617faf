import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Stylesheets this small go inside the page: no request stands between the HTML and its
		// first paint (the layout's and each page's CSS are a few KB).
		inlineStyleThreshold: 12 * 1024,
		// Every route is prerendered; the app is plain static files plus a service worker.
		adapter: adapter({ fallback: undefined, strict: true }),
		// src/lib/state/app-update.svelte.ts registers the worker itself, to see updates waiting.
		serviceWorker: { register: false }
	}
};

export default config;
