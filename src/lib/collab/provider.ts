/**
 * Browser-side connection of a Y.Doc: y-websocket to this server's /yjs/ endpoint and y-indexeddb
 * so edits made offline survive a reload and merge on reconnect. Call from onMount only.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { YJS_PATH } from './protocol.ts';

export interface OpenDoc {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves when the offline cache has been read into the doc. */
	cached: Promise<void>;
	destroy(): void;
}

export function openDoc(docName: string): OpenDoc {
	const doc = new Y.Doc();
	const cache = new IndexeddbPersistence(`xieshang:${docName}`, doc);
	const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
	const provider = new WebsocketProvider(`${scheme}://${location.host}${YJS_PATH}`, docName, doc);
	return {
		doc,
		provider,
		cached: cache.whenSynced.then(() => undefined),
		destroy() {
			provider.destroy();
			void cache.destroy();
			doc.destroy();
		}
	};
}
