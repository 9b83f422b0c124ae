import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { membersOf, shareWithLogin } from '$lib/server/proposals/store.ts';
import { memberProposal } from '$lib/server/proposals/workspace.ts';
import {
	createInvite,
	invitesOf,
	NewInviteSchema,
	revokeInvite
} from '$lib/server/proposals/invites.ts';
import { appendAudit } from '$lib/server/sql/audit.ts';
import { proposalDocName } from '$lib/collab/protocol.ts';
import { chinaToday } from '$lib/domain/procedure/tracker.ts';
import { toPublic } from '$lib/scenario-public.ts';
import type { Actions, PageServerLoad } from './$types';

/** The workspace, for its members only (WS4); the versions come over the WebSocket. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { proposal, scenario } = await memberProposal(
		locals.services,
		locals.principal,
		params.id,
		url.pathname
	);
	return {
		proposal: { id: proposal.id, title: proposal.title, caseId: proposal.caseId },
		docName: proposalDocName(proposal.id),
		scenario: toPublic(scenario),
		members: await membersOf(locals.services.sql.db, proposal),
		me: locals.principal.user!.displayName,
		today: chinaToday(Date.now()),
		// Invite links are the owner's to make and revoke (WS33); colleagues do not see them.
		isOwner: proposal.ownerId === locals.principal.user!.id,
		invites:
			proposal.ownerId === locals.principal.user!.id
				? await invitesOf(locals.services.sql.db, proposal.id)
				: []
	};
};

/** The workspace for its owner only: a colleague may share by login but not hand out links. */
async function ownerProposal(
	locals: App.Locals,
	id: string,
	path: string
): Promise<{ id: string } | null> {
	const { proposal } = await memberProposal(locals.services, locals.principal, id, path);
	return proposal.ownerId === locals.principal.user!.id ? proposal : null;
}

const RevokeSchema = z.object({ invite: z.string().min(1).max(64) });

const ShareSchema = z.object({ login: z.string().trim().min(1, '请填写同事的登录名').max(64) });

export const actions: Actions = {
	invite: async ({ params, locals, request, url }) => {
		const proposal = await ownerProposal(locals, params.id, url.pathname);
		if (!proposal)
			return fail(403, { invite: { error: '只有方案负责人可以生成邀请链接', link: '' } });
		const parsed = NewInviteSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success)
			return fail(400, { invite: { error: parsed.error.issues[0]!.message, link: '' } });
		const user = locals.principal.user!;
		const made = await createInvite(locals.services.sql.db, proposal.id, user.id, parsed.data.days);
		await appendAudit(locals.services.sql.db, null, `user:${user.id}`, 'proposal.invite', {
			proposal: proposal.id,
			invite: made.id,
			expiresAt: made.expiresAt
		});
		// The link is shown this once: only its hash is stored.
		return { invite: { error: '', link: `${url.origin}/proposals/invite/${made.code}` } };
	},
	revokeInvite: async ({ params, locals, request, url }) => {
		const proposal = await ownerProposal(locals, params.id, url.pathname);
		if (!proposal) return fail(403, { revoke: { error: '只有方案负责人可以撤销邀请链接' } });
		const parsed = RevokeSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { revoke: { error: '请选择要撤销的链接' } });
		const user = locals.principal.user!;
		if (!(await revokeInvite(locals.services.sql.db, proposal.id, parsed.data.invite)))
			return fail(400, { revoke: { error: '该链接已撤销或不存在' } });
		await appendAudit(locals.services.sql.db, null, `user:${user.id}`, 'proposal.invite-revoke', {
			proposal: proposal.id,
			invite: parsed.data.invite
		});
		return { revoke: { error: '' } };
	},
	share: async ({ params, locals, request, url }) => {
		const { proposal } = await memberProposal(
			locals.services,
			locals.principal,
			params.id,
			url.pathname
		);
		const parsed = ShareSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success)
			return fail(400, { share: { error: parsed.error.issues[0]!.message, login: '', added: '' } });
		const user = locals.principal.user!;
		const r = await shareWithLogin(locals.services.sql.db, proposal, parsed.data.login, user.id);
		if (!r.ok)
			return fail(400, {
				share: {
					login: parsed.data.login,
					added: '',
					error:
						r.reason === 'unknown-login'
							? `没有登录名为“${parsed.data.login}”的账号`
							: `${parsed.data.login} 已经是本方案的成员`
				}
			});
		await appendAudit(locals.services.sql.db, null, `user:${user.id}`, 'proposal.share', {
			proposal: proposal.id,
			user: r.member.userId
		});
		return { share: { added: r.member.displayName, login: '', error: '' } };
	}
};
