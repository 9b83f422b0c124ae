import type { LayoutServerLoad } from './$types';

/** Just enough about the caller for the navigation bar; pages load the rest themselves. */
export const load: LayoutServerLoad = ({ locals }) => {
	const { user, seat, session } = locals.principal;
	return {
		user: user ? { displayName: user.displayName } : null,
		seat: seat
			? {
					role: seat.role,
					matchId: seat.matchId,
					eventId: seat.eventId,
					personName: seat.personName
				}
			: null,
		hasSession: session !== null
	};
};
