/**
 * Loading a bundled scenario by id: its own chunk, checked at build time and so not checked
 * again here (no schema library in the browser), compiled once, with fair par for every option
 * set it was built with handed to the engine (scoring a drill runs no search), and on request
 * the fair policy trees, another chunk (the debrief's best play runs no search either).
 */
import type { Scenario } from '$lib/scenario/schema.ts';
import { compileScenario, type CompiledScenario } from '$lib/engine/compile.ts';
import type { FairParsTable, FairTable } from '$lib/engine/precompute.ts';
import { primeFair, primeFairPars } from '$lib/engine/primed.ts';

interface ScenarioModule {
	default: Scenario;
	pars: FairParsTable;
}

const files = import.meta.glob<ScenarioModule>('/scenarios/*.yaml');
const fairFiles = import.meta.glob<FairTable>('/scenarios/*.yaml', { query: '?fair', import: 'default' });
/** The build names each file after its scenario's id (vite-plugin.ts checks it). */
const fileOf = (id: string) => `/scenarios/${id}.yaml`;

/**
 * Every bundled scenario's id, from the files themselves: pages that load one scenario need
 * not carry the catalogue's index (its metadata and par tables) to know which there are.
 */
export function bundledIds(): string[] {
	return Object.keys(files)
		.map((path) => path.replace(/^\/scenarios\/|\.yaml$/g, ''))
		.sort();
}

const loading = new Map<string, Promise<CompiledScenario | null>>();
const loaded = new Map<string, CompiledScenario>();

/**
 * Loads and compiles a bundled scenario (once), with its fair par per option set.
 * @returns the compiled scenario, or null when no bundled scenario has this id
 */
export function loadScenario(id: string): Promise<CompiledScenario | null> {
	let got = loading.get(id);
	if (!got) {
		const load = Object.hasOwn(files, fileOf(id)) ? files[fileOf(id)] : undefined;
		got = load
			? load().then((mod) => {
					const compiled = compileScenario(mod.default);
					primeFairPars(compiled, mod.pars);
					loaded.set(id, compiled);
					return compiled;
				})
			: Promise.resolve(null);
		// A chunk that failed to load (offline before the app was cached) may load next time.
		got.catch(() => loading.delete(id));
		loading.set(id, got);
	}
	return got;
}

/** A bundled scenario with this id and version (for verifying result files), or null. */
export async function loadScenarioVersion(id: string, version: number): Promise<CompiledScenario | null> {
	const compiled = await loadScenario(id);
	return compiled && compiled.scenario.version === version ? compiled : null;
}

/**
 * The compiled scenario with this id and version if it is already loaded: a synchronous
 * lookup for checkers that verify a file after loading the scenario it names. Null otherwise.
 */
export function loadedScenarioVersion(id: string, version: number): CompiledScenario | null {
	const compiled = loaded.get(id);
	return compiled && compiled.scenario.version === version ? compiled : null;
}

const fairLoading = new Map<string, Promise<FairTable>>();

/** The fair results' chunk of a bundled scenario, fetched once (null: no such scenario). */
function fairTable(id: string): Promise<FairTable> | null {
	const load = Object.hasOwn(fairFiles, fileOf(id)) ? fairFiles[fileOf(id)] : undefined;
	if (!load) return null;
	let got = fairLoading.get(id);
	if (!got) {
		got = load();
		got.catch(() => fairLoading.delete(id));
		fairLoading.set(id, got);
	}
	return got;
}

/**
 * Starts fetching a bundled scenario's fair results, so a page that will need them (the
 * debrief) has them fetched beside the scenario rather than after it.
 */
export function preloadFairResults(id: string): void {
	fairTable(id)?.catch(() => undefined);
}

/**
 * Loads the fair policy trees worked out at build time for a scenario loaded here, so
 * `fairFor` (the debrief's best play from the evidence) runs no search.
 */
export async function loadFairResults(compiled: CompiledScenario): Promise<void> {
	const table = fairTable(compiled.scenario.id);
	if (!table || loaded.get(compiled.scenario.id) !== compiled) return;
	primeFair(compiled, await table);
}
