import { demoSeats } from '$lib/server/events/demo.ts';
import type { PageServerLoad } from './$types';

/** The demo event's seats (one link per role), so a visitor can try a real table at once. */
export const load: PageServerLoad = async ({ locals }) => {
	const demoTable = locals.services.demoTable;
	const demo = await demoSeats(locals.services.sql.db);
	if (!demo) return { demo: null, demoTable };
	const seen = new Set<string>();
	const seats = demo.seats
		.filter((s) => !seen.has(s.role) && seen.add(s.role))
		.map((s) => ({ role: s.role, joinPath: `/join/${s.code}` }));
	return { demo: { matchId: demo.matchId, seats }, demoTable };
};
