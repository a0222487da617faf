/**
 * Waiting for the browser: to draw (a page with a lot to show draws what is on screen first,
 * then builds the rest in tasks of their own, so no single task holds the page, and a tablet's
 * touch never waits behind a long one), or to have settled after loading (work that can wait
 * for it, such as installing the offline worker, then stays out of the page's first load).
 */

/** How long to wait for a frame that does not come (a tab in the background draws none). */
const NO_FRAME_MS = 100;

/**
 * Resolves once the next frame has been drawn: a task posted from an animation frame callback
 * runs after that frame's style, layout and paint. Outside the browser it resolves at once.
 */
export function afterPaint(): Promise<void> {
	if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
	return new Promise((done) => {
		let settled = false;
		const settle = () => {
			if (settled) return;
			settled = true;
			clearTimeout(fallback);
			done();
		};
		const fallback = setTimeout(settle, NO_FRAME_MS);
		requestAnimationFrame(() => setTimeout(settle, 0));
	});
}

/** How long after the load event a page counts as settled (its first screen drawn, its data read). */
const SETTLE_MS = 2000;

/**
 * Calls back once the page has loaded and settled: after the load event, a short while, and
 * then a moment the browser is idle (or a few seconds more, on a page that is never idle).
 * @returns a function that cancels the call, if it has not happened yet
 */
export function whenSettled(callback: () => void): () => void {
	let cancelled = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let idle: number | undefined;
	const run = () => {
		if (!cancelled) callback();
	};
	const afterLoad = () => {
		timer = setTimeout(() => {
			if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout: SETTLE_MS });
			else run();
		}, SETTLE_MS);
	};
	if (document.readyState === 'complete') afterLoad();
	else addEventListener('load', afterLoad, { once: true });
	return () => {
		cancelled = true;
		removeEventListener('load', afterLoad);
		clearTimeout(timer);
		if (idle !== undefined) cancelIdleCallback(idle);
	};
}
