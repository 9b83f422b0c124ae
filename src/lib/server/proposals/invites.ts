/**
 * Invite links to a proposal workspace (server/SPEC.md WS33), as seats' join links work: a link
 * carries a 160-bit code; its owner makes it with an expiry and may revoke it; a logged-in
 * account that opens it and accepts becomes a member. Only the code's sha256 is stored, so the
 * link is shown once, when it is made. Lookups are rate-limited per address and per code with
 * the join-code limiters (W6), and every act is audited (Y13).
 */
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { SqlSchema } from '../sql/schema.ts';
import { appendAudit } from '../sql/audit.ts';
import type { Services } from '../services.ts';
import { newId, newSecret, sha256 } from '../ids.ts';
import { getProposal, isProposalMember, type Proposal } from './store.ts';

const DAY = 24 * 60 * 60 * 1000;
/** The expiries an owner may pick, in days; a week unless chosen. */
export const INVITE_DAYS = [1, 7, 30] as const;
export const NewInviteSchema = z.object({
	days: z.coerce
		.number()
		.int()
		.refine((d) => (INVITE_DAYS as readonly number[]).includes(d), '请选择有效期')
		.default(7)
});

/** A link's code as made by `newSecret`: anything else is refused before the database is asked. */
const CODE = /^[a-z2-7]{32}$/;

export interface ProposalInvite {
	id: string;
	createdBy: string;
	createdAt: number;
	expiresAt: number;
	revokedAt: number | null;
	uses: number;
	/** Usable now: neither revoked nor expired. */
	isLive: boolean;
}

export async function createInvite(
	db: Kysely<SqlSchema>,
	proposalId: string,
	createdBy: string,
	days: number,
	now = Date.now()
): Promise<{ id: string; code: string; expiresAt: number }> {
	const id = newId();
	const code = newSecret();
	const expiresAt = now + days * DAY;
	await db
		.insertInto('proposal_invites')
		.values({
			id,
			proposal_id: proposalId,
			code_hash: sha256(code),
			created_by: createdBy,
			created_at: now,
			expires_at: expiresAt,
			revoked_at: null
		})
		.execute();
	return { id, code, expiresAt };
}

/** A workspace's links, newest first, for its owner's list. */
export async function invitesOf(
	db: Kysely<SqlSchema>,
	proposalId: string,
	now = Date.now()
): Promise<ProposalInvite[]> {
	const rows = await db
		.selectFrom('proposal_invites')
		.select(['id', 'created_by', 'created_at', 'expires_at', 'revoked_at', 'uses'])
		.where('proposal_id', '=', proposalId)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		createdBy: r.created_by,
		createdAt: Number(r.created_at),
		expiresAt: Number(r.expires_at),
		revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
		uses: Number(r.uses),
		isLive: r.revoked_at === null && Number(r.expires_at) > now
	}));
}

/** Revokes one of the workspace's links; false when it has no such live link. */
export async function revokeInvite(
	db: Kysely<SqlSchema>,
	proposalId: string,
	inviteId: string,
	now = Date.now()
): Promise<boolean> {
	const r = await db
		.updateTable('proposal_invites')
		.set({ revoked_at: now })
		.where('id', '=', inviteId)
		.where('proposal_id', '=', proposalId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

/**
 * The live link a code opens, counting the lookup per address and per code: 429 beyond the
 * limits, 404 (audited) for a code that is unknown, revoked or expired, one answer for all three.
 */
export async function inviteFromCode(
	services: Pick<Services, 'sql' | 'limits'>,
	code: string,
	ip: string,
	now = Date.now()
): Promise<{ inviteId: string; createdBy: string; proposal: Proposal }> {
	const { limits } = services;
	const { db } = services.sql;
	const key = code.trim().toLowerCase();
	if (!(await limits.joinPerIp.attempt(ip)) || !(await limits.joinPerCode.attempt(key))) {
		const wait = Math.max(
			await limits.joinPerIp.retryAfter(ip),
			await limits.joinPerCode.retryAfter(key)
		);
		error(429, `尝试次数过多，请 ${wait} 秒后再试`);
	}
	const row = CODE.test(key)
		? await db
				.selectFrom('proposal_invites')
				.select(['id', 'proposal_id', 'created_by', 'expires_at', 'revoked_at'])
				.where('code_hash', '=', sha256(key))
				.executeTakeFirst()
		: undefined;
	const proposal = row && (await getProposal(db, row.proposal_id));
	if (!row || !proposal || row.revoked_at !== null || Number(row.expires_at) <= now) {
		await appendAudit(db, null, `ip:${ip}`, 'proposal.invite-failed', {
			code: key.slice(0, 4) + '…',
			...(row ? { invite: row.id, why: row.revoked_at !== null ? 'revoked' : 'expired' } : {})
		});
		error(404, '邀请链接无效、已过期或已被撤销，请向方案负责人索取新的链接');
	}
	return { inviteId: row.id, createdBy: row.created_by, proposal };
}

/** Makes the account a member through the link (nothing changes for a member); audited. */
export async function acceptInvite(
	db: Kysely<SqlSchema>,
	invite: { inviteId: string; createdBy: string; proposal: Proposal },
	userId: string,
	ip: string,
	now = Date.now()
): Promise<'joined' | 'already-member'> {
	if (await isProposalMember(db, invite.proposal.id, userId)) return 'already-member';
	await db.transaction().execute(async (tx) => {
		// Opening the same link in two tabs at once: the second insert changes nothing.
		const r = await tx
			.insertInto('proposal_members')
			.values({
				proposal_id: invite.proposal.id,
				user_id: userId,
				added_by: invite.createdBy,
				added_at: now
			})
			.onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
			.executeTakeFirst();
		if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0)
			await tx
				.updateTable('proposal_invites')
				.set((eb) => ({ uses: eb('uses', '+', 1) }))
				.where('id', '=', invite.inviteId)
				.execute();
	});
	await appendAudit(db, null, `user:${userId}`, 'proposal.invite-join', {
		proposal: invite.proposal.id,
		invite: invite.inviteId,
		ip
	});
	return 'joined';
}
