import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../tests/fixtures/load.ts';
import { readScenarioFragment, scenarioFragment } from './share-link.ts';

describe('scenario links', () => {
	it('carry a whole file, compressed, and give it back exactly', async () => {
		const text = fixtureText('disk-full');
		const fragment = await scenarioFragment(text, 'disk-full.yaml');
		expect(fragment.length).toBeLessThan(text.length);
		expect(await readScenarioFragment(fragment)).toEqual({ ok: true, text, fileName: 'disk-full.yaml' });
	});

	it('keep text in any script', async () => {
		const text = 'title: "Störung – 障害 – 🔥"\n';
		expect(await readScenarioFragment(await scenarioFragment(text, 'x.yaml'))).toMatchObject({ ok: true, text });
	});

	it('refuse a link that inflates past the size limit, without inflating it all', async () => {
		const bomb = await scenarioFragment('a'.repeat(8 * 1024 * 1024), 'bomb.yaml');
		expect(bomb.length).toBeLessThan(20_000);
		expect(await readScenarioFragment(bomb)).toEqual({
			ok: false,
			reason: 'the scenario in the link is larger than a scenario file may be (524288 characters)'
		});
	});

	it('refuse damaged, foreign and empty links with the reason', async () => {
		expect(await readScenarioFragment('')).toEqual({ ok: false, reason: 'the link carries no scenario' });
		expect(await readScenarioFragment('scenario=s9.AAAA')).toMatchObject({
			reason: /format this version does not read/
		});
		expect(await readScenarioFragment('scenario=s1.%%%')).toMatchObject({ reason: /not base64url/ });
		expect(await readScenarioFragment('scenario=s1.AAAAAAAA')).toMatchObject({ ok: false });
		const bytes = (await scenarioFragment('\u00ff', 'x')).replace(/scenario=s1\.[^&]+/, 'scenario=s1.__8');
		expect(await readScenarioFragment(bytes)).toMatchObject({ ok: false });
	});
});
