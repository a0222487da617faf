/**
 * The bundled scenarios: each parses, passes its reference checks, is solvable for every
 * variant under every option combination, and the http4 night replays as it really happened.
 * (Dead ends and unreachable actions are checked by `npm run scenarios -- check`.)
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bundledFiles } from '../fixtures/load.ts';
import { parseScenario } from '../../src/lib/scenario/parse.ts';
import { checkReferences } from '../../src/lib/scenario/validate.ts';
import { compileScenario, type CompiledScenario } from '../../src/lib/engine/compile.ts';
import { optionCombinations, seedForVariant } from '../../src/lib/engine/check.ts';
import { solveVariant } from '../../src/lib/engine/solver.ts';
import { replay } from '../../src/lib/engine/replay.ts';
import { scoreState } from '../../src/lib/engine/attempt.ts';

function load(file: string): CompiledScenario {
	const parsed = parseScenario(readFileSync(file, 'utf8'), file);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
	expect(checkReferences(parsed.value, file)).toEqual([]);
	return compileScenario(parsed.value);
}

const files = bundledFiles();
const byId = new Map(files.map((f) => [f.replace(/^scenarios\/|\.yaml$/g, ''), load(f)]));

describe('bundled scenarios', () => {
	it('include the three the trainer ships with', () => {
		expect([...byId.keys()].sort()).toEqual(['failover-or-wait', 'freeze-triage', 'http4-night']);
	});

	for (const [id, compiled] of byId) {
		it(`${id}: every variant can be restored under every option combination`, () => {
			for (const options of optionCombinations(compiled.scenario)) {
				for (const variant of compiled.variantIds) {
					const par = solveVariant(compiled, variant, options);
					expect(par, `${variant} ${JSON.stringify(options)}`).not.toBeNull();
					// The par path replays through the machine to the same time.
					const seed = seedForVariant(compiled, variant)!;
					const run = replay(
						compiled,
						{ seed, options },
						par!.path.map((s) => ({ type: 'action', action: s.action }))
					);
					expect(run.error).toBeNull();
					expect(run.state.clock).toBe(par!.clock);
					expect(run.state.impact).toBe(par!.minutes);
				}
			}
		});

		it(`${id}: the par path scores 100 before penalties`, () => {
			const variant = compiled.variantIds[0]!;
			const seed = seedForVariant(compiled, variant)!;
			const par = solveVariant(compiled, variant, {})!;
			const run = replay(
				compiled,
				{ seed },
				par.path.map((s) => ({ type: 'action', action: s.action }))
			);
			expect(scoreState(compiled, run.state)!.timeScore).toBe(100);
		}, 30_000);
	}

	describe('http4-night', () => {
		const http4 = byId.get('http4-night')!;
		const s = http4.scenario;
		const preset = (id: string) => s.presets.find((p) => p.id === id)!.options;

		it('has the historical variant and at least three red herrings', () => {
			expect(s.variants.length).toBeGreaterThanOrEqual(4);
			expect(s.variants.filter((v) => v.historical).map((v) => v.id)).toEqual([s.historical!.variant]);
		});

		it('replays the real night to about 9 h 15 min', () => {
			const h = s.historical!;
			expect(h.minutes).toBe(555);
			const seed = seedForVariant(http4, h.variant)!;
			const run = replay(
				http4,
				{ seed, options: preset(h.preset!) },
				h.path.map((action) => ({ type: 'action', action }))
			);
			expect(run.error).toBeNull();
			expect(run.state.outcome).toBe('restored');
			expect(Math.abs(run.state.clock - 555)).toBeLessThanOrEqual(10);
		});

		it('has a par far below the real night, and lower after the lessons', () => {
			const h = s.historical!;
			const asItWas = solveVariant(http4, h.variant, preset('as-it-was'))!;
			const after = solveVariant(http4, h.variant, preset('after-the-lessons'))!;
			expect(asItWas.minutes).toBeLessThan(555 / 2);
			expect(after.minutes).toBeLessThan(asItWas.minutes);
		});

		it('can end in split-brain', () => {
			const options = preset('after-the-lessons');
			const path = solveVariant(http4, s.historical!.variant, options, undefined, (w) => w.failure === 'split-brain');
			expect(path).not.toBeNull();
			const seed = seedForVariant(http4, s.historical!.variant)!;
			const run = replay(
				http4,
				{ seed, options },
				path!.path.map((p) => ({ type: 'action', action: p.action }))
			);
			expect(run.state).toMatchObject({ outcome: 'failed', failure: 'split-brain' });
			expect(scoreState(http4, run.state)).toMatchObject({ total: 0, grade: 'F' });
		});
	});
});
