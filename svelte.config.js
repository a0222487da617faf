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
		serviceWorker: { register: false },
		// Every page carries a Content Security Policy (a <meta> tag, the pages being static): no
		// inline script but SvelteKit's own start-up script (by hash), no eval, nothing from another
		// origin. A scenario from a stranger is data, and even a bug that put its text into the page
		// as markup could run nothing. Styles may be inline (Svelte's style attributes).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
