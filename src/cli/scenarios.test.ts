import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFile } from '../../tests/fixtures/load.ts';
import { explodingScenario, hostileCorpus } from '../../tests/fixtures/hostile.ts';
import { createAttempt } from '../lib/engine/attempt.ts';
import { replay } from '../lib/engine/replay.ts';
import { solvePar } from '../lib/engine/solver.ts';

const dir = mkdtempSync(join(tmpdir(), 'nightshift-cli-'));
/** The CLI's cache (cache.ts) for these tests, apart from the checkout's. */
const cacheDir = join(dir, 'cache');

/** Runs the authoring CLI as an author would: `npm run scenarios -- …`. */
function cli(...args: string[]) {
	const run = spawnSync('npx', ['tsx', 'src/cli/scenarios.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, NIGHTSHIFT_CACHE_DIR: cacheDir }
	});
	return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run scenarios', () => {
	it('check: exits 1 and names file, path and problem for a broken file', () => {
		const broken = join(dir, 'broken.yaml');
		writeFileSync(
			broken,
			readFileSync('tests/fixtures/scenarios/disk-full.yaml', 'utf8').replace('reveals: [df]', 'reveals: [dff]')
		);
		const run = cli('check', broken);
		expect(run.code).toBe(1);
		expect(run.out).toMatch(
			/broken\.yaml:45:15: actions\[0\]\.reveals\[0\] \(in action "check-disk"\): unknown evidence id "dff"; did you mean "df"\?/
		);
		expect(run.out).toContain('1 of 1 scenarios failed');
	}, 30_000);

	it('check: several files are shared between two processes and reported in order', () => {
		const good = join(dir, 'a-good.yaml');
		const broken = join(dir, 'b-broken.yaml');
		const fixture = readFileSync('tests/fixtures/scenarios/disk-full.yaml', 'utf8');
		writeFileSync(good, fixture);
		writeFileSync(broken, fixture.replace('reveals: [df]', 'reveals: [dff]'));
		const run = cli('check', good, broken);
		expect(run.code).toBe(1);
		const lines = run.out.trim().split('\n');
		expect(lines[0]).toMatch(/^✓ disk-full v1: /);
		expect(lines.slice(1, -1).every((l) => l.includes('b-broken.yaml:'))).toBe(true);
		expect(lines.at(-1)).toMatch(/^1 of 2 scenarios failed/);
	}, 60_000);

	it('check: refuses every file of the hostile corpus, each with its reason', () => {
		const corpus = [
			...hostileCorpus(),
			{
				name: 'state-explosion.yaml',
				what: 'a state explosion',
				content: explodingScenario(),
				refusal: /more than 200000 states to explore; simplify the scenario/
			}
		];
		for (const f of corpus) writeFileSync(join(dir, f.name), f.content);
		const run = cli('check', ...corpus.map((f) => join(dir, f.name)));
		expect(run.code).toBe(1);
		expect(run.out).toContain(`${corpus.length} of ${corpus.length} scenarios failed`);
		for (const f of corpus) {
			const lines = run.out.split('\n').filter((l) => l.includes(`${f.name}`));
			expect(
				lines.some((l) => f.refusal.test(l)),
				`${f.what}: ${f.refusal} in\n${lines.join('\n')}`
			).toBe(true);
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	}, 120_000);

	it('check --watch: checks the file again each time it is saved', async () => {
		const file = join(dir, 'watched.yaml');
		const good = readFileSync('tests/fixtures/scenarios/disk-full.yaml', 'utf8');
		writeFileSync(file, good);
		const child = spawn('npx', ['tsx', 'src/cli/scenarios.ts', 'check', '--watch', file], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		const until = async (text: string, from = 0) => {
			for (let i = 0; i < 300 && !out.slice(from).includes(text); i++) await new Promise((r) => setTimeout(r, 100));
			return out.slice(from).includes(text);
		};
		try {
			expect(await until('Watching')).toBe(true);
			expect(out).toContain('✓ disk-full v1');
			const mark = out.length;
			writeFileSync(file, good.replace('reveals: [df]', 'reveals: [dff]'));
			expect(await until('unknown evidence id "dff"', mark)).toBe(true);
			const fixed = out.length;
			writeFileSync(file, good);
			expect(await until('✓ disk-full v1', fixed)).toBe(true);
		} finally {
			child.kill();
		}
	}, 60_000);

	it('par --json: prints the documented fields', () => {
		const run = cli('par', 'failover-or-wait', '--seed', '1', '--json');
		expect(run.code).toBe(0);
		const par = JSON.parse(run.out);
		expect(Object.keys(par)).toEqual(expect.arrayContaining(['scenario', 'seed', 'options', 'minutes', 'path']));
		expect(par.path[0]).toEqual({ action: expect.any(String), label: expect.any(String), at: 0 });
	}, 30_000);

	it('replay --json and verify: a played attempt verifies, a tampered one is refused with the reason', () => {
		const par = JSON.parse(cli('par', 'failover-or-wait', '--seed', '1', '--json').out);
		const actions = par.path.map((s: { action: string }) => s.action).join(',');
		const replayed = JSON.parse(cli('replay', 'failover-or-wait', '--seed', '1', '--actions', actions, '--json').out);
		expect(replayed).toMatchObject({ outcome: 'restored', minutes: par.minutes, score: { timeScore: 100 } });
		const bad = join(dir, 'attempt.json');
		writeFileSync(bad, '{"format": "nightshift-attempt", "formatVersion": 1}');
		const run = cli('verify', bad);
		expect(run.code).toBe(1);
		expect(run.out).toMatch(/attempt\.json: malformed attempt: /);
	}, 60_000);

	it('verify: exits 0 for an attempt that replays to its score, 1 once its score is changed', () => {
		const compiled = compileFile('scenarios/failover-or-wait.yaml');
		const par = solvePar(compiled, 1)!;
		const run = replay(
			compiled,
			{ seed: 1, mode: 'drill' },
			par.path.map((s) => ({ type: 'action', action: s.action }))
		);
		const attempt = createAttempt(compiled, run.state, {
			id: 'cli-1',
			trainee: 'Robin',
			startedAt: new Date(0).toISOString()
		});
		const file = join(dir, 'good.json');
		writeFileSync(file, JSON.stringify(attempt));
		const good = cli('verify', file);
		expect(good.code).toBe(0);
		expect(good.out).toMatch(/✓ Robin: failover-or-wait v3 seed 1, restored, score \d+ \([A-F]\) verified by replay/);
		writeFileSync(
			file,
			JSON.stringify({ ...attempt, score: { ...attempt.score, total: attempt.score.total === 100 ? 99 : 100 } })
		);
		const tampered = cli('verify', file);
		expect(tampered.code).toBe(1);
		expect(tampered.out).toMatch(/score does not match the replay/);
	}, 60_000);

	it('check: a file unchanged since its last check is not checked again; once edited, or with --no-cache, it is', () => {
		const file = join(dir, 'kept.yaml');
		const fixture = readFileSync('tests/fixtures/scenarios/disk-full.yaml', 'utf8');
		writeFileSync(file, fixture);
		expect(cli('check', file).out).toMatch(/✓ disk-full v1: .* \(\d+ ms\)/);
		const again = cli('check', file);
		expect([again.code, again.out]).toEqual([0, expect.stringContaining('(unchanged: as last checked)')]);
		writeFileSync(file, fixture.replace('reveals: [df]', 'reveals: [dff]'));
		const edited = cli('check', file);
		expect([edited.code, edited.out]).toEqual([1, expect.stringContaining('unknown evidence id "dff"')]);
		writeFileSync(file, fixture);
		expect(cli('check', file).out).toContain('(unchanged: as last checked)');
		expect(cli('check', '--no-cache', file).out).toMatch(/✓ disk-full v1: .* \(\d+ ms\)/);
	}, 60_000);

	it('check: a damaged cache entry is worked out again, never trusted', () => {
		const file = join(dir, 'damaged.yaml');
		writeFileSync(file, readFileSync('tests/fixtures/scenarios/disk-full.yaml', 'utf8'));
		cli('check', file);
		const entries = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
		expect(entries.length).toBeGreaterThan(0);
		entries.forEach((f, i) =>
			writeFileSync(join(cacheDir, f), i % 2 ? 'not json' : JSON.stringify({ check: { ok: true, lines: [42] } }))
		);
		const run = cli('check', file);
		expect([run.code, run.out]).toEqual([0, expect.stringMatching(/✓ disk-full v1: .* \(\d+ ms\)/)]);
	}, 60_000);

	it('replay: the fair results kept from one run give the next the same score', () => {
		const args = ['replay', 'failover-or-wait', '--seed', '1', '--actions', 'post-incident,wait-and-watch', '--json'];
		const first = cli(...args);
		const second = cli(...args);
		expect(first.code).toBe(0);
		expect(JSON.parse(second.out)).toEqual(JSON.parse(first.out));
		const kept = readdirSync(cacheDir).map((f) => readFileSync(join(cacheDir, f), 'utf8'));
		expect(kept.some((text) => text.includes('"fair"'))).toBe(true);
	}, 60_000);

	it('names an unknown option and lists the known ones', () => {
		const run = cli('par', 'http4-night', '--option', 'spare=true');
		expect(run.code).toBe(1);
		expect(run.err).toContain(
			'unknown option "spare=true"; options are providerKernelBoot, spareServer, replication, as-it-was, after-the-lessons'
		);
	}, 30_000);
});
