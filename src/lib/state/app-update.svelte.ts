/**
 * The app's service worker and the newer version waiting behind it, as runes. The worker
 * never activates a new version by itself (see src/service-worker.ts): this class notices one
 * waiting (`updateAvailable`), and `apply()` hands over to it and reloads, only because the
 * trainee asked. Nothing here reloads on its own, so a drill is never interrupted.
 */

/** What AppUpdate needs from the browser; a stub stands in for it in unit tests. */
export interface UpdateEnvironment {
	container: Pick<ServiceWorkerContainer, 'register' | 'controller' | 'addEventListener' | 'removeEventListener'>;
	scriptUrl: string;
	options?: RegistrationOptions;
	reload: () => void;
}

export class AppUpdate {
	/** A new version is installed and waiting to take over. */
	updateAvailable = $state(false);
	/** The trainee chose "Update now" and the page will reload when the new version takes over. */
	updating = $state(false);

	#registration: ServiceWorkerRegistration | null = null;
	#env: UpdateEnvironment | null = null;

	/**
	 * Registers the service worker and starts watching for new versions.
	 * @returns a function that stops watching (the registration stays)
	 */
	start(env: UpdateEnvironment): () => void {
		this.#env = env;
		let stopped = false;
		const onControllerChange = () => {
			// The first worker also takes control (clients.claim()); only a requested update reloads.
			if (this.updating && !stopped) env.reload();
		};
		env.container.addEventListener('controllerchange', onControllerChange);
		env.container
			.register(env.scriptUrl, env.options)
			.then((registration) => {
				if (stopped) return;
				this.#registration = registration;
				if (registration.waiting && env.container.controller) this.updateAvailable = true;
				registration.addEventListener('updatefound', () => this.#watch(registration.installing));
				if (registration.installing) this.#watch(registration.installing);
			})
			.catch((error: unknown) => {
				// No worker (private mode, an old browser): the app still works online; say why in the console.
				console.warn('Nightshift: the offline service worker could not be registered', error);
			});
		return () => {
			stopped = true;
			env.container.removeEventListener('controllerchange', onControllerChange);
		};
	}

	/** Asks the server whether a new version exists (the browser also checks on each visit). */
	async check(): Promise<void> {
		await this.#registration?.update();
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
