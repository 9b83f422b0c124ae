import type { Db } from './db.ts';
import type { DocTail } from './doc-store-pg.ts';

/** What storage holds for one document: an optional snapshot plus the updates logged after it. */
export interface StoredDoc {
	snapshot: Uint8Array | null;
	updates: { seq: number; data: Uint8Array }[];
}

/**
 * Durable storage of Yjs documents as opaque bytes. It knows nothing of Yjs: the room server
 * merges what `load` returns. Every implementation must pass `doc-store.contract.ts`.
 */
export interface DocStore {
	/** null when the document was never created. */
	load(docName: string): Promise<StoredDoc | null>;
	/** Creates the document with its initial content; false (and no change) when it exists. */
	create(docName: string, initial: Uint8Array | null): Promise<boolean>;
	/**
	 * Appends one update; resolves once it is durable. Creates the document when missing. With
	 * `keepHistory`, the update is also kept with its time in a log that compaction never touches.
	 */
	append(docName: string, update: Uint8Array, keepHistory?: boolean): Promise<number>;
	/** The kept history of a document, oldest first (empty when none was kept). */
	history(docName: string): Promise<{ at: number; data: Uint8Array }[]>;
	/** Bytes of a document's kept history (what MAX_HISTORY_BYTES bounds). */
	historyBytes(docName: string): Promise<number>;
	/** Replaces the snapshot and drops the updates with seq ≤ throughSeq, atomically. */
	compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
	/**
	 * What a copy holding every update up to `sinceSeq` lacks (per-document numbers, see
	 * PostgresDocStore): only stores that several instances share have it.
	 */
	since?(docName: string, sinceSeq: number): Promise<DocTail | null>;
	close(): Promise<void>;
}

/** An append waiting for its tick's commit (both stores group them). */
export interface PendingAppend {
	doc: string;
	data: Uint8Array;
	keepHistory: boolean;
	resolve(seq: number): void;
	reject(err: unknown): void;
}

export class SqliteDocStore implements DocStore {
	private readonly stmts;
	/** One transaction for a tick's appends, wrapped once rather than at every flush. */
	private readonly writeBatch: (batch: PendingAppend[], now: number) => number[];

	constructor(private readonly db: Db) {
		this.stmts = {
			exists: db.prepare<[string], { name: string }>('SELECT name FROM docs WHERE name = ?'),
			insertDoc: db.prepare('INSERT OR IGNORE INTO docs (name, created_at) VALUES (?, ?)'),
			snapshot: db.prepare<[string], { data: Buffer; through_seq: number }>(
				'SELECT data, through_seq FROM doc_snapshots WHERE doc = ?'
			),
			updates: db.prepare<[string, number], { seq: number; data: Buffer }>(
				'SELECT seq, data FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq'
			),
			// The next number of this document, read inside the write transaction: after its last
			// row, or after its snapshot's through_seq once compaction dropped every row. Another
			// handle on the same file that appended meanwhile makes this commit fail (busy snapshot),
			// never reuse a number.
			append: db.prepare<{ doc: string; data: Uint8Array }, { seq: number }>(
				`INSERT INTO doc_updates (doc, seq, data) VALUES (@doc, COALESCE(
				   (SELECT max(seq) FROM doc_updates WHERE doc = @doc),
				   (SELECT through_seq FROM doc_snapshots WHERE doc = @doc), 0) + 1, @data)
				 RETURNING seq`
			),
			putSnapshot: db.prepare(
				`INSERT INTO doc_snapshots (doc, data, through_seq, updated_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (doc) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq,
				 updated_at = excluded.updated_at`
			),
			dropUpdates: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
			appendHistory: db.prepare('INSERT INTO doc_history (doc, at, data) VALUES (?, ?, ?)'),
			history: db.prepare<[string], { at: number; data: Buffer }>(
				'SELECT at, data FROM doc_history WHERE doc = ? ORDER BY id'
			),
			historyBytes: db.prepare<[string], { n: number | null }>(
				'SELECT SUM(length(data)) AS n FROM doc_history WHERE doc = ?'
			)
		};
		this.writeBatch = db.transaction((batch: PendingAppend[], now: number) =>
			batch.map((a) => {
				if (!this.known.has(a.doc)) this.stmts.insertDoc.run(a.doc, now);
				if (a.keepHistory) this.stmts.appendHistory.run(a.doc, now, a.data);
				return this.stmts.append.get({ doc: a.doc, data: a.data })!.seq;
			})
		);
	}

