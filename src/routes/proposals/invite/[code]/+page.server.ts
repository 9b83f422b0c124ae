import { redirect } from '@sveltejs/kit';
import { acceptInvite, inviteFromCode } from '$lib/server/proposals/invites.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * An invite link (WS33): a visitor, or a seat without an account, logs in first and comes back;
 * an account sees which workspace it is invited to and accepts with a button (a GET never makes
 * anyone a member, so a link preview or prefetch cannot). A member goes straight in.
 */
export const load: PageServerLoad = async ({ params, locals, url, getClientAddress }) => {
	const user = locals.principal.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const invite = await inviteFromCode(locals.services, params.code, getClientAddress());
	return { title: invite.proposal.title, caseId: invite.proposal.caseId };
};

export const actions: Actions = {
	default: async ({ params, locals, url, getClientAddress }) => {
		const user = locals.principal.user;
		if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
		const ip = getClientAddress();
		const invite = await inviteFromCode(locals.services, params.code, ip);
		await acceptInvite(locals.services.sql.db, invite, user.id, ip);
		redirect(303, `/proposals/${invite.proposal.id}`);
	}
};
