import { describe, expect, it, vi } from 'vitest';
import { AppUpdate, type UpdateEnvironment } from './app-update.svelte.ts';

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
	const env = { container, scriptUrl: '/service-worker.js', reload } as unknown as UpdateEnvironment;
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
	return { registration, container, reload, env, deploy };
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
