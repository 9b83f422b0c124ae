import { viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { offersOf } from '$lib/server/negotiation/negotiation.ts';
import { CSV_MIME, offersToCsv } from '$lib/server/export/offers-csv.ts';
import { attachment, matchNamePart } from '$lib/server/export/download-name.ts';
import type { RequestHandler } from './$types';

/** The offer history as CSV (UTF-8 with BOM, for Excel). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const ctx = await viewableMatch(params.matchId, locals.principal);
	const csv = offersToCsv(ctx.scenario, await offersOf(locals.services.sql.db, ctx.match.id));
	return new Response(csv, {
		headers: {
			'content-type': CSV_MIME,
			'content-disposition': attachment(
				[ctx.eventName, matchNamePart(ctx.match), '方案记录'],
				'csv',
				'offers'
			)
		}
	});
};
