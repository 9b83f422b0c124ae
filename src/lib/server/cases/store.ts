/**
 * Cases (案例) in the database, through the one query layer (Kysely, SQLite and PostgreSQL):
 * every saved version kept with who, when and a note; one draft per user per case; jurisdictions
 * saved in the studio; the case version an event is pinned to. Who may do what is decided in
 * permissions.ts, not here. Rules K1–K… in server/SPEC.md.
 */
import type { Kysely } from 'kysely';
import type { SqlSchema } from '../sql/schema.ts';
import { newId } from '../ids.ts';

type Db = Kysely<SqlSchema>;
/** The users table lives in the older storage layer; only its display name is read here. */
type WithUsers = SqlSchema & { users: { id: string; display_name: string } };

export interface CaseRow {
	id: string;
	title: string;
	ownerUserId: string;
	shared: boolean;
	latestVersion: number;
	createdAt: number;
	updatedAt: number;
}

export interface CaseVersionInfo {
	version: number;
	note: string;
	/** The author's display name (or the account id when the account is gone). */
	by: string;
	byUserId: string;
	at: number;
}

export interface CaseVersion extends CaseVersionInfo {
	caseId: string;
	document: unknown;
}

const toCase = (r: SqlSchema['cases']): CaseRow => ({
	id: r.id,
	title: r.title,
	ownerUserId: r.owner_user_id,
	shared: Number(r.shared) === 1,
	latestVersion: Number(r.latest_version),
	createdAt: Number(r.created_at),
	updatedAt: Number(r.updated_at)
});

export async function getCase(db: Db, id: string): Promise<CaseRow | null> {
	const r = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
	return r ? toCase(r) : null;
}

/** The cases a user owns or that are shared with every organizer, newest first. */
export async function casesVisibleTo(db: Db, userId: string): Promise<CaseRow[]> {
	const rows = await db
		.selectFrom('cases')
		.selectAll()
		.where((eb) => eb.or([eb('owner_user_id', '=', userId), eb('shared', '=', 1)]))
		.orderBy('updated_at', 'desc')
		.orderBy('id')
		.execute();
	return rows.map(toCase);
}

/** Every case in the database (the CLI acts as the operator, who owns the database file). */
export async function allCases(db: Db): Promise<CaseRow[]> {
	const rows = await db
		.selectFrom('cases')
		.selectAll()
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return rows.map(toCase);
}

/** A new case whose version 1 is `document` (already validated by the caller). */
export async function createCase(
	db: Db,
	input: { ownerUserId: string; title: string; document: unknown; note: string },
	at = Date.now()
): Promise<{ id: string; version: number }> {
	const id = newId();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('cases')
			.values({
				id,
				title: input.title,
				owner_user_id: input.ownerUserId,
				shared: 0,
				latest_version: 1,
				created_at: at,
				updated_at: at
			})
			.execute();
		await trx
			.insertInto('case_versions')
			.values({
				case_id: id,
				version: 1,
				document: JSON.stringify(input.document),
				note: input.note,
				created_by: input.ownerUserId,
				created_at: at
			})
			.execute();
	});
	return { id, version: 1 };
}

export type SaveResult =
	{ ok: true; version: number } | { ok: false; latestVersion: number; by: string; at: number };

/**
 * Saves `document` as the version after `baseVersion`. When someone saved since (the base is not
 * the latest), nothing is written and the latest version's author and time come back (K5): a
 * save never silently overwrites another. The compare-and-set on `latest_version` makes two
 * saves racing on the same base end with exactly one winner.
 */
export async function saveVersion(
	db: Db,
	input: {
		caseId: string;
		userId: string;
		document: unknown;
		note: string;
		title: string;
		baseVersion: number;
	},
	at = Date.now()
): Promise<SaveResult> {
	const next = input.baseVersion + 1;
	const won = await db.transaction().execute(async (trx) => {
		const r = await trx
			.updateTable('cases')
			.set({ latest_version: next, updated_at: at, title: input.title })
			.where('id', '=', input.caseId)
			.where('latest_version', '=', input.baseVersion)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) !== 1) return false;
		await trx
			.insertInto('case_versions')
			.values({
				case_id: input.caseId,
				version: next,
				document: JSON.stringify(input.document),
				note: input.note,
				created_by: input.userId,
				created_at: at
			})
			.execute();
		return true;
	});
	if (won) return { ok: true, version: next };
	const latest = (await listVersions(db, input.caseId))[0];
	return {
		ok: false,
		latestVersion: latest?.version ?? 0,
		by: latest?.by ?? '',
		at: latest?.at ?? 0
	};
}

