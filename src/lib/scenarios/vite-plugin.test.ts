import { describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import { fixtureText } from '../../../tests/fixtures/load.ts';
import { parseScenario } from '../scenario/parse.ts';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIO_GOALS_ID, SCENARIO_INDEX_ID, scenarioPlugin, workOut } from './vite-plugin.ts';

/** Runs the plugin's transform hook as Vite would, with `this.error` throwing. */
function transform(code: string, id: string): string {
	const hook = scenarioPlugin().transform as Exclude<Plugin['transform'], undefined | { handler: unknown }>;
	const context = {
		error(message: string): never {
			throw new Error(message);
		}
	};
	const out = (hook as (this: typeof context, code: string, id: string) => { code: string } | null).call(
		context,
		code,
		id
	);
	return out!.code;
}

/** The values a module of `export … = JSON.parse("…")` lines holds, by export name. */
function exportsOf(code: string): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const m of code.matchAll(/^export (?:default|const (\w+) =) JSON\.parse\((".*")\);$/gm))
		out[m[1] ?? 'default'] = JSON.parse(JSON.parse(m[2]!) as string);
	return out;
}

describe('scenario plugin', () => {
	const text = fixtureText('disk-full');
	const scenario = (parseScenario(text, 'disk-full.yaml') as { ok: true; value: unknown }).value;

	it('turns a scenario file into its data and its fair par per option set', () => {
		const module = exportsOf(transform(text, '/app/scenarios/disk-full.yaml'));
		expect(module.default).toEqual(scenario);
		const pars = module.pars as Record<string, Array<{ variant: string; minutes: number }>>;
		expect(Object.values(pars)[0]!.map((v) => v.variant).sort()).toEqual(['dumps', 'logs']);
	});

	it('serves the fair policy trees apart, under ?fair', () => {
		const module = exportsOf(transform(text, '/app/scenarios/disk-full.yaml?fair'));
		const fair = Object.values(module.default as Record<string, { policy: { action: string } }>)[0]!;
		expect(typeof fair.policy.action).toBe('string');
	});

	it('fails the build naming the file, the path and the problem', () => {
		const broken = text.replace('limitMinutes: 240', 'limitMinutes: soon');
		expect(() => transform(broken, '/app/scenarios/disk-full.yaml')).toThrow(
			/scenario check failed:\nscenarios\/disk-full\.yaml:12:15: limitMinutes: /
		);
	});

	it('keeps learning goals out of the index, in a module of their own by id', () => {
		const root = mkdtempSync(join(tmpdir(), 'nightshift-index-'));
		mkdirSync(join(root, 'scenarios'));
		writeFileSync(join(root, 'scenarios', 'disk-full.yaml'), text);
		const plugin = scenarioPlugin();
		(plugin.configResolved as (config: { root: string }) => void)({ root });
		const context = {
			addWatchFile() {},
			error(message: string): never {
				throw new Error(message);
			}
		};
		const load = (id: string) => {
			const resolved = (plugin.resolveId as (id: string) => string | null)(id)!;
			const out = (plugin.load as unknown as (this: typeof context, id: string) => { code: string }).call(context, resolved);
			return exportsOf(out.code).default;
		};
		const [entry] = load(SCENARIO_INDEX_ID) as Array<Record<string, unknown>>;
		expect(entry).toMatchObject({ id: 'disk-full', title: 'Disk full on web1' });
		expect(entry).not.toHaveProperty('learningGoals');
		expect(load(SCENARIO_GOALS_ID)).toEqual({ 'disk-full': ['Look before deleting'] });
	});

	it('works a file out once per content', () => {
		expect(workOut(text, 'scenarios/disk-full.yaml')).toBe(workOut(text, 'scenarios/disk-full.yaml'));
	});
});
