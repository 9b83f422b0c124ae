import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { DOCX_MIME } from '$lib/server/export/agreement-docx.ts';
import { buildOfferDocx } from '$lib/server/export/proposal-docx.ts';
import { attachment } from '$lib/server/export/download-name.ts';
import { memberProposal, readVersion, replyDeadline } from '$lib/server/proposals/workspace.ts';
import { versionValues } from '$lib/collab/proposal-doc.ts';
import { offerLetterText } from '$lib/domain/proposal-offer.ts';
import { resolveOfferClauses, resolveOfferTerms } from '$lib/domain/negotiation/index.ts';
import { chinaToday } from '$lib/domain/procedure/tracker.ts';
import type { RequestHandler } from './$types';

const QuerySchema = z.object({
	version: z.string().min(1).max(64),
	date: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/)
		.optional(),
	meeting: z.string().max(60).default(''),
	place: z.string().max(60).default('')
});

/** A version's 要约书 (WS8), for the workspace's members only. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { proposal, scenario } = await memberProposal(
		locals.services,
		locals.principal,
		params.id,
		url.pathname
	);
	const q = QuerySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!q.success) error(400, '要约书的参数有误');
	const { version } = await readVersion(locals.services, proposal.id, q.data.version);
	const offerDate = q.data.date ?? chinaToday(Date.now());
	// Values as an offer takes them (N2): one a term cannot take stands at its current value.
	const values = {
		...resolveOfferTerms(scenario, versionValues(version)),
		...resolveOfferClauses(scenario, version.clauses)
	};
	const letter = offerLetterText(
		scenario,
		{ versionName: version.name, values, rationale: version.rationale },
		{ offerDate, meeting: q.data.meeting, place: q.data.place },
		replyDeadline(scenario, offerDate)
	);
	const buf = await buildOfferDocx(letter, scenario.parties.labour.name);
	return new Response(new Uint8Array(buf), {
		headers: {
			'content-type': DOCX_MIME,
			'content-disposition': attachment([proposal.title, version.name, '要约书'], 'docx', 'offer')
		}
	});
};
