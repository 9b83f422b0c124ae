import { z } from 'zod';
import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { ActRefused } from '$lib/server/negotiation/negotiation.ts';
import {
	caucusPushPreview,
	pushCaucus,
	recopyCaucus
} from '$lib/server/negotiation/caucus-push.ts';
import { caucusDocName, docAccess } from '$lib/server/access.ts';
import { sideOf } from '$lib/server/events/events.ts';
import { act, body } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

/** The preview of 推送到协议草案: the terms the caucus changed since its copy, conflicts marked. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	return act(() => caucusPushPreview(ctx.scenario, ctx.match, locals.principal.seat));
};

const PushBody = z.discriminatedUnion('action', [
	/** The chief confirms the previewed terms; conflicts only where ticked in `overwrite`. */
	z.object({
		action: z.literal('push'),
		terms: z.array(z.string()).max(200),
		overwrite: z.array(z.string()).max(200).default([])
	}),
	/** Any member of the side takes a fresh working copy of the table. */
	z.object({ action: z.literal('copy') })
]);

export const POST: RequestHandler = async ({ params, locals, request }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	const b = await body(request, PushBody);
	const p = locals.principal;
	if (b.action === 'push')
		return act(() => pushCaucus(locals.services.sql.db, ctx.scenario, ctx.match, p.seat, b));
	return act(async () => {
		const side = p.seat && p.seat.matchId === ctx.match.id ? sideOf(p.seat.role) : null;
		if (
			!side ||
			(await docAccess(locals.services.sql.db, p, caucusDocName(ctx.match.id, side))) !== 'write'
		)
			throw new ActRefused(403, '只有本方成员可以重新复制协议草案');
		await recopyCaucus(ctx.match, side, p.seat?.personName ?? '');
		return { copied: true };
	});
};
