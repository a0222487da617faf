import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { scenarioPlugin } from './src/lib/scenario/vite-plugin';

export default defineConfig({
	plugins: [scenarioPlugin(), sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node'
	}
});
