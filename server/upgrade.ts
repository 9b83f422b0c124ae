/**
 * The WebSocket door: checks the path, the doc name, the Origin and the caller's access before
 * `handleUpgrade`, so a refused client never receives a byte of any document.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Access, Identity, RoomRegistry } from './rooms.ts';
import type { Logger } from './log.ts';

import { isValidDocName, YJS_PREFIX } from '#lib/collab/protocol.ts';
export { isValidDocName, YJS_PREFIX };

export interface Grant {
	access: Access;
	/** What the connection belongs to (`session:…`, `seat:…`), so revoking any of them cuts it. */
	subjects?: string[];
	/** When the session behind it ends (ms since epoch); the socket closes then. */
	expiresAt?: number | null;
	/** Who the connection is, for its presence (seat name and role); null for a visitor. */
	identity?: Identity | null;
}

/** The authorization seam: cookie session + doc name → none / read / write. */
export type Authorize = (req: IncomingMessage, docName: string) => Grant | Promise<Grant>;

export interface UpgradeOptions {
	rooms: RoomRegistry;
	authorize: Authorize;
	log: Logger;
	maxFrameBytes: number;
	/** Configured public origin; when unset, the Origin must match the request's Host. */
	origin?: string | undefined;
}

function refuse(socket: Duplex, status: number, reason: string): void {
	const body = JSON.stringify({ error: reason });
	socket.end(
		`HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
			`Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
	);
}
const statusText: Record<number, string> = {
	400: 'Bad Request',
	403: 'Forbidden',
	404: 'Not Found'
};

function originAllowed(req: IncomingMessage, configured: string | undefined): boolean {
	const origin = req.headers.origin;
	// Browsers always send Origin on WebSocket upgrades; its absence means a non-browser client,
	// which cross-site request forgery cannot drive.
	if (!origin) return true;
	if (configured) return origin === new URL(configured).origin;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}

/**
 * Returns an `upgrade` listener. Paths outside /yjs/ are left alone when `ownsAllUpgrades` is
 * false (Vite's HMR socket shares the dev server) and destroyed otherwise.
 */
export function createUpgradeHandler(opts: UpgradeOptions, ownsAllUpgrades: boolean) {
	const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxFrameBytes });
	const handler = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
		// Node drops its own error listener when it hands the socket over: without one, a client
		// that resets the connection while we answer would crash the whole process.
		socket.on('error', () => socket.destroy());
		// The raw path, not a parsed URL: parsing would resolve `a/../b` into `b` and hide it.
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		if (!path.startsWith(YJS_PREFIX)) {
			if (ownsAllUpgrades) socket.destroy();
			return;
		}
		let docName: string;
		try {
			docName = decodeURIComponent(path.slice(YJS_PREFIX.length));
		} catch {
			return refuse(socket, 400, 'invalid document name');
		}
		if (!isValidDocName(docName)) return refuse(socket, 400, 'invalid document name');
		if (!originAllowed(req, opts.origin)) return refuse(socket, 403, 'origin not allowed');
		Promise.resolve(opts.authorize(req, docName))
			.then((grant) => {
				if (grant.access === 'none') return refuse(socket, 403, 'no access to this document');
				const access = grant.access;
				wss.handleUpgrade(req, socket, head, (ws) =>
					opts.rooms.connect(ws, docName, access, grant)
				);
			})
			.catch((err: unknown) => {
				opts.log.error('authorization failed', { docName, err: String(err) });
				refuse(socket, 403, 'authorization failed');
			});
	};
	return { handler, wss };
}
