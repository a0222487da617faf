import { describe, expect, it } from 'vitest';
import { createAttempt } from '$lib/engine/attempt.ts';
import { parseAttempt } from '$lib/engine/attempt-schema.ts';
import { replay } from '$lib/engine/replay.ts';
import { fixture } from '../../../tests/fixtures/load.ts';
import { resultFileName, resultText } from './hand-in.ts';

const compiled = fixture('disk-full');
const run = replay(compiled, { seed: 1, options: {}, mode: 'drill' }, [{ type: 'action', action: 'check-disk' }]);
const attempt = createAttempt(compiled, run.state, {
	id: 'x1',
	trainee: "Zoë <script>/../O'Neil",
	startedAt: '2024-03-02T10:00:00.000Z',
	finishedAt: '2024-03-03T10:00:00.000Z'
});

describe('handing in a result', () => {
	it('names the file after the scenario, the trainee and the day, with nothing unsafe in it', () => {
		expect(resultFileName(attempt)).toBe('nightshift-disk-full-zoe-script-o-neil-2024-03-03.json');
		expect(resultFileName({ ...attempt, trainee: '———' })).toBe('nightshift-disk-full-trainee-2024-03-03.json');
	});

	it('writes the attempt record as text the board reads back unchanged', () => {
		expect(parseAttempt(resultText(attempt))).toEqual({ ok: true, attempt });
	});
});
