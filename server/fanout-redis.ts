/**
 * Live fan-out between instances through Redis (`REDIS_URL`): every Yjs update an instance
 * accepted (and stored) and every awareness change of its clients reaches the same room on the
 * other instances.
 *
 * Design, after reading how others do it:
 * - @hocuspocus/extension-redis publishes each sync/awareness message on a pub/sub channel per
 *   document (ioredis, one publishing and one subscribing connection, each message prefixed with
 *   the sender's id so an instance drops its own echo) and, on load, asks peers for their state
 *   with a SyncStep1. Pub/sub forgets what a subscriber missed while disconnected.
 * - y-redis (y/hub) makes a Redis stream per room the first home of updates (XADD, then XREAD
 *   from the last id seen, so a reconnecting reader loses nothing) and a worker moves them to
 *   S3/PostgreSQL later. Redis then holds state that must be persisted and trimmed.
 *
 * Here PostgreSQL is already the first home of every update ("durable before visible": stored
 * before it is applied or relayed), and PostgresDocStore numbers each document's updates 1, 2, 3 …
 * without gaps. So Redis needs to carry only what is already safe, and pub/sub suffices
 * (Hocuspocus's transport, nothing kept in Redis, no persistence needed there), while loss is
 * repaired from the database rather than from Redis (y-redis's "resume from the last id", with
 * the database as the log):
 * - each update message carries its sequence number; a room tracks the highest number up to which
 *   it holds every update (`head`). A message beyond head + 1 reveals a gap: if the missing one
 *   does not arrive within `gapWaitMs` (messages of two publishers may cross), the room reads
 *   the tail after head from the store (`DocStore.since`).
 * - when the subscribing connection comes back after a drop (or Redis restarts), every loaded
 *   room re-subscribes and then reads its tail from the store: whatever was committed before the
 *   subscription is in that read, whatever after it arrives as a message.
 * - joining a room subscribes first and loads second, so nothing falls between the two.
 * - a room compacts only through `head`: it never folds away an update it has not applied.
 * Awareness is ephemeral, as in y-websocket: it carries no number; a joining instance and one
 * that resubscribed ask peers to republish their clients' states (`awareness-query`), and
 * clients renew their state every 15 s anyway.
 */
import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Redis, type RedisOptions } from 'ioredis';
import { z } from 'zod';

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const KIND_AWARENESS_QUERY = 2;
/** Bumped when the message layout changes; other versions are ignored, not misread. */
const WIRE_VERSION = 1;

/** What a room on this instance does with what its peers send. */
export interface FanoutRoomHandlers {
	/**
	 * Loads the room from the durable store; resolves with the sequence number it holds everything
	 * up to (the store's head when it was read). Called once, after the channel is subscribed.
	 */
	load(): Promise<number>;
	/** A peer's update, already durable. Apply it (Yjs ignores what the doc already has). */
	update(update: Uint8Array): void;
	/**
	 * Reads and applies the stored updates after `sinceSeq` (the snapshot too when compaction
	 * folded some of them); resolves with the head it now holds. Used after a gap or a reconnect.
	 */
	catchUp(sinceSeq: number): Promise<number>;
	/** A peer's awareness update (y-protocols encoding). */
	awareness(update: Uint8Array): void;
	/** This instance's own clients' awareness, to answer a peer that asks; null when none. */
	localAwareness(): Uint8Array | null;
}

export interface FanoutRoom {
	/** Highest sequence number up to which this room holds every update: compact through it, no further. */
	readonly head: number;
	/**
	 * Publishes an update this instance stored as `seq` (call after `append` resolved). A room
	 * need not wait for it in its message chain: while Redis is away ioredis queues it, and a
	 * message that never arrives is repaired by the peers from the store.
	 */
	publishUpdate(seq: number, update: Uint8Array): Promise<void>;
	publishAwareness(update: Uint8Array): Promise<void>;
	/** Unsubscribes; the room is unloaded on this instance. */
	leave(): Promise<void>;
}

