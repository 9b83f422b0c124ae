/**
 * The DocStore on PostgreSQL (`pg`), for several instances sharing one database. Same contract
 * as the SQLite store (doc-store.contract.ts), plus what a cluster needs:
 *
 * - **Sequence numbers are per document and gap-free** (1, 2, 3 … in commit order). An append
 *   bumps `docs.last_seq` under that row's lock, so appends to one document are serialized and a
 *   lower number can never commit after a higher one. An instance that received updates 1…n from
 *   its peers therefore knows it holds everything up to n, can detect a gap (it sees n + 2), and
 *   can compact through n without dropping an update it never saw.
 * - **Every call is one statement** (data-modifying CTEs), so it is atomic in autocommit, sees one
 *   consistent snapshot (`load` never mixes an old snapshot with the updates a concurrent
 *   compaction left), and costs one round trip: `append` resolves after the commit, which is what
 *   "durable before visible" needs.
 * - **A snapshot never goes backwards**: a stale compaction (lower `throughSeq` than the stored
 *   snapshot) changes nothing, so two instances compacting the same document cannot lose updates.
 */
import pg from 'pg';
import type { DocStore, PendingAppend, StoredDoc } from './doc-store.ts';

/**
 * The document tables. FIXME(issue 12): becomes migration 1 of the shared Kysely migrator once the
 * relational layer moves there; until then the store creates it, under an advisory lock so
 * instances starting together do not race.
 */
const SCHEMA = `
	CREATE TABLE IF NOT EXISTS docs (
		name TEXT PRIMARY KEY,
		created_at BIGINT NOT NULL,
		last_seq BIGINT NOT NULL DEFAULT 0
	);
	CREATE TABLE IF NOT EXISTS doc_updates (
		doc TEXT NOT NULL,
		seq BIGINT NOT NULL,
		data BYTEA NOT NULL,
		PRIMARY KEY (doc, seq)
	);
	CREATE TABLE IF NOT EXISTS doc_history (
		id BIGSERIAL PRIMARY KEY,
		doc TEXT NOT NULL,
		at BIGINT NOT NULL,
		data BYTEA NOT NULL
	);
	CREATE INDEX IF NOT EXISTS doc_history_by_doc ON doc_history (doc, id);
	CREATE TABLE IF NOT EXISTS doc_snapshots (
		doc TEXT PRIMARY KEY,
		data BYTEA NOT NULL,
		through_seq BIGINT NOT NULL,
		updated_at BIGINT NOT NULL
	);
`;
/** Any fixed number: the advisory lock that serializes schema creation across instances. */
const SCHEMA_LOCK = 0x78730001;

/** A stored document from a given point on: what an instance that missed updates must apply. */
export interface DocTail {
	/** Present when the updates after `sinceSeq` were already folded into the snapshot. */
	snapshot: Uint8Array | null;
	updates: { seq: number; data: Uint8Array }[];
	/** The document's last sequence number: applying the above brings a copy up to it. */
	headSeq: number;
}

const copy = (b: Buffer) => new Uint8Array(b);

export class PostgresDocStore implements DocStore {
	private constructor(
		private readonly pool: pg.Pool,
		private readonly ownsPool: boolean
	) {}

	/** Connects (a pool of `max` connections), creates the tables when missing. */
	static async open(connectionString: string, max = 10): Promise<PostgresDocStore> {
		const pool = new pg.Pool({ connectionString, max });
		// An idle client that loses its server emits 'error' on the pool; unhandled it would end the process.
		pool.on('error', () => {});
		try {
			await PostgresDocStore.ensureSchema(pool);
		} catch (e) {
			await pool.end();
			throw e;
		}
		return new PostgresDocStore(pool, true);
	}

	/** Uses a pool someone else owns (and closes). The schema must exist: see `ensureSchema`. */
	static onPool(pool: pg.Pool): PostgresDocStore {
		return new PostgresDocStore(pool, false);
	}

	static async ensureSchema(pool: pg.Pool): Promise<void> {
		const c = await pool.connect();
		try {
			await c.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
			try {
				await c.query(SCHEMA);
			} finally {
				await c.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
			}
		} finally {
			c.release();
		}
	}

	async load(docName: string): Promise<StoredDoc | null> {
		const tail = await this.since(docName, 0);
		return tail && { snapshot: tail.snapshot, updates: tail.updates };
	}

	/**
	 * What a copy that holds every update up to `sinceSeq` lacks: the updates after it, or (when
	 * compaction already folded some of those) the snapshot plus the updates after the snapshot.
	 * null when the document does not exist. One statement: one consistent view.
	 */
	async since(docName: string, sinceSeq: number): Promise<DocTail | null> {
		const { rows } = await this.pool.query<{
			kind: 'd' | 's' | 'u';
			seq: string;
			data: Buffer | null;
		}>(
			`WITH d AS (SELECT last_seq FROM docs WHERE name = $1),
			      s AS (SELECT data, through_seq FROM doc_snapshots WHERE doc = $1)
			 SELECT 'd' AS kind, last_seq AS seq, NULL::bytea AS data FROM d
			 UNION ALL
			 SELECT 's', through_seq, data FROM s WHERE through_seq > $2 OR $2 = 0
			 UNION ALL
			 SELECT 'u', seq, data FROM doc_updates
			  WHERE doc = $1 AND seq > GREATEST($2, COALESCE((SELECT through_seq FROM s), 0))
			 ORDER BY kind, seq`,
			[docName, sinceSeq]
		);
		const head = rows.find((r) => r.kind === 'd');
		if (!head) return null;
		const snap = rows.find((r) => r.kind === 's');
		return {
			snapshot: snap?.data ? copy(snap.data) : null,
			updates: rows
				.filter((r) => r.kind === 'u')
				.map((r) => ({ seq: Number(r.seq), data: copy(r.data!) })),
			headSeq: Number(head.seq)
		};
	}

