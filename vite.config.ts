import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { scenarioPlugin } from './src/lib/scenario/vite-plugin.ts';
import { e2eDeployHook } from './tests/e2e/deploy-hook.ts';

export default defineConfig({
	plugins: [e2eDeployHook(), scenarioPlugin(), sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node'
	}
});
