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
import { deepestNewType, deepestType } from './update-guard.ts';
import type { ControlMessage, FanoutRoom, RedisFanout } from './fanout-redis.ts';

import {
	CLOSE_INVALID_DATA,
	CLOSE_POLICY,
	CLOSE_RECONNECT,
	CLOSE_TOO_BIG,
	CLOSE_UNSUPPORTED,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC
} from '#lib/collab/protocol.ts';
// The wire constants live in src/lib/collab/protocol.ts; re-exported for server/ callers.
export * from '#lib/collab/protocol.ts';

export type Access = 'none' | 'read' | 'write';

/** Who a connection is, from its seat or account: what its presence shows, whatever it claims. */
export interface Identity {
	/** The seat's person (or the organizer's) name; null: keep the name the client announces. */
	name: string | null;
	role: string;
}

/** What one connection may send, so a flooding client cannot starve the process (see README). */
export interface ConnectionLimits {
	messagesPerSecond: number;
	bytesPerSecond: number;
	/** Received bytes waiting in the room queue above which the socket stops being read. */
	queuedBytes: number;
	/** The largest frame accepted: the byte budget's burst is never smaller. */
	maxFrameBytes: number;
}

/** Awareness states one connection may hold: a y-websocket provider announces exactly one. */
export const MAX_PRESENCE_PER_CONNECTION = 1;
/** Characters of one announced awareness state (a name, a colour and a cursor need far fewer). */
export const MAX_PRESENCE_STATE_CHARS = 8192;

/** Initial content of a document that storage has never seen, written by the server alone. */
export type TemplateResolver = (docName: string) => Uint8Array | null | Promise<Uint8Array | null>;

export interface RoomOptions {
	store: DocStore;
	log: Logger;
	templates: TemplateResolver;
	compactThreshold: number;
	unloadAfterMs: number;
	/** Documents whose every update is also kept with its time, for replay (match tables). */
	keepsHistory?: (docName: string) => boolean;
	/** Documents that take no client update at all (a signed agreement's table), checked at load. */
	isFrozen?: (docName: string) => boolean | Promise<boolean>;
	/**
	 * A change that brings a loaded document back in line with the durable rows it mirrors (a
	 * crash between storing a formal act and mirroring it), or null when it already agrees.
	 */
	repair?: (
		docName: string,
		doc: Y.Doc
	) => ((doc: Y.Doc) => void) | null | Promise<((doc: Y.Doc) => void) | null>;
	/** Deepest nesting of shared types a client update may create. */
	maxDepth: number;
	/** Largest size of one document; a client update that would grow it beyond is refused. */
	maxDocBytes: number;
	/** Largest kept history of one document (see keepsHistory); beyond it client updates are refused. */
	maxHistoryBytes: number;
	limits: ConnectionLimits;
	/**
	 * Several instances (REDIS_URL): updates and presence accepted here reach the same room on
	 * the others, and freezes and revocations reach every instance. The store must be shared and
	 * number each document's updates (`since`).
	 */
	fanout?: RedisFanout | null;
}

/** The origin of updates and presence another instance accepted: relayed here, never published again. */
export const FANOUT_ORIGIN = Symbol('fanout');

/** The origin of changes the server itself makes (formal acts mirrored into a document). */
export const SERVER_ORIGIN = Symbol('server');

export interface Connection {
	ws: WebSocket;
	access: Exclude<Access, 'none'>;
	/** Who this connection belongs to (`session:…`, `seat:…`, `user:…`), so revoking any cuts it. */
	subjects: string[];
	/** Awareness client ids this connection has announced, removed when it closes. */
	awarenessIds: Set<number>;
	identity: Identity | null;
	messages: TokenBucket;
	bytes: TokenBucket;
	/** Bytes received and not yet handled. */
	queued: number;
	/** Closed by the server for breaking a limit: whatever else it sent is ignored. */
	isDropped: boolean;
	/** Answered the last ping (see RoomRegistry's one ping timer). */
	alive: boolean;
}

