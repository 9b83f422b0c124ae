import { briefFor, seatView, viewableMatch } from '$lib/server/negotiation/match-view.ts';
import { toPublic } from '$lib/scenario-public.ts';
import { canOrganize } from '$lib/server/access.ts';
import { agreementRow, lastReopening } from '$lib/server/negotiation/negotiation.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const p = locals.principal;
	const ctx = await viewableMatch(params.matchId, p);
	const me = await seatView(ctx, p);
	const signed = await agreementRow(locals.services.sql.db, ctx.match.id);
	return {
		match: {
			id: ctx.match.id,
			round: ctx.match.roundNumber,
			table: ctx.match.tableNo,
			status: ctx.match.status
		},
		eventName: ctx.eventName,
		labourTeam: ctx.labourTeam,
		managementTeam: ctx.managementTeam,
		// The public part only: confidential briefs travel separately, to whoever may read them.
		scenario: toPublic(ctx.scenario),
		me,
		isOrganizer: await canOrganize(locals.services.sql.db, p, ctx.match.eventId),
		// The clock counts down from server time: the page measures its offset from this.
		serverNow: Date.now(),
		// The signed agreement, for the print view (the same row the Word export reads); null before.
		agreement: signed
			? {
					terms: signed.agreement.terms,
					clauses: signed.agreement.clauses,
					signers: signed.agreement.signers,
					hash: signed.hash
				}
			: null,
		// A failed ratification sent the signed agreement back to the table: why (E46).
		reopened: signed ? null : await lastReopening(locals.services.sql.db, ctx.match.id),
		briefs: (
			await Promise.all((['labour', 'management'] as const).map((s) => briefFor(ctx, p, s)))
		).filter((b) => b !== null)
	};
};
