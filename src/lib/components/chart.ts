/**
 * The one way the app draws a chart (the debrief's timeline, the history's progress, the team
 * board): a Svelte attachment on a `<canvas>`. Chart.js is imported lazily, when the first chart
 * a page draws comes into view (near the screen, not below the fold of a phone), so no page pays
 * for it up front and a page's first paint never waits on it (the drill page never loads it),
 * and only the pieces the charts use are bundled (chart-pieces.ts). The house style (text colour, legend
 * below, no animation, the size of the `.chart` box around the canvas) is set here once.
 */
import type { Attachment } from 'svelte/attachments';
import type {
	ChartComponentLike,
	ChartConfiguration,
	ChartConfigurationCustomTypesPerDataset,
	ChartType,
	DefaultDataPoint
} from 'chart.js';
import { formatDuration } from '$lib/engine/time.ts';

type ChartJs = typeof import('./chart-pieces.ts');
/** What a chart may register: chart-pieces.ts but the Chart class itself. */
type Pieces = Omit<ChartJs, 'Chart'>;

/** The page's text colour (--text in app.css): the canvas can't read CSS variables. */
export const INK = '#1a1d21';

/** Sets the house style; after registering, which sets each plugin's own defaults. */
function applyHouseStyle(Chart: ChartJs['Chart']): void {
	Chart.defaults.color = INK;
	Chart.defaults.animation = false;
	Chart.defaults.maintainAspectRatio = false;
	Chart.defaults.set('plugins.legend', { position: 'bottom', labels: { boxWidth: 14 } });
}

/**
 * Draws a chart on the canvas it is attached to (`<canvas {@attach chart(…)}>`), and destroys it
 * when the canvas goes. The configuration is read when the attachment runs, so a chart whose
 * configuration is `$derived` from its props is drawn again when they change.
 * @param pieces the Chart.js controllers, elements, scales and plugins this chart uses
 * @param config what Chart.js's constructor takes
 */
export function chart<TType extends ChartType, TData = DefaultDataPoint<TType>, TLabel = unknown>(
	pieces: (chartJs: Pieces) => ChartComponentLike[],
	config: ChartConfiguration<TType, TData, TLabel> | ChartConfigurationCustomTypesPerDataset<TType, TData, TLabel>
): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		let drawn: { destroy(): void } | null = null;
		let gone = false;
		const draw = () =>
			import('./chart-pieces.ts').then(
				({ Chart, ...all }) => {
					if (gone) return;
					Chart.register(...pieces(all));
					applyHouseStyle(Chart);
					drawn = new Chart(canvas, config);
				},
				// Chart.js could not load: every chart has its figures as text beside it (a table, a
				// summary), so the canvas stays empty rather than the page failing.
				() => undefined
			);
		const seen =
			typeof IntersectionObserver === 'function'
				? new IntersectionObserver(
						(entries) => {
							if (!entries.some((e) => e.isIntersecting)) return;
							seen?.disconnect();
							void draw();
						},
						{ rootMargin: '200px' }
					)
				: null;
		if (seen) seen.observe(canvas);
		else void draw();
		return () => {
			gone = true;
			seen?.disconnect();
			drawn?.destroy();
		};
	};
}

/** A value axis in simulated minutes from zero, labelled as durations ("1 h 05 min"). */
export const minutesAxis = {
	beginAtZero: true,
	title: { display: true, text: 'Simulated minutes' },
	ticks: { callback: (value: number | string) => formatDuration(Number(value)) }
};
