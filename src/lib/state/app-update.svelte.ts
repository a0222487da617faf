/**
 * The app's service worker and the newer version waiting behind it, as runes. The worker
 * never activates a new version by itself (see src/service-worker.ts): this class notices one
 * waiting (`updateAvailable`), and `apply()` hands over to it and reloads, only because the
 * trainee asked. Nothing here reloads on its own, so a drill is never interrupted.
 *
 * The browser looks for a new version only when a page loads, and a classroom tablet may keep
 * one page open all day; so while the app is open it also asks every CHECK_EVERY_MS, when the
 * page comes back into view, and when the network comes back. Asking only downloads the new
 * version and offers it; it never reloads.
 */

/** How often an open app asks for a new version. */
export const CHECK_EVERY_MS = 30 * 60_000;
/** Checks closer together than this are skipped (a tab flicking between hidden and visible). */
export const MIN_CHECK_GAP_MS = 60_000;

/** What AppUpdate needs from the browser; a stub stands in for it in unit tests. */
export interface UpdateEnvironment {
	container: Pick<ServiceWorkerContainer, 'register' | 'controller' | 'addEventListener' | 'removeEventListener'>;
	scriptUrl: string;
	options?: RegistrationOptions;
	reload: () => void;
	/** Says when the page comes back into view (`document` in the browser). */
	page?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
	/** Says when the network comes back (`window` in the browser). */
	network?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

export class AppUpdate {
	/** A new version is installed and waiting to take over. */
	updateAvailable = $state(false);
	/** The trainee chose "Update now" and the page will reload when the new version takes over. */
	updating = $state(false);

	#registration: ServiceWorkerRegistration | null = null;
	#env: UpdateEnvironment | null = null;
	#lastCheck = -Infinity;

	/**
	 * Registers the service worker and starts watching for new versions: on its own schedule
	 * while the app stays open, when the page comes back into view and when the network returns.
	 * @returns a function that stops watching (the registration stays)
	 */
	start(env: UpdateEnvironment): () => void {
		this.#env = env;
		let stopped = false;
		const onControllerChange = () => {
			// The first worker also takes control (clients.claim()); only a requested update reloads.
			if (this.updating && !stopped) env.reload();
		};
		const onVisible = () => {
			if (env.page?.visibilityState === 'visible') void this.#checkNow();
		};
		const onOnline = () => void this.#checkNow();
		env.container.addEventListener('controllerchange', onControllerChange);
		env.container
			.register(env.scriptUrl, env.options)
			.then((registration) => {
				if (stopped) return;
				this.#registration = registration;
				// Registering fetched the worker just now: the first scheduled check can wait.
				this.#lastCheck = Date.now();
				if (registration.waiting && env.container.controller) this.updateAvailable = true;
				registration.addEventListener('updatefound', () => this.#watch(registration.installing));
				if (registration.installing) this.#watch(registration.installing);
			})
			.catch((error: unknown) => {
				// No worker (private mode, an old browser): the app still works online; say why in the console.
				console.warn('Nightshift: the offline service worker could not be registered', error);
			});
		const timer = setInterval(() => void this.#checkNow(), CHECK_EVERY_MS);
		env.page?.addEventListener('visibilitychange', onVisible);
		env.network?.addEventListener('online', onOnline);
		return () => {
			stopped = true;
			clearInterval(timer);
			env.container.removeEventListener('controllerchange', onControllerChange);
			env.page?.removeEventListener('visibilitychange', onVisible);
			env.network?.removeEventListener('online', onOnline);
		};
	}

	/**
	 * Asks the server whether a new version exists. A failed check (offline, a server error)
	 * is not an error: the next one will ask again.
	 */
	async check(): Promise<void> {
		this.#lastCheck = Date.now();
		try {
			await this.#registration?.update();
		} catch {
			// Offline or the server is down: nothing to offer yet.
		}
	}

	/** A check, unless one ran a moment ago or a new version already waits. */
	#checkNow(): Promise<void> {
		if (this.updateAvailable || Date.now() - this.#lastCheck < MIN_CHECK_GAP_MS) return Promise.resolve();
		return this.check();
	}

	/** Hands over to the waiting version; the page reloads once it controls the page. */
	apply(): void {
		const waiting = this.#registration?.waiting;
		if (!waiting) return;
		this.updating = true;
		waiting.postMessage({ type: 'SKIP_WAITING' });
	}

	#watch(worker: ServiceWorker | null) {
		if (!worker) return;
		worker.addEventListener('statechange', () => {
			// "installed" with a controller already in place means a newer version now waits;
			// without one, it is the first install and there is nothing to update.
			if (worker.state === 'installed' && this.#env?.container.controller) this.updateAvailable = true;
		});
	}
}

/** The app's one update state, started by the layout's UpdateBanner. */
export const appUpdate = new AppUpdate();
