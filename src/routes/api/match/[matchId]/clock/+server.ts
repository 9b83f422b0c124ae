import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { clockAct, clockOf } from '$lib/server/negotiation/negotiation.ts';
import { act, body } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

const ActionSchema = z.discriminatedUnion('type', [
	z.object({ type: z.enum(['start', 'pause', 'next', 'end', 'resume', 'reopen']) }),
	z.object({ type: z.literal('extend'), seconds: z.number().int().min(1).max(3600) }),
	z.object({ type: z.literal('caucus'), side: z.enum(['labour', 'management']) })
]);

/** The clock with the server's time, so every screen counts down from the same instant. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	return json({ clock: await clockOf(locals.services.sql.db, ctx.match), serverNow: Date.now() });
};

export const POST: RequestHandler = async ({ params, locals, request }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	const action = await body(request, ActionSchema);
	return act(async () => ({
		clock: await clockAct(locals.services.sql.db, ctx.match, locals.principal, action),
		serverNow: Date.now()
	}));
};