/**
 * What one instance tells all others, on one channel every instance subscribes to: a document
 * frozen or reopened (signing, the end of a match), a subject whose connections must close
 * (revocation, logout).
 */
export const ControlMessageSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('freeze'), doc: z.string(), frozen: z.boolean() }),
	z.object({ type: z.literal('disconnect'), subject: z.string(), reason: z.string() })
]);
export type ControlMessage = z.infer<typeof ControlMessageSchema>;

export interface FanoutOptions {
	url: string;
	/** Channel names start with it, so several deployments may share one Redis. */
	prefix?: string;
	/** How long a gap may stay open before the store is read (messages of two publishers may cross). */
	gapWaitMs?: number;
	/** Extra ioredis options (tests shorten the reconnect delay). */
	redis?: Partial<RedisOptions>;
	/** Failures that are repaired later (a read after a gap) are reported here, not thrown. */
	onError?: (what: string, err: unknown) => void;
}

class JoinedRoom implements FanoutRoom {
	head = 0;
	/** Numbers above head+1 already applied: head advances over them once the gap closes. */
	private readonly ahead = new Set<number>();
	private loaded = false;
	private readonly early: { seq: number; update: Uint8Array | null }[] = [];
	private gapTimer: NodeJS.Timeout | null = null;
	/** One catch-up at a time; a request during one runs once more after it. */
	private catching: Promise<void> | null = null;
	private catchAgain = false;
	left = false;

	constructor(
		readonly name: string,
		readonly channel: string,
		private readonly handlers: FanoutRoomHandlers,
		private readonly fanout: RedisFanout
	) {}

	async load(): Promise<void> {
		this.head = await this.handlers.load();
		this.loaded = true;
		for (const m of this.early.splice(0)) this.received(m.seq, m.update);
	}

	/** `update` is null for this instance's own update, which the room applied already. */
	received(seq: number, update: Uint8Array | null): void {
		if (this.left) return;
		if (!this.loaded) {
			// Applied after the load, which may already contain it.
			this.early.push({ seq, update });
			return;
		}
		if (seq <= this.head || this.ahead.has(seq)) return;
		if (update) this.handlers.update(update);
		if (seq === this.head + 1) {
			this.head = seq;
			while (this.ahead.delete(this.head + 1)) this.head++;
		} else {
			this.ahead.add(seq);
		}
		if (this.ahead.size === 0) this.clearGapTimer();
		else if (!this.gapTimer) {
			this.gapTimer = setTimeout(() => {
				this.gapTimer = null;
				if (this.ahead.size > 0) void this.catchUp();
			}, this.fanout.gapWaitMs);
			this.gapTimer.unref();
		}
	}

	private clearGapTimer(): void {
		if (this.gapTimer) clearTimeout(this.gapTimer);
		this.gapTimer = null;
	}

	/** Reads what the store has after head; repeats once when asked again meanwhile. */
	catchUp(): Promise<void> {
		if (this.catching) {
			this.catchAgain = true;
			return this.catching;
		}
		const run = async () => {
			do {
				this.catchAgain = false;
				try {
					const head = await this.handlers.catchUp(this.head);
					if (head > this.head) this.head = head;
					for (const s of this.ahead) if (s <= this.head) this.ahead.delete(s);
					while (this.ahead.delete(this.head + 1)) this.head++;
					if (this.ahead.size === 0) this.clearGapTimer();
				} catch (err) {
					// The next gap or reconnect tries again.
					this.fanout.onError('catch-up', err);
				}
			} while (this.catchAgain && !this.left);
		};
		this.catching = run().finally(() => (this.catching = null));
		return this.catching;
	}

	awareness(update: Uint8Array): void {
		if (this.loaded && !this.left) this.handlers.awareness(update);
	}

	localAwareness(): Uint8Array | null {
		return this.loaded && !this.left ? this.handlers.localAwareness() : null;
	}

