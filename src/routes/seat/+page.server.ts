import { redirect } from '@sveltejs/kit';
import { getEvent, matchesOf, teamsOf } from '$lib/server/events/events.ts';
import type { PageServerLoad } from './$types';

/** A seat's landing page: for a match seat its table, for an event-wide judge every table. */
export const load: PageServerLoad = async ({ locals }) => {
	const seat = locals.principal.seat;
	if (!seat) redirect(303, '/join');
	if (seat.matchId) redirect(303, `/match/${seat.matchId}`);
	const { db } = locals.services.sql;
	const teams = new Map((await teamsOf(db, seat.eventId)).map((t) => [t.id, t.name]));
	return {
		role: seat.role,
		personName: seat.personName,
		eventName: (await getEvent(db, seat.eventId))?.name ?? '',
		matches: (await matchesOf(db, seat.eventId)).map((m) => ({
			id: m.id,
			round: m.roundNumber,
			table: m.tableNo,
			labour: m.labourTeamId ? (teams.get(m.labourTeamId) ?? '') : '',
			management: m.managementTeamId ? (teams.get(m.managementTeamId) ?? '') : ''
		}))
	};
};
