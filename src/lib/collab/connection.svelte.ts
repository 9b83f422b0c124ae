import type { WebsocketProvider } from 'y-websocket';

export type SyncState = 'connecting' | 'synced' | 'offline';

/** The connection indicator's state: synced once the server's state has arrived. */
export class ConnectionState {
	#connected = $state(false);
	#synced = $state(false);
	#online = $state(true);
	#everConnected = $state(false);

	constructor(provider: WebsocketProvider) {
		this.#online = navigator.onLine;
		provider.on('status', ({ status }: { status: string }) => {
			this.#connected = status === 'connected';
			if (this.#connected) this.#everConnected = true;
			if (!this.#connected) this.#synced = false;
		});
		provider.on('sync', (isSynced: boolean) => (this.#synced = isSynced));
		// A socket can outlive the network going away for a long while; when the browser knows it is
		// offline, stop pretending and reconnect as soon as it is back.
		addEventListener('online', () => {
			this.#online = true;
			provider.connect();
		});
		addEventListener('offline', () => {
			this.#online = false;
			provider.disconnect();
		});
	}

	get state(): SyncState {
		if (!this.#online) return 'offline';
		if (this.#connected && this.#synced) return 'synced';
		if (this.#everConnected && !this.#connected) return 'offline';
		return 'connecting';
	}
}
