/** The catalogue's index, built by vite-plugin.ts from scenarios/*.yaml. */
declare module 'virtual:nightshift-scenario-index' {
	import type { ScenarioEntry } from '$lib/engine/precompute.ts';
	const index: ScenarioEntry[];
	export default index;
}

/** Each bundled scenario's learning goals, by id (vite-plugin.ts): the catalogue's search loads it when it needs it. */
declare module 'virtual:nightshift-scenario-goals' {
	const goals: Record<string, string[]>;
	export default goals;
}
