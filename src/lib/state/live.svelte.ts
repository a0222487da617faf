/**
 * The runes bridge for live queries: subscribes while read, exposes `{ current, isLoading,
 * error }`. It takes a plain subscribe function (from src/lib/db's `watchDb`), so nothing here
 * or in components knows about Dexie.
 */
import type { Subscribe } from '$lib/db/index.ts';

export class Live<T> {
	current = $state.raw<T | undefined>(undefined);
	isLoading = $state(true);
	error = $state.raw<unknown>(null);
	#stop: (() => void) | null = null;

	/**
	 * @param subscribe the source of values
	 * @param initial the value before the first one arrives
	 */
	constructor(subscribe: Subscribe<T>, initial?: T) {
		this.current = initial;
		this.#stop = subscribe(
			(value) => {
				this.current = value;
				this.isLoading = false;
				this.error = null;
			},
			(error) => {
				this.error = error;
				this.isLoading = false;
			}
		);
	}

	/** Stops listening (call when the component goes away). */
	stop(): void {
		this.#stop?.();
		this.#stop = null;
	}
}
