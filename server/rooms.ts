/**
 * Yjs rooms speaking the standard y-websocket protocol (y-protocols sync + awareness), with our
 * persistence rule: an incoming update is appended to the DocStore before it is applied and
 * relayed, so whatever any client has seen survives a crash of this process.
 *
 * Every message of a room runs through one promise chain. Loading the stored document is the
 * first link, so no client gets an answer to its sync request before the document is loaded, and
 * updates are stored and applied in the order they arrived.
 */
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { WebSocket, RawData } from 'ws';
import type { DocStore } from '#lib/server/storage/doc-store.ts';
import type { Logger } from './log.ts';

import {
	CLOSE_INVALID_DATA,
	CLOSE_POLICY,
	CLOSE_RECONNECT,
	CLOSE_UNSUPPORTED,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC
} from '#lib/collab/protocol.ts';
// The wire constants live in src/lib/collab/protocol.ts; re-exported for server/ callers.
export * from '#lib/collab/protocol.ts';

export type Access = 'none' | 'read' | 'write';

/** Initial content of a document that storage has never seen, written by the server alone. */
export type TemplateResolver = (docName: string) => Uint8Array | null;

export interface RoomOptions {
	store: DocStore;
	log: Logger;
	templates: TemplateResolver;
	compactThreshold: number;
	unloadAfterMs: number;
	/** Documents whose every update is also kept with its time, for replay (match tables). */
	keepsHistory?: (docName: string) => boolean;
	/** Documents that take no client update at all (a signed agreement's table), checked at load. */
	isFrozen?: (docName: string) => boolean;
	/**
	 * A change that brings a loaded document back in line with the durable rows it mirrors (a
	 * crash between storing a formal act and mirroring it), or null when it already agrees.
	 */
	repair?: (docName: string, doc: Y.Doc) => ((doc: Y.Doc) => void) | null;
}

/** The origin of changes the server itself makes (formal acts mirrored into a document). */
export const SERVER_ORIGIN = Symbol('server');

export interface Connection {
	ws: WebSocket;
	access: Exclude<Access, 'none'>;
	/** Who this connection belongs to (`session:…`, `seat:…`, `user:…`), so revoking any cuts it. */
	subjects: string[];
	/** Awareness client ids this connection has announced, removed when it closes. */
	awarenessIds: Set<number>;
}

class Room {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly conns = new Set<Connection>();
	private chain: Promise<unknown>;
	private lastSeq = 0;
	private logged = 0;
	private compactionScheduled = false;
	private unloadTimer: NodeJS.Timeout | null = null;
	/** A signed agreement freezes its table: every update is dropped, whoever sends it. */
	isFrozen = false;
	closed = false;

