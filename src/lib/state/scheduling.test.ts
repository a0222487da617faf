import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, whenSettled } from './scheduling.ts';

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

/** A page's globals as the browser has them: the load event, animation frames, idle callbacks. */
function page(readyState: DocumentReadyState) {
	const listeners = new Map<string, () => void>();
	const frames: Array<() => void> = [];
	const idles: Array<() => void> = [];
	vi.stubGlobal('document', { readyState });
	vi.stubGlobal('addEventListener', (type: string, fn: () => void) => listeners.set(type, fn));
	vi.stubGlobal('removeEventListener', (type: string) => listeners.delete(type));
	vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
	vi.stubGlobal('requestIdleCallback', (fn: () => void) => idles.push(fn));
	vi.stubGlobal('cancelIdleCallback', () => idles.splice(0));
	return { load: () => listeners.get('load')?.(), frames, idles };
}

describe('waiting for the browser', () => {
	it('resolves after the next frame is drawn, not before', async () => {
		vi.useFakeTimers();
		const p = page('complete');
		let done = false;
		void afterPaint().then(() => (done = true));
		await vi.advanceTimersByTimeAsync(10);
		expect(done).toBe(false);
		p.frames.shift()!();
		await vi.advanceTimersByTimeAsync(0);
		expect(done).toBe(true);
	});

	it('does not wait for ever in a tab that draws no frames', async () => {
		vi.useFakeTimers();
		page('complete');
		let done = false;
		void afterPaint().then(() => (done = true));
		await vi.advanceTimersByTimeAsync(100);
		expect(done).toBe(true);
	});

	it('calls back once the page has loaded, then settled, then gone idle', async () => {
		vi.useFakeTimers();
		const p = page('loading');
		const calls: string[] = [];
		whenSettled(() => calls.push('settled'));
		await vi.advanceTimersByTimeAsync(5000);
		expect(calls).toEqual([]);
		p.load();
		await vi.advanceTimersByTimeAsync(2000);
		expect(calls).toEqual([]);
		p.idles.shift()!();
		expect(calls).toEqual(['settled']);
	});

	it('calls back nothing once cancelled', async () => {
		vi.useFakeTimers();
		const p = page('complete');
		const calls: string[] = [];
		whenSettled(() => calls.push('settled'))();
		await vi.advanceTimersByTimeAsync(5000);
		expect(p.idles).toEqual([]);
		expect(calls).toEqual([]);
	});
});
