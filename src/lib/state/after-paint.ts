/**
 * Waiting for the browser to draw: a page with a lot to show draws what is on screen first,
 * then builds the rest in tasks of their own, so no single task holds the page (a tablet's
 * touch waits behind a long one) and the first screen is drawn as soon as it can be.
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