	async load(docName: string): Promise<StoredDoc | null> {
		if (!this.stmts.exists.get(docName)) return null;
		const snap = this.stmts.snapshot.get(docName);
		const rows = this.stmts.updates.all(docName, snap?.through_seq ?? 0);
		return {
			snapshot: snap ? new Uint8Array(snap.data) : null,
			updates: rows.map((r) => ({ seq: r.seq, data: new Uint8Array(r.data) }))
		};
	}

	async create(docName: string, initial: Uint8Array | null): Promise<boolean> {
		return this.db.transaction(() => {
			const created = this.stmts.insertDoc.run(docName, Date.now()).changes === 1;
			if (created && initial) this.stmts.putSnapshot.run(docName, initial, 0, Date.now());
			return created;
		})();
	}

	/** Documents whose `docs` row this store has seen exist: their appends skip the upsert. */
	private readonly known = new Set<string>();
	/**
	 * Appends wait for the end of the current tick and are written together in one transaction
	 * (one WAL commit for every room that received an update in that tick); each caller resolves
	 * after that commit, so durable-before-visible holds. better-sqlite3 writes synchronously, on
	 * the event loop: fewer commits is less time every room waits.
	 */
	private pending: PendingAppend[] = [];

	append(docName: string, update: Uint8Array, keepHistory = false): Promise<number> {
		return new Promise<number>((resolve, reject) => {
			if (this.pending.push({ doc: docName, data: update, keepHistory, resolve, reject }) > 1)
				return;
			setImmediate(() => this.flush());
		});
	}

	private flush(): void {
		const batch = this.pending;
		this.pending = [];
		const now = Date.now();
		let seqs: number[];
		try {
			seqs = this.writeBatch(batch, now);
		} catch (err) {
			for (const a of batch) a.reject(err);
			return;
		}
		batch.forEach((a, i) => {
			this.known.add(a.doc);
			a.resolve(seqs[i]!);
		});
	}

	async history(docName: string): Promise<{ at: number; data: Uint8Array }[]> {
		return this.stmts.history.all(docName).map((r) => ({ at: r.at, data: new Uint8Array(r.data) }));
	}

	async historyBytes(docName: string): Promise<number> {
		return this.stmts.historyBytes.get(docName)?.n ?? 0;
	}

	async compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
		this.db.transaction(() => {
			this.stmts.putSnapshot.run(docName, snapshot, throughSeq, Date.now());
			this.stmts.dropUpdates.run(docName, throughSeq);
		})();
	}

	async close(): Promise<void> {
		// The database handle belongs to whoever opened it; the store only stops using it.
	}
}

/** Keeps documents in memory: for tests and for measuring what durability costs. */
export class MemoryDocStore implements DocStore {
	private readonly docs = new Map<string, StoredDoc>();
	private readonly kept = new Map<string, { at: number; data: Uint8Array }[]>();
	private seq = 0;

	async load(docName: string): Promise<StoredDoc | null> {
		const d = this.docs.get(docName);
		return d ? { snapshot: d.snapshot, updates: [...d.updates] } : null;
	}

	async create(docName: string, initial: Uint8Array | null): Promise<boolean> {
		if (this.docs.has(docName)) return false;
		this.docs.set(docName, { snapshot: initial, updates: [] });
		return true;
	}

	async append(docName: string, update: Uint8Array, keepHistory = false): Promise<number> {
		let d = this.docs.get(docName);
		if (!d) this.docs.set(docName, (d = { snapshot: null, updates: [] }));
		const seq = ++this.seq;
		d.updates.push({ seq, data: update.slice() });
		if (keepHistory)
			(this.kept.get(docName) ?? this.kept.set(docName, []).get(docName)!).push({
				at: Date.now(),
				data: update.slice()
			});
		return seq;
	}

	async history(docName: string): Promise<{ at: number; data: Uint8Array }[]> {
		return [...(this.kept.get(docName) ?? [])];
	}

	async historyBytes(docName: string): Promise<number> {
		return (this.kept.get(docName) ?? []).reduce((n, h) => n + h.data.length, 0);
	}

	async compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
		const d = this.docs.get(docName);
		if (!d) return;
		d.snapshot = snapshot.slice();
		d.updates = d.updates.filter((u) => u.seq > throughSeq);
	}

	async close(): Promise<void> {}
}