	publishUpdate(seq: number, update: Uint8Array): Promise<void> {
		// Our own update is applied already: it counts towards head like a peer's.
		this.received(seq, null);
		return this.fanout.publish(this.channel, KIND_UPDATE, seq, update);
	}

	publishAwareness(update: Uint8Array): Promise<void> {
		return this.fanout.publish(this.channel, KIND_AWARENESS, 0, update);
	}

	leave(): Promise<void> {
		this.left = true;
		this.clearGapTimer();
		return this.fanout.leave(this);
	}
}

export class RedisFanout {
	/** Tells this instance's messages from its peers'. */
	readonly instanceId = randomUUID();
	readonly gapWaitMs: number;
	private readonly pub: Redis;
	private readonly sub: Redis;
	private readonly prefix: string;
	private readonly rooms = new Map<string, JoinedRoom>();
	private hasBeenReady = false;
	readonly onError: (what: string, err: unknown) => void;
	private readonly controlChannel: string;
	private onControl: (m: ControlMessage) => void = () => {};

	/** Connects in the background (ioredis queues commands meanwhile); `connect` waits for it. */
	constructor(opts: FanoutOptions) {
		this.prefix = opts.prefix ?? 'xs';
		this.gapWaitMs = opts.gapWaitMs ?? 200;
		this.onError = opts.onError ?? (() => {});
		this.pub = new Redis(opts.url, { ...opts.redis, connectionName: `xs-pub-${this.instanceId}` });
		this.sub = new Redis(opts.url, { ...opts.redis, connectionName: `xs-sub-${this.instanceId}` });
		// ioredis reconnects by itself; an unhandled 'error' event would end the process.
		this.pub.on('error', (err) => this.onError('redis', err));
		this.sub.on('error', (err) => this.onError('redis', err));
		this.controlChannel = `${this.prefix}:control`;
		this.sub.on('messageBuffer', (channel: Buffer, data: Buffer) => {
			const name = channel.toString();
			if (name === this.controlChannel) this.onControlMessage(data);
			else this.onMessage(name, data);
		});
		// ioredis resubscribes this after a reconnect, like every room channel.
		void this.sub.subscribe(this.controlChannel).catch((err) => this.onError('subscribe', err));
		this.sub.on('ready', () => {
			if (!this.hasBeenReady) {
				this.hasBeenReady = true;
				return;
			}
			void this.resubscribed();
		});
	}

	static async connect(opts: FanoutOptions): Promise<RedisFanout> {
		const f = new RedisFanout(opts);
		await f.ready();
		return f;
	}

	/** Resolves once both connections answer (and the control channel is subscribed). */
	async ready(): Promise<void> {
		await Promise.all([this.pub.ping(), this.sub.subscribe(this.controlChannel)]);
	}

	/** Where control messages from the other instances go (never this instance's own). */
	setControlHandler(handler: (m: ControlMessage) => void): void {
		this.onControl = handler;
	}

	/** Tells every other instance; this one acts on its own message directly. */
	publishControl(m: ControlMessage): Promise<void> {
		const body = JSON.stringify({ from: this.instanceId, ...m });
		return this.pub.publish(this.controlChannel, body).then(() => undefined);
	}

	private onControlMessage(data: Buffer): void {
		try {
			const raw = JSON.parse(data.toString()) as unknown;
			const from = z.object({ from: z.string() }).parse(raw).from;
			if (from === this.instanceId) return;
			this.onControl(ControlMessageSchema.parse(raw));
		} catch (err) {
			this.onError('control message', err);
		}
	}

