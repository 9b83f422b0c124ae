/**
 * What the repositories need of the query layer, without the drivers: the handle type, one
 * transaction helper, and which engine a handle runs on.
 */
import { PostgresAdapter, type Kysely } from 'kysely';
import type { SqlSchema } from './schema.ts';

export type SqlEngine = 'sqlite' | 'postgres';

/** The query layer's handle as the repositories take it (the whole database, or a transaction). */
export type SqlDb = Kysely<SqlSchema>;

/**
 * Runs `work` in one transaction, or inside the caller's when `db` is one already: Kysely does not
 * nest transactions, and a helper that needs one is also called from inside bigger ones. On SQLite
 * everything else waits for the transaction's one connection, so `work` must use `trx`, never the
 * outer handle.
 */
export function inTransaction<T>(db: SqlDb, work: (trx: SqlDb) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Which engine a handle runs on, for the few queries whose SQL differs. */
export function engineOf(db: SqlDb): SqlEngine {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