	constructor(
		readonly name: string,
		private readonly opts: RoomOptions,
		after: Promise<unknown>
	) {
		// The server's own awareness state would show a phantom participant: it has none.
		this.awareness.setLocalState(null);
		this.chain = after.then(() => this.load());
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			const msg = encodeMessage((e) => {
				encoding.writeVarUint(e, MESSAGE_SYNC);
				syncProtocol.writeUpdate(e, update);
			});
			for (const c of this.conns) if (c !== origin) send(c, msg);
		});
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) => {
				const changed = added.concat(updated, removed);
				if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
					const conn = origin as Connection;
					for (const id of added) conn.awarenessIds.add(id);
					for (const id of removed) conn.awarenessIds.delete(id);
				}
				const msg = encodeMessage((e) => {
					encoding.writeVarUint(e, MESSAGE_AWARENESS);
					encoding.writeVarUint8Array(
						e,
						awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
					);
				});
				for (const c of this.conns) send(c, msg);
			}
		);
	}

	/** Runs `task` after every earlier message of this room; a failure is logged, not propagated. */
	enqueue<T>(task: () => T | Promise<T>): Promise<T | undefined> {
		const next = this.chain.then(task).catch((err: unknown) => {
			this.opts.log.error('room task failed', { room: this.name, err: String(err) });
			return undefined;
		});
		this.chain = next;
		return next;
	}

	private async load(): Promise<void> {
		const { store, templates, log } = this.opts;
		if (this.opts.isFrozen?.(this.name)) this.isFrozen = true;
		let stored = await store.load(this.name);
		if (!stored) {
			const template = templates(this.name);
			if (template && (await store.create(this.name, template)) && this.opts.keepsHistory?.(this.name)) {
				// A replay starts from the template: keep it as the first entry of the history.
				await store.append(this.name, template, true);
			}
			stored = (await store.load(this.name)) ?? { snapshot: null, updates: [] };
		}
		const parts = stored.snapshot ? [stored.snapshot] : [];
		for (const u of stored.updates) parts.push(u.data);
		for (const part of parts) {
			try {
				Y.applyUpdate(this.doc, part, this);
			} catch (err) {
				// One damaged row must not make the whole document unreadable.
				log.error('skipped a stored update that does not decode', {
					room: this.name,
					err: String(err)
				});
			}
		}
		this.logged = stored.updates.length;
		this.lastSeq = stored.updates.at(-1)?.seq ?? 0;
		if (this.logged >= this.opts.compactThreshold) this.scheduleCompaction();
		const fix = this.opts.repair?.(this.name, this.doc);
		if (fix) {
			log.warn('repaired a document from the stored rows', { room: this.name });
			await this.serverChange(fix);
		}
	}

	/** Stores, then applies (and thereby relays) one update received from `conn`. */
	async receiveUpdate(conn: Connection, update: Uint8Array): Promise<void> {
		if (conn.access !== 'write' || this.isFrozen) return;
		// Throws on bytes that are not a Yjs update, before anything is stored.
		Y.decodeUpdate(update);
		await this.store(update);
		Y.applyUpdate(this.doc, update, conn);
	}

	private async store(update: Uint8Array): Promise<void> {
		this.lastSeq = await this.opts.store.append(this.name, update, this.opts.keepsHistory?.(this.name) ?? false);
		this.logged++;
		if (this.logged >= this.opts.compactThreshold) this.scheduleCompaction();
	}

	/**
	 * A change made by the server: computed on a copy, stored, then applied and relayed like any
	 * client's update (durable before visible). Frozen documents take server changes too.
	 */
	async serverChange(change: (doc: Y.Doc) => void): Promise<void> {
		const scratch = new Y.Doc();
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
		scratch.transact(() => change(scratch));
		const update = Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(this.doc));
		scratch.destroy();
		// An empty update is 2 bytes (no structs, no deletions): nothing changed.
		if (update.length <= 2) return;
		await this.store(update);
		Y.applyUpdate(this.doc, update, SERVER_ORIGIN);
	}

	private scheduleCompaction(): void {
		if (this.compactionScheduled) return;
		this.compactionScheduled = true;
		setImmediate(() => void this.enqueue(() => this.compact()));
	}

	/** Folds the update log into one snapshot; runs in the chain so no update slips between. */
	async compact(): Promise<void> {
		this.compactionScheduled = false;
		if (this.logged === 0) return;
		const snapshot = Y.encodeStateAsUpdate(this.doc);
		await this.opts.store.compact(this.name, snapshot, this.lastSeq);
		this.opts.log.debug('compacted', { room: this.name, updates: this.logged, bytes: snapshot.length });
		this.logged = 0;
	}

	cancelUnload(): void {
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		this.unloadTimer = null;
	}

	scheduleUnload(unload: () => void): void {
		this.cancelUnload();
		this.unloadTimer = setTimeout(unload, this.opts.unloadAfterMs);
		this.unloadTimer.unref();
	}

	async destroy(): Promise<void> {
		this.closed = true;
		this.cancelUnload();
		await this.enqueue(() => this.compact());
		this.awareness.destroy();
		this.doc.destroy();
	}
}

function encodeMessage(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}

