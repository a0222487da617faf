import { sveltekit } from '@sveltejs/kit/vite';
import type { PluginOption } from 'vite';
import { defineConfig } from 'vitest/config';
import { scenarioPlugin } from './src/lib/scenarios/vite-plugin.ts';

/**
 * The e2e suite's hook, and only when the suite runs (playwright.config.ts sets NIGHTSHIFT_E2E=1
 * for its server): it lets offline.spec.ts "deploy" a new service worker to `vite preview`
 * (tests/e2e/deploy-hook.ts). Any other build or preview never loads it.
 */
async function e2ePlugins(): Promise<PluginOption[]> {
	if (process.env.NIGHTSHIFT_E2E !== '1') return [];
	const { e2eDeployHook } = await import('./tests/e2e/deploy-hook.ts');
	return [e2eDeployHook()];
}

export default defineConfig(async () => ({
	plugins: [...(await e2ePlugins()), scenarioPlugin(), sveltekit()],
	// Workers are ES modules: the debrief's (src/lib/state/departure-worker.ts) loads scenarios by
	// id, as the pages do; the scenario checker's (scenario-check-worker.ts) brings the parser.
	worker: { format: 'es' as const, plugins: () => [scenarioPlugin()] },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node'
	}
}));
