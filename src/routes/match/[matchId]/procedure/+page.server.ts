import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { audit } from '$lib/server/audit.ts';
import {
	actorFor,
	addMinute,
	DatesSchema,
	MinuteSchema,
	RatificationFormSchema,
	recordRatification,
	saveDates,
	trackerContext,
	trackerView
} from '$lib/server/voice/procedure-tracker.ts';
import { VOTE_RULES } from '$lib/domain/procedure/ratification.ts';
import { reopenAfterRatification } from '$lib/server/negotiation/negotiation.ts';
import { lastRatificationId } from '$lib/server/voice/rep-votes.ts';
import { chinaToday } from '$lib/domain/procedure/tracker.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(e: { locals: App.Locals; params: { matchId: string } }) {
	const c = await trackerContext(e.locals.services.sql.db, e.locals.principal, e.params.matchId);
	if (!c) error(404, '没有这场协商，或您不是它的组织者或首席代表');
	return c;
}

export const load: PageServerLoad = async (e) => {
	const { match, event } = await context(e);
	return {
		match: { id: match.id, round: match.roundNumber, table: match.tableNo, status: match.status },
		event: { id: event.id, name: event.name },
		me: actorFor(e.locals.principal).name,
		rules: Object.values(VOTE_RULES).map((r) => ({ id: r.id, name: r.name })),
		view: await trackerView(e.locals.services.sql.db, match, event, chinaToday(Date.now()))
	};
};

const fields = async (e: RequestEvent) =>
	Object.fromEntries([...(await e.request.formData()).entries()].map(([k, v]) => [k, String(v)]));

export const actions: Actions = {
	dates: async (e) => {
		const { match, event } = await context(e);
		const parsed = DatesSchema.safeParse(await fields(e));
		if (!parsed.success)
			return fail(400, {
				datesErrors: z.flattenError(parsed.error).fieldErrors as Record<
					string,
					string[] | undefined
				>
			});
		const { db } = e.locals.services.sql;
		await saveDates(db, match.id, parsed.data);
		await audit(db, event.id, actorFor(e.locals.principal).actor, 'procedure.dates', {
			match: match.id,
			...parsed.data
		});
		return { saved: 'dates' as const };
	},
	minute: async (e) => {
		const { match, event } = await context(e);
		const parsed = MinuteSchema.safeParse(await fields(e));
		if (!parsed.success)
			return fail(400, { minuteErrors: parsed.error.issues.map((i) => i.message) });
		const { db } = e.locals.services.sql;
		const who = actorFor(e.locals.principal);
		await addMinute(db, match.id, parsed.data, who.actor);
		await audit(db, event.id, who.actor, 'procedure.minute', {
			match: match.id,
			meetingDate: parsed.data.meetingDate,
			recorder: parsed.data.recorder
		});
		return { saved: 'minute' as const };
	},
	ratify: async (e) => {
		const { match, event } = await context(e);
		const parsed = RatificationFormSchema.safeParse(await fields(e));
		if (!parsed.success)
			return fail(400, { voteErrors: parsed.error.issues.map((i) => i.message) });
		const { db } = e.locals.services.sql;
		const who = actorFor(e.locals.principal);
		const r = await recordRatification(db, match.id, parsed.data, who.actor);
		if (!r.ok) return fail(400, { voteErrors: r.errors });
		await audit(db, event.id, who.actor, 'procedure.ratification', {
			match: match.id,
			...parsed.data,
			passed: r.outcome.passed,
			reason: r.outcome.reason
		});
		// A failed vote sends a signed agreement back to the table with its reason (E46).
		const reopened =
			!r.outcome.passed &&
			(await reopenAfterRatification(
				db,
				match,
				await lastRatificationId(e.locals.services.sql.db, match.id),
				`职代会审议未通过：${r.outcome.reason}`,
				who.actor
			));
		return { saved: 'vote' as const, outcome: r.outcome, reopened };
	}
};
