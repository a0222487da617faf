import { solveVariant } from '$lib/engine/solver.ts';
import { bundledScenarios, getScenario } from '$lib/scenarios/index.ts';
import { parRange } from '$lib/state/debrief.ts';
import type { PageServerLoad } from './$types';

/**
 * Par over every variant with the default options, solved once while prerendering so the
 * catalogue itself runs no solver.
 */
export const load: PageServerLoad = () => ({
	par: Object.fromEntries(
		bundledScenarios.map((s) => {
			const compiled = getScenario(s.id)!;
			return [s.id, parRange(compiled, (v) => solveVariant(compiled, v, {})?.minutes ?? null)];
		})
	)
});
