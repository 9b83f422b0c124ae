import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { ConnectionState } from './connection.svelte.ts';

/** An EventTarget that counts the listeners currently attached to it. */
class CountingTarget extends EventTarget {
	attached = 0;
	override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
		this.attached++;
		super.addEventListener(...args);
	}
	override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
		this.attached--;
		super.removeEventListener(...args);
	}
}

/** Listeners on a lib0 Observable, per event name (y-websocket's provider is one). */
const observers = (p: WebsocketProvider, name: string) =>
	(p as unknown as { _observers: Map<string, Set<unknown>> })._observers.get(name)?.size ?? 0;

describe('ConnectionState', () => {
	it('follows the provider and the browser while the page is open, and removes every listener it added on destroy', () => {
		const doc = new Y.Doc();
		// A real provider that never dials: the listeners are what is tested, not the socket.
		const provider = new WebsocketProvider('ws://127.0.0.1:9', 'demo/x', doc, {
			connect: false,
			disableBc: true,
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
		});
		const win = new CountingTarget();
		const before = { status: observers(provider, 'status'), sync: observers(provider, 'sync') };
		const conn = new ConnectionState(provider, win, true);
		expect(win.attached).toBe(2);
		expect(observers(provider, 'status')).toBe(before.status + 1);
		expect(observers(provider, 'sync')).toBe(before.sync + 1);

		provider.emit('status', [{ status: 'connected' }]);
		provider.emit('sync', [true]);
		expect(conn.state).toBe('synced');
		win.dispatchEvent(new Event('offline'));
		expect(conn.state).toBe('offline');

		conn.destroy();
		expect(win.attached).toBe(0);
		expect(observers(provider, 'status')).toBe(before.status);
		expect(observers(provider, 'sync')).toBe(before.sync);
		// After the page has left, the network coming back must not redial its provider.
		win.dispatchEvent(new Event('online'));
		expect(provider.shouldConnect).toBe(false);
		provider.destroy();
		doc.destroy();
	});
});
