import { error, fail, redirect } from '@sveltejs/kit';
import { actorFor } from '$lib/server/voice/procedure-tracker.ts';
import {
	managedSide,
	OpenVoteFormSchema,
	openRepVote,
	repVotesOf,
	representativesOf
} from '$lib/server/voice/rep-votes.ts';
import { REP_VOTE_RULES } from '$lib/domain/procedure/representative-vote.ts';
import { visibleSides } from '$lib/server/voice/rep-vote-access.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (e) => {
	const { ctx, sides } = await visibleSides(e);
	if (sides.length === 0) error(404, '只有本场双方的代表和组织者可以查看表决');
	const { sql } = e.locals.services;
	const db = sql.db;
	const p = e.locals.principal;
	const side = await managedSide(db, p, ctx.match);
	const votes = await repVotesOf(sql.db, ctx.match.id, sides);
	return {
		match: { id: ctx.match.id, round: ctx.match.roundNumber, table: ctx.match.tableNo },
		eventName: ctx.eventName,
		isOrganizer: side !== null && !p.seat,
		manageSide: side,
		representatives: side ? (await representativesOf(db, ctx.match.id, side)).length : 0,
		agenda: ctx.scenario.terms.map((t) => t.title),
		rules: Object.values(REP_VOTE_RULES).map((r) => ({ id: r.id, name: r.name })),
		votes: votes.map((v) => ({
			id: v.id,
			side: v.side,
			title: v.title,
			items: v.items.length,
			voters: v.voters.length,
			ruleName: v.ruleName,
			openedAt: v.openedAt,
			closedAt: v.closedAt,
			adopted: v.outcome?.filter((o) => o.adopted !== null).length ?? null
		}))
	};
};

export const actions: Actions = {
	open: async (e) => {
		const ctx = (await visibleSides(e)).ctx;
		const db = e.locals.services.sql.db;
		const p = e.locals.principal;
		const raw = Object.fromEntries(
			[...(await e.request.formData()).entries()].map(([k, v]) => [k, String(v)])
		);
		const form = OpenVoteFormSchema.safeParse(raw);
		const values = { title: raw.title ?? '', items: raw.items ?? '', options: raw.options ?? '' };
		if (!form.success)
			return fail(400, { errors: form.error.issues.map((i) => i.message), values });
		const side = await managedSide(db, p, ctx.match, form.data.side);
		if (!side) return fail(403, { errors: ['只有本方首席代表或组织者可以发起表决'], values });
		const r = await openRepVote(db, ctx.match, side, form.data, actorFor(p).actor);
		if (!r.ok) return fail(400, { errors: r.errors, values });
		redirect(303, `/match/${ctx.match.id}/votes/${r.vote.id}`);
	}
};
