import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppUpdate, CHECK_EVERY_MS, MIN_CHECK_GAP_MS, type UpdateEnvironment } from './app-update.svelte.ts';

/** A stand-in for a service worker: state changes and messages, no browser. */
class FakeWorker extends EventTarget {
	state: ServiceWorkerState = 'installing';
	messages: unknown[] = [];
	postMessage(message: unknown) {
		this.messages.push(message);
	}
	become(state: ServiceWorkerState) {
		this.state = state;
		this.dispatchEvent(new Event('statechange'));
	}
}

/** A registration and container pair, with or without a page controller already. */
function fakeBrowser({ controlled }: { controlled: boolean }) {
	const registration = Object.assign(new EventTarget(), {
		installing: null as FakeWorker | null,
		waiting: null as FakeWorker | null,
		update: vi.fn(async () => {})
	});
	const container = Object.assign(new EventTarget(), {
		controller: controlled ? ({} as ServiceWorker) : null,
		register: vi.fn(async () => registration as unknown as ServiceWorkerRegistration)
	});
	const reload = vi.fn();
	// The document (its visibility) and the window (online) as event targets.
	const page = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
	const network = new EventTarget();
	const env = { container, scriptUrl: '/service-worker.js', reload, page, network } as unknown as UpdateEnvironment;
	/** A new version installs and waits. */
	const deploy = () => {
		const worker = new FakeWorker();
		registration.installing = worker;
		registration.dispatchEvent(new Event('updatefound'));
		registration.installing = null;
		registration.waiting = worker;
		worker.become('installed');
		return worker;
	};
	/** The tab is hidden, then shown again. */
	const comeBack = () => {
		page.visibilityState = 'hidden';
		page.dispatchEvent(new Event('visibilitychange'));
		page.visibilityState = 'visible';
		page.dispatchEvent(new Event('visibilitychange'));
	};
	return { registration, container, reload, env, deploy, comeBack, network };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AppUpdate', () => {
	it('offers nothing on the first install, and does not reload when the first worker takes control', async () => {
		const browser = fakeBrowser({ controlled: false });
		const update = new AppUpdate();
		update.start(browser.env);
		await settle();
		browser.deploy();
		browser.container.dispatchEvent(new Event('controllerchange'));
		expect(update.updateAvailable).toBe(false);
		expect(browser.reload).not.toHaveBeenCalled();
	});

	it('offers a new version that waits behind the running one, without reloading', async () => {
		const browser = fakeBrowser({ controlled: true });
		const update = new AppUpdate();
		update.start(browser.env);
		await settle();
		const worker = browser.deploy();
		expect(update.updateAvailable).toBe(true);
		expect(worker.messages).toEqual([]);
		browser.container.dispatchEvent(new Event('controllerchange'));
		expect(browser.reload).not.toHaveBeenCalled();
	});

	it('on apply, asks the waiting worker to take over and reloads once it has', async () => {
		const browser = fakeBrowser({ controlled: true });
		const update = new AppUpdate();
		update.start(browser.env);
		await settle();
		const worker = browser.deploy();
		update.apply();
		expect(worker.messages).toEqual([{ type: 'SKIP_WAITING' }]);
		expect(browser.reload).not.toHaveBeenCalled();
		browser.container.dispatchEvent(new Event('controllerchange'));
		expect(browser.reload).toHaveBeenCalledOnce();
	});

	it('finds a version that was already waiting when the page opened', async () => {
		const browser = fakeBrowser({ controlled: true });
		browser.registration.waiting = new FakeWorker();
		const update = new AppUpdate();
		update.start(browser.env);
		await settle();
		expect(update.updateAvailable).toBe(true);
	});
});

describe('AppUpdate while the app stays open', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	/** Started, with the registration in place, on fake timers. */
	async function started({ controlled = true } = {}) {
		vi.useFakeTimers();
		const browser = fakeBrowser({ controlled });
		const update = new AppUpdate();
		const stop = update.start(browser.env);
		await vi.advanceTimersByTimeAsync(0);
		return { browser, update, stop };
	}

	it('asks for a new version every half hour', async () => {
		const { browser } = await started();
		expect(browser.registration.update).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
		expect(browser.registration.update).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
		expect(browser.registration.update).toHaveBeenCalledTimes(2);
	});

	it('asks when the page comes back into view or the network comes back, at most once a minute', async () => {
		const { browser } = await started();
		await vi.advanceTimersByTimeAsync(MIN_CHECK_GAP_MS);
		browser.comeBack();
		expect(browser.registration.update).toHaveBeenCalledTimes(1);
		browser.comeBack();
		browser.network.dispatchEvent(new Event('online'));
		expect(browser.registration.update).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(MIN_CHECK_GAP_MS);
		browser.network.dispatchEvent(new Event('online'));
		expect(browser.registration.update).toHaveBeenCalledTimes(2);
	});

	it('offers a version deployed while the app was open, and reloads for nothing but the trainee asking', async () => {
		const { browser, update } = await started();
		browser.registration.update.mockImplementation(async () => {
			browser.deploy();
		});
		await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
		expect(update.updateAvailable).toBe(true);
		// Once a version waits, there is nothing more to ask for.
		await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
		expect(browser.registration.update).toHaveBeenCalledTimes(1);
		expect(browser.reload).not.toHaveBeenCalled();
	});

	it('takes a failed check (offline) in its stride and asks again later', async () => {
		const { browser, update } = await started();
		browser.registration.update.mockRejectedValueOnce(new TypeError('Failed to fetch'));
		await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
		expect(update.updateAvailable).toBe(false);
		await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
		expect(browser.registration.update).toHaveBeenCalledTimes(2);
	});

	it('stops asking once stopped', async () => {
		const { browser, stop } = await started();
		stop();
		await vi.advanceTimersByTimeAsync(3 * CHECK_EVERY_MS);
		browser.comeBack();
		browser.network.dispatchEvent(new Event('online'));
		expect(browser.registration.update).not.toHaveBeenCalled();
	});
});
