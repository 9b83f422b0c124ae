import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { membersOf, shareWithLogin } from '$lib/server/proposals/store.ts';
import { memberProposal } from '$lib/server/proposals/workspace.ts';
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
		today: chinaToday(Date.now())
	};
};

const ShareSchema = z.object({ login: z.string().trim().min(1, '请填写同事的登录名').max(64) });

export const actions: Actions = {
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
