import { error } from '@sveltejs/kit';
import { seatView, viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { ensureCaucusCopy } from '$lib/server/negotiation/caucus-push.ts';
import { toPublic } from '$lib/scenario-public.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	const me = await seatView(ctx, locals.principal);
	const caucus = me.caucus.find((c) => c.side === params.side);
	// The other side's caucus does not exist as far as this caller can tell.
	if (!caucus) error(404, '没有这个内部磋商空间，或您无权查看');
	// The working copy starts from the table as it is, not from the case's current values.
	if (caucus.access === 'write' && ctx.match.status !== 'signed' && ctx.match.status !== 'ended')
		await ensureCaucusCopy(ctx.match.id, caucus.side, me.name);
	return {
		match: { id: ctx.match.id },
		caucus,
		name: me.name,
		canPush: me.isChief && me.side === caucus.side,
		scenario: toPublic(ctx.scenario)
	};
};
