import { fairFor } from '$lib/engine/fair.ts';
import { bundledScenarios, getScenario } from '$lib/scenarios/index.ts';
import { parRange } from '$lib/state/debrief.ts';
import type { PageServerLoad } from './$types';

/**
 * Fair par over every variant with the default options, solved once while prerendering so the
 * catalogue itself runs no solver.
 */
export const load: PageServerLoad = () => ({
	par: Object.fromEntries(
		bundledScenarios.map((s) => {
			const compiled = getScenario(s.id)!;
			const fair = fairFor(compiled, {});
			return [s.id, parRange(compiled, (v) => fair?.variants.find((x) => x.variant === v)?.minutes ?? null)];
		})
	)
});
