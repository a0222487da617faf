/**
 * The pieces of Chart.js the app's charts use, and only those: chart.ts imports this module
 * lazily, so the bundle keeps these and leaves the rest of Chart.js out. A chart that needs
 * another piece adds it here.
 */
export {
	Chart,
	BarController,
	BarElement,
	CategoryScale,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
	Legend
} from 'chart.js';