	/**
	 * Joins a room: subscribes to its channel, then loads it (so an update published between the
	 * two is either in the load or arrives as a message), then asks peers for their awareness.
	 */
	async join(docName: string, handlers: FanoutRoomHandlers): Promise<FanoutRoom> {
		if (this.rooms.has(docName)) throw new Error(`room ${docName} joined twice`);
		const room = new JoinedRoom(docName, `${this.prefix}:doc:${docName}`, handlers, this);
		this.rooms.set(docName, room);
		try {
			await this.sub.subscribe(room.channel);
			await room.load();
		} catch (err) {
			// A room that failed to load must not stay subscribed (nor block a later join).
			room.left = true;
			await this.leave(room).catch(() => {});
			throw err;
		}
		await this.publish(room.channel, KIND_AWARENESS_QUERY, 0, new Uint8Array(0));
		return room;
	}

	async leave(room: JoinedRoom): Promise<void> {
		if (this.rooms.get(room.name) !== room) return;
		this.rooms.delete(room.name);
		await this.sub.unsubscribe(room.channel);
	}

	publish(channel: string, kind: number, seq: number, payload: Uint8Array): Promise<void> {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, WIRE_VERSION);
		encoding.writeVarUint(e, kind);
		encoding.writeVarString(e, this.instanceId);
		encoding.writeVarUint(e, seq);
		encoding.writeVarUint8Array(e, payload);
		return this.pub.publish(channel, Buffer.from(encoding.toUint8Array(e))).then(() => undefined);
	}

	private onMessage(channel: string, data: Buffer): void {
		const name = channel.slice(`${this.prefix}:doc:`.length);
		const room = this.rooms.get(name);
		if (!room || room.channel !== channel) return;
		try {
			const d = decoding.createDecoder(
				new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
			);
			if (decoding.readVarUint(d) !== WIRE_VERSION) return;
			const kind = decoding.readVarUint(d);
			if (decoding.readVarString(d) === this.instanceId) return;
			const seq = decoding.readVarUint(d);
			// Copy: the payload must outlive ioredis's buffer.
			const payload = decoding.readVarUint8Array(d).slice();
			if (kind === KIND_UPDATE) room.received(seq, payload);
			else if (kind === KIND_AWARENESS) room.awareness(payload);
			else if (kind === KIND_AWARENESS_QUERY) {
				const local = room.localAwareness();
				if (local)
					void this.publish(channel, KIND_AWARENESS, 0, local).catch((err) =>
						this.onError('publish', err)
					);
			}
		} catch (err) {
			this.onError('message', err);
		}
	}

	/**
	 * After the subscribing connection came back: pub/sub dropped whatever was published while it
	 * was away. Make sure every channel is subscribed again (ioredis resubscribes too; waiting on
	 * our own SUBSCRIBE orders us after it), then read each room's tail from the store.
	 */
	private async resubscribed(): Promise<void> {
		const rooms = [...this.rooms.values()];
		if (rooms.length === 0) return;
		try {
			await this.sub.subscribe(...rooms.map((r) => r.channel));
		} catch (err) {
			// The connection dropped again; the next 'ready' repeats this.
			this.onError('resubscribe', err);
			return;
		}
		await Promise.all(rooms.map((r) => r.catchUp()));
		for (const r of rooms) {
			await this.publish(r.channel, KIND_AWARENESS_QUERY, 0, new Uint8Array(0)).catch((err) =>
				this.onError('publish', err)
			);
		}
	}

	/** The publishing connection, for plain commands of others (rate limits). */
	get commands(): Redis {
		return this.pub;
	}

	/** For /healthz: whether both connections are up. */
	isReady(): boolean {
		return this.pub.status === 'ready' && this.sub.status === 'ready';
	}

	async close(): Promise<void> {
		for (const r of this.rooms.values()) r.left = true;
		this.rooms.clear();
		// QUIT waits for Redis; with Redis gone it would wait for the reconnect: give it a second.
		const quit = Promise.allSettled([this.pub.quit(), this.sub.quit()]);
		await Promise.race([quit, new Promise((r) => setTimeout(r, 1000).unref())]);
		this.pub.disconnect();
		this.sub.disconnect();
	}
}
