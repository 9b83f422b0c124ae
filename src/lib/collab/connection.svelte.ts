import type { WebsocketProvider } from 'y-websocket';

export type SyncState = 'connecting' | 'synced' | 'offline';

/** What the connection indicator listens to: the provider's events, and the browser's online state. */
type Provider = Pick<WebsocketProvider, 'on' | 'off' | 'connect' | 'disconnect'>;

/**
 * The connection indicator's state: synced once the server's state has arrived. Every listener
 * it adds is removed by `destroy()`, which the page calls when it leaves: a listener left on
 * `window` would keep the provider (and its document) alive and reconnect it when the network
 * comes back, long after the page is gone.
 */
export class ConnectionState {
	#connected = $state(false);
	#synced = $state(false);
	#online = $state(true);
	#everConnected = $state(false);
	readonly #stop: () => void;

	constructor(
		provider: Provider,
		win: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = globalThis,
		isOnline = globalThis.navigator?.onLine ?? true
	) {
		this.#online = isOnline;
		const onStatus = ({ status }: { status: string }) => {
			this.#connected = status === 'connected';
			if (this.#connected) this.#everConnected = true;
			if (!this.#connected) this.#synced = false;
		};
		const onSync = (isSynced: boolean) => (this.#synced = isSynced);
		// A socket can outlive the network going away for a long while; when the browser knows it is
		// offline, stop pretending and reconnect as soon as it is back.
		const onOnline = () => {
			this.#online = true;
			provider.connect();
		};
		const onOffline = () => {
			this.#online = false;
			provider.disconnect();
		};
		provider.on('status', onStatus);
		provider.on('sync', onSync);
		win.addEventListener('online', onOnline);
		win.addEventListener('offline', onOffline);
		this.#stop = () => {
			provider.off('status', onStatus);
			provider.off('sync', onSync);
			win.removeEventListener('online', onOnline);
			win.removeEventListener('offline', onOffline);
		};
	}

	get state(): SyncState {
		if (!this.#online) return 'offline';
		if (this.#connected && this.#synced) return 'synced';
		if (this.#everConnected && !this.#connected) return 'offline';
		return 'connecting';
	}

	/** Removes every listener this added. */
	destroy(): void {
		this.#stop();
	}
}
