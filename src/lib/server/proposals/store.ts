/**
 * Proposal workspaces as rows (server/SPEC.md WS4–WS6): which case each is made on, who made it,
 * and the colleagues it is shared with. The versions themselves live in the `proposal/<id>`
 * document (src/lib/collab/proposal-doc.ts). Async, through the one query layer, so the same
 * code runs on SQLite and PostgreSQL.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ProposalsTable, SqlSchema } from '../sql/schema.ts';
import { newId } from '../ids.ts';

export type ProposalRow = Selectable<ProposalsTable>;

export interface Proposal {
	id: string;
	caseId: string;
	title: string;
	ownerId: string;
	createdAt: number;
}

export interface ProposalMember {
	userId: string;
	login: string;
	displayName: string;
	isOwner: boolean;
}

const toProposal = (r: ProposalRow): Proposal => ({
	id: r.id,
	caseId: r.case_id,
	title: r.title,
	ownerId: r.owner_id,
	createdAt: r.created_at
});

/**
 * The organizer accounts' table, typed here for reading only: it is still created by the older
 * `user_version` migrations (storage/migrations/core.ts), so SqlSchema does not list it yet.
 */
type UsersRead = {
	users: { id: string; login: string; display_name: string };
};
const withUsers = (db: Kysely<SqlSchema>) => db.withTables<UsersRead>();

/** Makes a workspace; its owner is its first member. */
export async function createProposal(
	db: Kysely<SqlSchema>,
	p: { caseId: string; title: string; ownerId: string },
	at = Date.now()
): Promise<Proposal> {
	const id = newId();
	await db.transaction().execute(async (tx) => {
		await tx
			.insertInto('proposals')
			.values({ id, case_id: p.caseId, title: p.title, owner_id: p.ownerId, created_at: at })
			.execute();
		await tx
			.insertInto('proposal_members')
			.values({ proposal_id: id, user_id: p.ownerId, added_by: p.ownerId, added_at: at })
			.execute();
	});
	return { id, caseId: p.caseId, title: p.title, ownerId: p.ownerId, createdAt: at };
}

export async function getProposal(db: Kysely<SqlSchema>, id: string): Promise<Proposal | null> {
	const r = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
	return r ? toProposal(r) : null;
}

/** Is this account one of the proposal's members (its owner included)? */
export async function isProposalMember(
	db: Kysely<SqlSchema>,
	proposalId: string,
	userId: string | null | undefined
): Promise<boolean> {
	if (!userId) return false;
	const r = await db
		.selectFrom('proposal_members')
		.select('user_id')
		.where('proposal_id', '=', proposalId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return !!r;
}

/** The workspaces an account belongs to, newest first. */
export async function proposalsOf(db: Kysely<SqlSchema>, userId: string): Promise<Proposal[]> {
	const rows = await db
		.selectFrom('proposals')
		.innerJoin('proposal_members', 'proposal_members.proposal_id', 'proposals.id')
		.selectAll('proposals')
		.where('proposal_members.user_id', '=', userId)
		.orderBy('proposals.created_at', 'desc')
		.orderBy('proposals.id')
		.execute();
	return rows.map(toProposal);
}

export async function membersOf(
	db: Kysely<SqlSchema>,
	proposal: Proposal
): Promise<ProposalMember[]> {
	const rows = await withUsers(db)
		.selectFrom('proposal_members')
		.innerJoin('users', 'users.id', 'proposal_members.user_id')
		.select(['users.id as userId', 'users.login as login', 'users.display_name as displayName'])
		.where('proposal_members.proposal_id', '=', proposal.id)
		.orderBy('proposal_members.added_at')
		.orderBy('users.login')
		.execute();
	return rows.map((r) => ({ ...r, isOwner: r.userId === proposal.ownerId }));
}

export type ShareResult =
	{ ok: true; member: ProposalMember } | { ok: false; reason: 'unknown-login' | 'already-member' };

/** Shares a workspace with another organizer account, named by its login. */
export async function shareWithLogin(
	db: Kysely<SqlSchema>,
	proposal: Proposal,
	login: string,
	addedBy: string,
	at = Date.now()
): Promise<ShareResult> {
	const user = await withUsers(db)
		.selectFrom('users')
		.select(['id', 'login', 'display_name'])
		.where('login', '=', login.trim())
		.executeTakeFirst();
	if (!user) return { ok: false, reason: 'unknown-login' };
	if (await isProposalMember(db, proposal.id, user.id))
		return { ok: false, reason: 'already-member' };
	// Two colleagues sharing with the same person at once: the second insert changes nothing.
	await db
		.insertInto('proposal_members')
		.values({ proposal_id: proposal.id, user_id: user.id, added_by: addedBy, added_at: at })
		.onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
		.execute();
	return {
		ok: true,
		member: {
			userId: user.id,
			login: user.login,
			displayName: user.display_name,
			isOwner: false
		}
	};
}
