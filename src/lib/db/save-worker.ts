/**
 * The save worker: writes the drill in progress after each action (in-progress-writer.ts says
 * why here rather than on the page's thread). Each request's transaction is made as it arrives,
 * and IndexedDB runs read-write transactions on the same table in the order they were made, so
 * the last row written is the latest drill and the replies come back in order.
 */
import { InProgressWriter, type SaveRequest } from './in-progress-writer.ts';

const writer = new InProgressWriter(indexedDB);

addEventListener('message', (event: MessageEvent<SaveRequest>) => {
	void writer.write(event.data).then((reply) => postMessage(reply));
});
