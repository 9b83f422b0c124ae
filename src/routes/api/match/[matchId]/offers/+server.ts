import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { offersOf, tableOffer } from '$lib/server/negotiation/negotiation.ts';
import { act, body } from '$lib/server/api.ts';
import { concessionSeries, diffOffers } from '$lib/domain/negotiation/index.ts';
import type { RequestHandler } from './$types';

/** The offer log with each offer's differences from the one before, and the concession series. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	const offers = await offersOf(locals.services.sql.db, ctx.match.id);
	return json({
		offers: offers.map((o, i) => ({
			...o,
			diff: diffOffers(ctx.scenario, i > 0 ? offers[i - 1]! : null, o)
		})),
		concessions: concessionSeries(ctx.scenario, offers)
	});
};

/** 提出方案: the chief tables the current shared draft. */
export const POST: RequestHandler = async ({ params, locals, request }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	const { message } = await body(request, z.object({ message: z.string().max(2000).default('') }));
	return act(
		() =>
			tableOffer(locals.services.sql.db, ctx.scenario, ctx.match, locals.principal.seat, message),
		201
	);
};