/** A token bucket: `rate` tokens a second, holding at most `capacity`. */
export class TokenBucket {
	private tokens: number;
	private at = performance.now();

	constructor(
		private readonly rate: number,
		private readonly capacity: number
	) {
		this.tokens = capacity;
	}

	take(n: number): boolean {
		const now = performance.now();
		this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) * this.rate) / 1000);
		this.at = now;
		if (this.tokens < n) return false;
		this.tokens -= n;
		return true;
	}
}

/**
 * Lets the event loop breathe between room tasks. Each room's queue is a promise chain, and a
 * chain whose tasks finish synchronously (SQLite writes do) runs in microtasks without ever
 * returning to the event loop: one room flooded with 50,000 small updates would hold every other
 * room, every page and /healthz for seconds. After `sliceMs` of work, the next task waits for a
 * turn of the event loop first.
 */
export class TimeSlicer {
	private sliceStart = performance.now();

	constructor(private readonly sliceMs = 10) {}

	/** null while the slice lasts (no promise per message), else a turn of the event loop. */
	breathe(): Promise<void> | null {
		if (performance.now() - this.sliceStart < this.sliceMs) return null;
		return new Promise<void>((r) =>
			setImmediate(() => {
				this.sliceStart = performance.now();
				r();
			})
		);
	}
}

class Room {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly conns = new Set<Connection>();
	/** Which connection announced each awareness client id: no other may speak for it. */
	readonly presenceOwner = new Map<number, Connection>();
	private chain: Promise<unknown>;
	/** Bytes this document takes in storage (snapshot plus logged updates; exact after compaction). */
	private bytes = 0;
	private historyBytes = 0;
	private lastSeq = 0;
	private logged = 0;
	private compactionScheduled = false;
	private unloadTimer: NodeJS.Timeout | null = null;
	/** This room's channel to the other instances (REDIS_URL), once loaded. */
	private link: FanoutRoom | null = null;
	/** A signed agreement freezes its table: every update is dropped, whoever sends it. */
	isFrozen = false;
	/** Whether this document keeps a timed history (decided by its name: asked once, not per message). */
	private readonly keepsHistory: boolean;
	closed = false;

