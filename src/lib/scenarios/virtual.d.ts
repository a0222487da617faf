/** The catalogue's index, built by vite-plugin.ts from scenarios/*.yaml. */
declare module 'virtual:nightshift-scenario-index' {
	import type { ScenarioEntry } from '$lib/engine/precompute.ts';
	const index: ScenarioEntry[];
	export default index;
}