/** A case's versions, newest first, with their authors' names. */
export async function listVersions(db: Db, caseId: string): Promise<CaseVersionInfo[]> {
	const rows = await (db as unknown as Kysely<WithUsers>)
		.selectFrom('case_versions as v')
		.leftJoin('users as u', 'u.id', 'v.created_by')
		.select(['v.version', 'v.note', 'v.created_by', 'v.created_at', 'u.display_name'])
		.where('v.case_id', '=', caseId)
		.orderBy('v.version', 'desc')
		.execute();
	return rows.map((r) => ({
		version: Number(r.version),
		note: r.note,
		by: r.display_name ?? r.created_by,
		byUserId: r.created_by,
		at: Number(r.created_at)
	}));
}

/** One version (the latest without `version`), its document parsed back from JSON. */
export async function getVersion(
	db: Db,
	caseId: string,
	version?: number
): Promise<CaseVersion | null> {
	let q = (db as unknown as Kysely<WithUsers>)
		.selectFrom('case_versions as v')
		.leftJoin('users as u', 'u.id', 'v.created_by')
		.select([
			'v.case_id',
			'v.version',
			'v.document',
			'v.note',
			'v.created_by',
			'v.created_at',
			'u.display_name'
		])
		.where('v.case_id', '=', caseId);
	q =
		version === undefined
			? q.orderBy('v.version', 'desc').limit(1)
			: q.where('v.version', '=', version);
	const r = await q.executeTakeFirst();
	if (!r) return null;
	return {
		caseId: r.case_id,
		version: Number(r.version),
		document: JSON.parse(r.document) as unknown,
		note: r.note,
		by: r.display_name ?? r.created_by,
		byUserId: r.created_by,
		at: Number(r.created_at)
	};
}

export async function setShared(db: Db, caseId: string, shared: boolean): Promise<void> {
	await db
		.updateTable('cases')
		.set({ shared: shared ? 1 : 0 })
		.where('id', '=', caseId)
		.execute();
}

// ── Drafts: one per user per case, any JSON, never validated (K6) ──

export async function getDraft(
	db: Db,
	caseId: string,
	userId: string
): Promise<{ document: unknown; savedAt: number } | null> {
	const r = await db
		.selectFrom('case_drafts')
		.select(['document', 'saved_at'])
		.where('case_id', '=', caseId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return r ? { document: JSON.parse(r.document) as unknown, savedAt: Number(r.saved_at) } : null;
}

export async function putDraft(
	db: Db,
	caseId: string,
	userId: string,
	document: unknown,
	at = Date.now()
): Promise<number> {
	const text = JSON.stringify(document ?? null);
	await db
		.insertInto('case_drafts')
		.values({ case_id: caseId, user_id: userId, document: text, saved_at: at })
		.onConflict((oc) =>
			oc.columns(['case_id', 'user_id']).doUpdateSet({ document: text, saved_at: at })
		)
		.execute();
	return at;
}

export async function deleteDraft(db: Db, caseId: string, userId: string): Promise<void> {
	await db
		.deleteFrom('case_drafts')
		.where('case_id', '=', caseId)
		.where('user_id', '=', userId)
		.execute();
}

// ── Jurisdictions saved in the studio: immutable, a change is saved as a new one (K12) ──

export interface StoredJurisdiction {
	id: string;
	name: string;
	document: unknown;
	createdBy: string;
	createdAt: number;
}

export async function listJurisdictions(db: Db): Promise<StoredJurisdiction[]> {
	const rows = await db.selectFrom('jurisdictions').selectAll().orderBy('created_at').execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		document: JSON.parse(r.document) as unknown,
		createdBy: r.created_by,
		createdAt: Number(r.created_at)
	}));
}

/** Inserts a jurisdiction; false when its id is taken. */
export async function insertJurisdiction(
	db: Db,
	input: { id: string; name: string; document: unknown; createdBy: string },
	at = Date.now()
): Promise<boolean> {
	const r = await db
		.insertInto('jurisdictions')
		.values({
			id: input.id,
			name: input.name,
			document: JSON.stringify(input.document),
			created_by: input.createdBy,
			created_at: at
		})
		.onConflict((oc) => oc.column('id').doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

// ── Events pinned to a case version (K8–K10) ──

export interface EventCasePin {
	caseId: string;
	version: number;
}

export async function eventCasePin(db: Db, eventId: string): Promise<EventCasePin | null> {
	const r = await db
		.selectFrom('event_cases')
		.select(['case_id', 'version'])
		.where('event_id', '=', eventId)
		.executeTakeFirst();
	return r ? { caseId: r.case_id, version: Number(r.version) } : null;
}

export async function pinEventCase(db: Db, eventId: string, pin: EventCasePin): Promise<void> {
	await db
		.insertInto('event_cases')
		.values({ event_id: eventId, case_id: pin.caseId, version: pin.version })
		.onConflict((oc) =>
			oc.column('event_id').doUpdateSet({ case_id: pin.caseId, version: pin.version })
		)
		.execute();
}