	constructor(
		readonly name: string,
		private readonly opts: RoomOptions,
		after: Promise<unknown>,
		private readonly slicer: TimeSlicer
	) {
		// The server's own awareness state would show a phantom participant: it has none.
		this.awareness.setLocalState(null);
		this.keepsHistory = opts.keepsHistory?.(name) ?? false;
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
					for (const id of added) {
						conn.awarenessIds.add(id);
						this.presenceOwner.set(id, conn);
					}
				}
				// Removed by its owner, by the owner closing, or by timing out: the id is free again.
				for (const id of removed) {
					this.presenceOwner.get(id)?.awarenessIds.delete(id);
					this.presenceOwner.delete(id);
				}
				const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
				const msg = encodeMessage((e) => {
					encoding.writeVarUint(e, MESSAGE_AWARENESS);
					encoding.writeVarUint8Array(e, update);
				});
				for (const c of this.conns) send(c, msg);
				// Each instance times out stale presence by itself; a peer's presence is its own to publish.
				if (this.link && origin !== FANOUT_ORIGIN && origin !== 'timeout')
					this.link.publishAwareness(update).catch((err: unknown) => this.publishFailed(err));
			}
		);
	}

	/** Runs `task` after every earlier message of this room; a failure is logged, not propagated. */
	enqueue<T>(task: () => T | Promise<T>): Promise<T | undefined> {
		const next = this.chain
			.then(() => {
				const wait = this.slicer.breathe();
				return wait ? wait.then(task) : task();
			})
			.catch((err: unknown) => {
				this.opts.log.error('room task failed', { room: this.name, err: String(err) });
				return undefined;
			});
		this.chain = next;
		return next;
	}

	private async load(): Promise<void> {
		const { fanout } = this.opts;
		if (!fanout) await this.loadStored();
		else {
			// Subscribes first and loads second, so no peer update falls between (fanout-redis.ts).
			this.link = await fanout.join(this.name, {
				load: () => this.loadStored(),
				update: (u) => this.applyPeerUpdate(u),
				catchUp: (since) => this.catchUp(since),
				awareness: (u) => awarenessProtocol.applyAwarenessUpdate(this.awareness, u, FANOUT_ORIGIN),
				localAwareness: () => {
					const ids = [...this.conns].flatMap((c) => [...c.awarenessIds]);
					return ids.length > 0
						? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)
						: null;
				}
			});
		}
		const fix = await this.opts.repair?.(this.name, this.doc);
		if (fix) {
			this.opts.log.warn('repaired a document from the stored rows', { room: this.name });
			await this.serverChange(fix);
		}
	}

	/** Loads the stored document; resolves with the sequence number it holds everything up to. */
	private async loadStored(): Promise<number> {
		const { store, templates, log } = this.opts;
		if (await this.opts.isFrozen?.(this.name)) this.isFrozen = true;
		const read = async () => {
			if (store.since) return store.since(this.name, 0);
			const d = await store.load(this.name);
			return d && { ...d, headSeq: d.updates.at(-1)?.seq ?? 0 };
		};
		let stored = await read();
		if (!stored) {
			const template = await templates(this.name);
			if (template && (await store.create(this.name, template)) && this.keepsHistory) {
				// A replay starts from the template: keep it as the first entry of the history.
				await store.append(this.name, template, true);
			}
			stored = (await read()) ?? { snapshot: null, updates: [], headSeq: 0 };
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
		// Stored before depth limits existed: readable (server-side walks are iterative), but say so.
		const depth = deepestType(this.doc);
		if (depth > this.opts.maxDepth) {
			log.warn(
				'document is nested deeper than MAX_DOC_DEPTH allows; offers still read it, browsers may not',
				{
					room: this.name,
					depth,
					limit: this.opts.maxDepth
				}
			);
		}
		this.bytes = parts.reduce((n, p) => n + p.length, 0);
		if (this.keepsHistory) this.historyBytes = await store.historyBytes(this.name);
		this.logged = stored.updates.length;
		this.lastSeq = stored.headSeq;
		if (this.logged >= this.opts.compactThreshold) this.scheduleCompaction();
		return stored.headSeq;
	}

	/** An update another instance stored: applied (and relayed to this room's clients) as is. */
	private applyPeerUpdate(update: Uint8Array): void {
		if (this.closed) return;
		Y.applyUpdate(this.doc, update, FANOUT_ORIGIN);
		this.counted(update);
	}

	/** Reads what this room missed from the shared store (after a gap or a Redis reconnect). */
	private async catchUp(sinceSeq: number): Promise<number> {
		const tail = await this.opts.store.since!(this.name, sinceSeq);
		if (!tail || this.closed) return sinceSeq;
		if (tail.snapshot) Y.applyUpdate(this.doc, tail.snapshot, FANOUT_ORIGIN);
		for (const u of tail.updates) this.applyPeerUpdate(u.data);
		return tail.headSeq;
	}

	private publish(seq: number, update: Uint8Array): void {
		this.link?.publishUpdate(seq, update).catch((err: unknown) => this.publishFailed(err));
	}

	/** A lost message is repaired by the peers from the store (a gap); it is only logged here. */
	private publishFailed(err: unknown): void {
		this.opts.log.warn('could not publish to the other instances', {
			room: this.name,
			err: String(err)
		});
	}

	/** Stores, then applies (and thereby relays) one update received from `conn`. */
	async receiveUpdate(conn: Connection, update: Uint8Array): Promise<void> {
		if (conn.access !== 'write' || this.isFrozen) return;
		// Decodes the update (throwing on bytes that are not one) before anything is stored.
		const depth = deepestNewType(this.doc, update);
		if (depth === null || depth > this.opts.maxDepth)
			throw new ProtocolError(CLOSE_POLICY, 'nesting too deep');
		// An update that only deletes is always welcome: it is how a full document shrinks. Decoding
		// it again to know is only worth it near the limit.
		if (
			this.bytes + update.length > this.opts.maxDocBytes &&
			Y.decodeUpdate(update).structs.length > 0
		) {
			// The log may hold superseded updates: the snapshot says how big the document really is.
			await this.compact();
			if (this.bytes + update.length > this.opts.maxDocBytes)
				throw new ProtocolError(CLOSE_TOO_BIG, 'document size limit reached');
		}
		if (this.keepsHistory && this.historyBytes + update.length > this.opts.maxHistoryBytes) {
			throw new ProtocolError(CLOSE_TOO_BIG, 'document history limit reached');
		}
		const seq = await this.store(update);
		Y.applyUpdate(this.doc, update, conn);
		this.publish(seq, update);
	}

	private async store(update: Uint8Array): Promise<number> {
		const keepHistory = this.keepsHistory;
		this.lastSeq = await this.opts.store.append(this.name, update, keepHistory);
		this.counted(update);
		return this.lastSeq;
	}

	/** Accounts for one more update in the log (this instance's or a peer's). */
	private counted(update: Uint8Array): void {
		this.logged++;
		this.bytes += update.length;
		if (this.keepsHistory) this.historyBytes += update.length;
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
		const seq = await this.store(update);
		Y.applyUpdate(this.doc, update, SERVER_ORIGIN);
		this.publish(seq, update);
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
		// With peers, only through what this room holds every update up to: never an unseen one.
		await this.opts.store.compact(this.name, snapshot, this.link ? this.link.head : this.lastSeq);
		this.bytes = snapshot.length;
		this.opts.log.debug('compacted', {
			room: this.name,
			updates: this.logged,
			bytes: snapshot.length
		});
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
		await this.link?.leave().catch((err: unknown) => this.publishFailed(err));
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

/** Closes the connection with `code` and `message` as the close reason (keep it under 123 bytes). */
class ProtocolError extends Error {
	constructor(
		readonly code: number,
		message: string
	) {
		super(message);
	}
}

function byteLength(data: RawData): number {
	return Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
}

/**
 * An awareness update as this connection may send it: only for the client id it announced first
 * (at most MAX_PRESENCE_PER_CONNECTION, none another connection holds), and with the name and role
 * of its seat rather than the ones it claims, so an observer cannot appear as a chief.
 */
function ownPresence(room: Room, conn: Connection, update: Uint8Array): Uint8Array | null {
	const d = decoding.createDecoder(update);
	const n = decoding.readVarUint(d);
	const kept: { id: number; clock: number; state: string }[] = [];
	let claimed = conn.awarenessIds.size;
	for (let i = 0; i < n; i++) {
		const id = decoding.readVarUint(d);
		const clock = decoding.readVarUint(d);
		const state = decoding.readVarString(d);
		let owner = room.presenceOwner.get(id);
		if (owner && owner !== conn) {
			// The same browser reconnecting before its old socket timed out keeps its presence.
			if (!isSamePerson(owner, conn)) continue;
			owner.awarenessIds.delete(id);
			room.presenceOwner.set(id, conn);
			conn.awarenessIds.add(id);
			claimed = Math.max(claimed, conn.awarenessIds.size);
			owner = conn;
		}
		if (!owner) {
			if (claimed >= MAX_PRESENCE_PER_CONNECTION) continue;
			claimed++;
		}
		if (state.length > MAX_PRESENCE_STATE_CHARS) continue;
		kept.push({ id, clock, state: withIdentity(JSON.parse(state) as unknown, conn.identity) });
	}
	if (kept.length === 0) return null;
	return encodeMessage((e) => {
		encoding.writeVarUint(e, kept.length);
		for (const k of kept) {
			encoding.writeVarUint(e, k.id);
			encoding.writeVarUint(e, k.clock);
			encoding.writeVarString(e, k.state);
		}
	});
}

function isSamePerson(a: Connection, b: Connection): boolean {
	return a.subjects.some((s) => s.startsWith('session:') && b.subjects.includes(s));
}

function withIdentity(state: unknown, identity: Identity | null): string {
	if (
		state &&
		typeof state === 'object' &&
		'user' in state &&
		state.user &&
		typeof state.user === 'object'
	) {
		const user: Record<string, unknown> = { ...(state.user as Record<string, unknown>) };
		delete user.role;
		if (identity) {
			if (identity.name) user.name = identity.name;
			user.role = identity.role;
		}
		return JSON.stringify({ ...state, user });
	}
	return JSON.stringify(state);
}

/** The process-wide registry of live rooms. One per process; handed to routes, never re-imported. */
export class RoomRegistry {
	private readonly rooms = new Map<string, Room>();
	/** Unloading rooms, so a new room for the same doc loads only after the old one is stored. */
	private readonly closing = new Map<string, Promise<void>>();
	private readonly slicer = new TimeSlicer();

	/** One timer pings every connection every 30 s (not one timer per connection); a silent one is cut. */
	private readonly pinger = setInterval(() => {
		for (const room of this.rooms.values()) {
			for (const c of room.conns) {
				if (!c.alive) c.ws.terminate();
				else {
					c.alive = false;
					c.ws.ping();
				}
			}
		}
	}, 30_000).unref();

	constructor(private readonly opts: RoomOptions) {
		// What another instance decided (a signature, a revocation) applies to this one's rooms too.
		opts.fanout?.setControlHandler((m) => {
			if (m.type === 'freeze') this.freezeHere(m.doc, m.frozen);
			else this.disconnectHere(m.subject, m.reason);
		});
	}

	/** Tells the other instances (REDIS_URL); a lost message is logged, the rows stay the truth. */
	private tellPeers(m: ControlMessage): void {
		this.opts.fanout
			?.publishControl(m)
			.catch((err: unknown) =>
				this.opts.log.error('could not tell the other instances', { ...m, err: String(err) })
			);
	}

	get size(): number {
		return this.rooms.size;
	}

	private room(name: string): Room {
		let room = this.rooms.get(name);
		if (!room) {
			room = new Room(name, this.opts, this.closing.get(name) ?? Promise.resolve(), this.slicer);
			this.rooms.set(name, room);
		}
		return room;
	}

	/** Binds an upgraded WebSocket to the room of `docName`. Access was checked before the upgrade. */
	connect(
		ws: WebSocket,
		docName: string,
		access: Exclude<Access, 'none'>,
		grant: { subjects?: string[]; expiresAt?: number | null; identity?: Identity | null } = {}
	): void {
		const room = this.room(docName);
		room.cancelUnload();
		const { limits } = this.opts;
		const conn: Connection = {
			ws,
			access,
			subjects: grant.subjects ?? [],
			awarenessIds: new Set(),
			identity: grant.identity ?? null,
			messages: new TokenBucket(limits.messagesPerSecond, 2 * limits.messagesPerSecond),
			bytes: new TokenBucket(
				limits.bytesPerSecond,
				Math.max(2 * limits.bytesPerSecond, limits.maxFrameBytes)
			),
			queued: 0,
			isDropped: false,
			alive: true
		};
		// An expiring session loses its socket when it expires, not at its next reconnect.
		const expiry =
			grant.expiresAt != null
				? setTimeout(
						() => ws.close(CLOSE_POLICY, 'session expired'),
						Math.max(0, grant.expiresAt - Date.now())
					)
				: null;
		expiry?.unref();
		room.conns.add(conn);
		const { log } = this.opts;

		ws.on('pong', () => (conn.alive = true));

		/** Closes the connection for good; what it sent after this is never handled. */
		const drop = (code: number, reason: string) => {
			if (conn.isDropped) return;
			conn.isDropped = true;
			ws.close(code, reason);
			// A client that does not answer the close handshake must not keep its socket for long.
			setTimeout(() => ws.terminate(), 2_000).unref();
		};
		let isPaused = false;
		ws.on('message', (data, isBinary) => {
			if (conn.isDropped) return;
			const size = byteLength(data);
			// Only the offender is cut off; y-websocket reconnects and resends what it has in one message.
			if (!conn.messages.take(1) || !conn.bytes.take(size)) {
				log.warn('closing a connection that sends too fast', { room: docName });
				return drop(CLOSE_POLICY, 'rate limit exceeded');
			}
			conn.queued += size;
			if (!isPaused && conn.queued > limits.queuedBytes) {
				// Back-pressure: TCP holds the rest on the client's side until the room catches up.
				ws.pause();
				isPaused = true;
			}
			void room.enqueue(async () => {
				try {
					if (!room.conns.has(conn) || conn.isDropped) return;
					if (!isBinary) throw new ProtocolError(CLOSE_UNSUPPORTED, 'unsupported message');
					await this.handleMessage(room, conn, toBytes(data));
				} catch (err) {
					const code = err instanceof ProtocolError ? err.code : CLOSE_INVALID_DATA;
					const message = err instanceof Error ? err.message : String(err);
					log.warn('closing connection after a bad message', { room: docName, code, err: message });
					drop(code, err instanceof ProtocolError ? message : 'invalid message');
				} finally {
					conn.queued -= size;
					if (isPaused && conn.queued <= limits.queuedBytes / 2) {
						ws.resume();
						isPaused = false;
					}
				}
			});
		});

		ws.on('close', () => {
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
			case MESSAGE_AWARENESS: {
				// Read-only participants may still show their presence.
				const own = ownPresence(room, conn, decoding.readVarUint8Array(d));
				if (own) awarenessProtocol.applyAwarenessUpdate(room.awareness, own, conn);
				return;
			}
			case MESSAGE_QUERY_AWARENESS: {
				const ids = [...room.awareness.getStates().keys()];
				send(
					conn,
					encodeMessage((e) => {
						encoding.writeVarUint(e, MESSAGE_AWARENESS);
						encoding.writeVarUint8Array(
							e,
							awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids)
						);
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
	async exclusive<T>(
		docName: string,
		task: (doc: Y.Doc, freeze: () => void) => T | Promise<T>
	): Promise<T> {
		const room = this.room(docName);
		try {
			const out = await room.enqueue(async () => {
				try {
					const freeze = () => {
						room.isFrozen = true;
						this.tellPeers({ type: 'freeze', doc: docName, frozen: true });
					};
					return { ok: true as const, value: await task(room.doc, freeze) };
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
		this.freezeHere(docName, frozen);
		this.tellPeers({ type: 'freeze', doc: docName, frozen });
	}

	private freezeHere(docName: string, frozen: boolean): void {
		const room = this.rooms.get(docName);
		if (!room) return;
		room.isFrozen = frozen;
		if (!frozen) for (const c of room.conns) c.ws.close(CLOSE_RECONNECT, 'access changed');
	}

	/**
	 * Closes every connection of a subject (a revoked seat or an ended session), on every
	 * instance; returns how many were open on this one.
	 */
	disconnectSubject(subject: string, reason = 'access revoked'): number {
		this.tellPeers({ type: 'disconnect', subject, reason });
		return this.disconnectHere(subject, reason);
	}

	private disconnectHere(subject: string, reason: string): number {
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
		clearInterval(this.pinger);
		const all = [...this.rooms.values()];
		this.rooms.clear();
		for (const room of all) for (const c of room.conns) c.ws.terminate();
		await Promise.all([...all.map((r) => r.destroy()), ...this.closing.values()]);
	}
}
