/**
 * The debrief's worker: finds where a trainee's path first left the best play from the
 * evidence. That is a fair search from the belief the trainee's move led to (up to 2 s for
 * http4-night on a laptop, several on a tablet), so it runs here, never on the page's thread.
 * It loads the scenario and its fair results (worked out at build time) itself, by id.
 */
import type { DepartureQuery } from './debrief.ts';
import { departureReply } from './departure.ts';

addEventListener('message', (event: MessageEvent<DepartureQuery>) => {
	void departureReply(event.data).then((reply) => postMessage(reply));
});