function send(conn: Connection, msg: Uint8Array): void {
	const OPEN = 1;
	if (conn.ws.readyState !== OPEN) return;
	conn.ws.send(msg, (err) => {
		if (err) conn.ws.terminate();
	});
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

class ProtocolError extends Error {
	constructor(
		readonly code: number,
		message: string
	) {
		super(message);
	}
}

/** The process-wide registry of live rooms. One per process; handed to routes, never re-imported. */
export class RoomRegistry {
	private readonly rooms = new Map<string, Room>();
	/** Unloading rooms, so a new room for the same doc loads only after the old one is stored. */
	private readonly closing = new Map<string, Promise<void>>();

	constructor(private readonly opts: RoomOptions) {}

	get size(): number {
		return this.rooms.size;
	}

	private room(name: string): Room {
		let room = this.rooms.get(name);
		if (!room) {
			room = new Room(name, this.opts, this.closing.get(name) ?? Promise.resolve());
			this.rooms.set(name, room);
		}
		return room;
	}

	/** Binds an upgraded WebSocket to the room of `docName`. Access was checked before the upgrade. */
	connect(
		ws: WebSocket,
		docName: string,
		access: Exclude<Access, 'none'>,
		grant: { subjects?: string[]; expiresAt?: number | null } = {}
	): void {
		const room = this.room(docName);
		room.cancelUnload();
		const conn: Connection = { ws, access, subjects: grant.subjects ?? [], awarenessIds: new Set() };
		// An expiring session loses its socket when it expires, not at its next reconnect.
		const expiry =
			grant.expiresAt != null
				? setTimeout(() => ws.close(CLOSE_POLICY, 'session expired'), Math.max(0, grant.expiresAt - Date.now()))
				: null;
		expiry?.unref();
		room.conns.add(conn);
		const { log } = this.opts;

		let alive = true;
		const ping = setInterval(() => {
			if (!alive) return ws.terminate();
			alive = false;
			ws.ping();
		}, 30_000);
		ping.unref();
		ws.on('pong', () => (alive = true));

		ws.on('message', (data, isBinary) => {
			void room.enqueue(async () => {
				if (!room.conns.has(conn)) return;
				try {
					if (!isBinary) throw new ProtocolError(CLOSE_UNSUPPORTED, 'text frame');
					await this.handleMessage(room, conn, toBytes(data));
				} catch (err) {
					const code = err instanceof ProtocolError ? err.code : CLOSE_INVALID_DATA;
					log.warn('closing connection after a bad message', {
						room: docName,
						code,
						err: err instanceof Error ? err.message : String(err)
					});
					ws.close(code, code === CLOSE_UNSUPPORTED ? 'unsupported message' : 'invalid message');
				}
			});
		});

		ws.on('close', () => {
			clearInterval(ping);
			if (expiry) clearTimeout(expiry);
			room.conns.delete(conn);
			if (conn.awarenessIds.size > 0) {
				awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
			}
			if (room.conns.size === 0 && !room.closed) room.scheduleUnload(() => this.unload(room));
		});
		ws.on('error', (err) => log.warn('socket error', { room: docName, err: String(err) }));

		// The opening handshake; queued behind the load, so it carries the stored document.
		void room.enqueue(() => {
			send(
				conn,
				encodeMessage((e) => {
					encoding.writeVarUint(e, MESSAGE_SYNC);
					syncProtocol.writeSyncStep1(e, room.doc);
				})
			);
			const states = room.awareness.getStates();
			if (states.size > 0) {
				send(
					conn,
					encodeMessage((e) => {
						encoding.writeVarUint(e, MESSAGE_AWARENESS);
						encoding.writeVarUint8Array(
							e,
							awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])
						);
					})
				);
			}
		});
	}

	private async handleMessage(room: Room, conn: Connection, bytes: Uint8Array): Promise<void> {
		const d = decoding.createDecoder(bytes);
		const type = decoding.readVarUint(d);
		switch (type) {
			case MESSAGE_SYNC: {
				const sub = decoding.readVarUint(d);
				if (sub === syncProtocol.messageYjsSyncStep1) {
					const sv = decoding.readVarUint8Array(d);
					const reply = encodeMessage((e) => {
						encoding.writeVarUint(e, MESSAGE_SYNC);
						encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
						encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(room.doc, sv));
					});
					send(conn, reply);
				} else if (
					sub === syncProtocol.messageYjsSyncStep2 ||
					sub === syncProtocol.messageYjsUpdate
				) {
					await room.receiveUpdate(conn, decoding.readVarUint8Array(d));
				} else {
					throw new ProtocolError(CLOSE_UNSUPPORTED, `unknown sync message ${sub}`);
				}
				return;
			}
			case MESSAGE_AWARENESS:
				// Read-only participants may still show their presence.
				awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(d), conn);
				return;
			case MESSAGE_QUERY_AWARENESS: {
				const ids = [...room.awareness.getStates().keys()];
				send(
					conn,
					encodeMessage((e) => {
						encoding.writeVarUint(e, MESSAGE_AWARENESS);
						encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids));
					})
				);
				return;
			}
			default:
				throw new ProtocolError(CLOSE_UNSUPPORTED, `unknown message type ${type}`);
		}
	}

	private unload(room: Room): void {
		if (room.conns.size > 0 || this.rooms.get(room.name) !== room) return;
		this.rooms.delete(room.name);
		const done = room.destroy().finally(() => {
			this.opts.log.info('room unloaded', { room: room.name });
			if (this.closing.get(room.name) === done) this.closing.delete(room.name);
		});
		this.closing.set(room.name, done);
	}

	/** Runs `read` on the document's current state, loading it when no one has it open. */
	async readDoc<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
		const room = this.room(docName);
		try {
			const out = await room.enqueue(() => ({ value: read(room.doc) }));
			if (!out) throw new Error(`could not read ${docName}`);
			return out.value;
		} finally {
			this.releaseIfIdle(room);
		}
	}

	/**
	 * Runs `task` with the document's room held: no client update is applied until it settles,
	 * so what it reads stays what the document is. `freeze()` makes the document read-only from
	 * that moment (a completed agreement), before any later update is looked at. The task's
	 * error reaches the caller.
	 */
	async exclusive<T>(docName: string, task: (doc: Y.Doc, freeze: () => void) => T | Promise<T>): Promise<T> {
		const room = this.room(docName);
		try {
			const out = await room.enqueue(async () => {
				try {
					return { ok: true as const, value: await task(room.doc, () => (room.isFrozen = true)) };
				} catch (err) {
					return { ok: false as const, err };
				}
			});
			if (!out) throw new Error(`could not open ${docName}`);
			if (!out.ok) throw out.err;
			return out.value;
		} finally {
			this.releaseIfIdle(room);
		}
	}

	/** Applies a server-side change to a document (stored before anyone sees it). */
	async changeDoc(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
		const room = this.room(docName);
		try {
			await room.enqueue(() => room.serverChange(change));
		} finally {
			this.releaseIfIdle(room);
		}
	}

	/** The kept history of a document (see keepsHistory). */
	history(docName: string): Promise<{ at: number; data: Uint8Array }[]> {
		return this.opts.store.history(docName);
	}

	private releaseIfIdle(room: Room): void {
		if (room.conns.size === 0 && !room.closed) room.scheduleUnload(() => this.unload(room));
	}

	/**
	 * Freezes a document: from now on every update to it is dropped (a signed agreement, an ended
	 * match). Unfreezing (a reopened match) also closes the room's connections, so clients
	 * reconnect and are authorized afresh: a connection opened while frozen was read-only.
	 */
	freeze(docName: string, frozen = true): void {
		const room = this.rooms.get(docName);
		if (!room) return;
		room.isFrozen = frozen;
		if (!frozen) for (const c of room.conns) c.ws.close(CLOSE_RECONNECT, 'access changed');
	}

	/** Closes every connection of a subject (a revoked seat or an ended session). */
	disconnectSubject(subject: string, reason = 'access revoked'): number {
		let n = 0;
		for (const room of this.rooms.values()) {
			for (const c of room.conns) {
				if (c.subjects.includes(subject)) {
					c.ws.close(CLOSE_POLICY, reason);
					n++;
				}
			}
		}
		return n;
	}

	/** Stores every room's state and closes every connection: for shutdown. */
	async closeAll(): Promise<void> {
		const all = [...this.rooms.values()];
		this.rooms.clear();
		for (const room of all) for (const c of room.conns) c.ws.terminate();
		await Promise.all([...all.map((r) => r.destroy()), ...this.closing.values()]);
	}
}