	async create(docName: string, initial: Uint8Array | null): Promise<boolean> {
		const { rows } = await this.pool.query<{ created: number }>(
			`WITH d AS (
				INSERT INTO docs (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name
			), s AS (
				INSERT INTO doc_snapshots (doc, data, through_seq, updated_at)
				SELECT name, $3::bytea, 0, $2 FROM d WHERE $3::bytea IS NOT NULL
			)
			SELECT count(*)::int AS created FROM d`,
			[docName, Date.now(), initial]
		);
		return rows[0]!.created === 1;
	}

	/**
	 * Appends wait here for the end of the current tick, then go to PostgreSQL together: one
	 * multi-row statement, one commit (one WAL flush) for every room that received an update in
	 * that tick. Each caller still resolves only after that commit: durable before visible.
	 */
	private pending: PendingAppend[] = [];
	private flushScheduled = false;

	append(docName: string, update: Uint8Array, keepHistory = false): Promise<number> {
		return new Promise<number>((resolve, reject) => {
			this.pending.push({ doc: docName, data: update, keepHistory, resolve, reject });
			if (this.flushScheduled) return;
			this.flushScheduled = true;
			setImmediate(() => {
				this.flushScheduled = false;
				const batch = this.pending;
				this.pending = [];
				void this.appendBatch(batch);
			});
		});
	}

	private async appendBatch(batch: PendingAppend[]): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			try {
				const seqs = await this.insertBatch(batch);
				batch.forEach((a, i) => a.resolve(seqs[i]!));
				return;
			} catch (err) {
				// Two instances locking the same documents' rows: PostgreSQL aborts one; nothing was written.
				if ((err as { code?: string }).code === '40P01' && attempt < 5) continue;
				for (const a of batch) a.reject(err);
				return;
			}
		}
	}

	/**
	 * The batch's updates in one statement. Per document, `docs.last_seq` grows by its count under
	 * that row's lock (taken in name order, so two instances never wait on each other in a
	 * circle) and the updates get the numbers just below it, in arrival order.
	 */
	private async insertBatch(batch: PendingAppend[]): Promise<number[]> {
		const { rows } = await this.pool.query<{ ord: number; seq: string }>(
			`WITH input AS (
				SELECT * FROM unnest($1::text[], $2::bytea[], $3::boolean[]) WITH ORDINALITY
					AS t(doc, data, hist, ord)
			), counts AS (
				SELECT doc, count(*) AS n FROM input GROUP BY doc
			), d AS (
				INSERT INTO docs (name, created_at, last_seq)
				SELECT doc, $4, n FROM counts ORDER BY doc
				ON CONFLICT (name) DO UPDATE SET last_seq = docs.last_seq + excluded.last_seq
				RETURNING name, last_seq
			), numbered AS (
				SELECT i.ord, i.doc, i.data,
					d.last_seq - c.n + row_number() OVER (PARTITION BY i.doc ORDER BY i.ord) AS seq
				FROM input i JOIN d ON d.name = i.doc JOIN counts c ON c.doc = i.doc
			), h AS (
				INSERT INTO doc_history (doc, at, data)
				SELECT doc, $4, data FROM input WHERE hist ORDER BY ord
			), u AS (
				INSERT INTO doc_updates (doc, seq, data) SELECT doc, seq, data FROM numbered
			)
			SELECT ord::int AS ord, seq FROM numbered`,
			[
				batch.map((a) => a.doc),
				batch.map((a) => Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength)),
				batch.map((a) => a.keepHistory),
				Date.now()
			]
		);
		const seqs = new Array<number>(batch.length);
		for (const r of rows) seqs[r.ord - 1] = Number(r.seq);
		return seqs;
	}

	async history(docName: string): Promise<{ at: number; data: Uint8Array }[]> {
		const { rows } = await this.pool.query<{ at: string; data: Buffer }>(
			'SELECT at, data FROM doc_history WHERE doc = $1 ORDER BY id',
			[docName]
		);
		return rows.map((r) => ({ at: Number(r.at), data: copy(r.data) }));
	}

	async historyBytes(docName: string): Promise<number> {
		const { rows } = await this.pool.query<{ n: string | null }>(
			'SELECT SUM(octet_length(data)) AS n FROM doc_history WHERE doc = $1',
			[docName]
		);
		return Number(rows[0]?.n ?? 0);
	}

	async compact(docName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
		// The snapshot is replaced only by one that covers at least as much, and only then are
		// the updates it covers dropped; a stale compaction from another instance is a no-op.
		await this.pool.query(
			`WITH s AS (
				INSERT INTO doc_snapshots (doc, data, through_seq, updated_at) VALUES ($1, $2::bytea, $3, $4)
				ON CONFLICT (doc) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq,
					updated_at = excluded.updated_at
				WHERE doc_snapshots.through_seq <= excluded.through_seq
				RETURNING 1
			)
			DELETE FROM doc_updates WHERE doc = $1 AND seq <= $3 AND EXISTS (SELECT 1 FROM s)`,
			[docName, snapshot, throughSeq, Date.now()]
		);
	}

	async close(): Promise<void> {
		if (this.ownsPool) await this.pool.end();
	}
}
