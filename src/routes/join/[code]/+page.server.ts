import { fail } from '@sveltejs/kit';
import { getEvent, getMatch, teamsOf } from '$lib/server/events/events.ts';
import { bindSeat, PersonNameSchema, seatFromCode } from '$lib/server/events/join.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, getClientAddress, locals, cookies }) => {
	const seat = await seatFromCode(params.code, getClientAddress());
	// `?name=` lets scripts and kiosks join in one request, but never moves a browser that already
	// holds another seat: a link from elsewhere must not knock a chief off their seat (the form,
	// a same-origin POST, still can).
	const name = PersonNameSchema.safeParse(url.searchParams.get('name'));
	const holdsOther = !!locals.principal.seat && locals.principal.seat.id !== seat.id;
	if (name.success && !holdsOther)
		bindSeat(
			seat,
			name.data,
			locals.principal,
			cookies,
			url.protocol === 'https:',
			getClientAddress()
		);
	const { db } = locals.services;
	const match = seat.matchId ? getMatch(db, seat.matchId) : null;
	// The team this seat plays for, so the person checks they hold their own team's code.
	const teamId = match
		? seat.role.startsWith('labour')
			? match.labourTeamId
			: seat.role.startsWith('management')
				? match.managementTeamId
				: null
		: null;
	return {
		teamName: teamId
			? (teamsOf(db, seat.eventId).find((t) => t.id === teamId)?.name ?? null)
			: null,
		role: seat.role,
		label: seat.label,
		eventName: getEvent(db, seat.eventId)?.name ?? '',
		round: match?.roundNumber ?? null,
		table: match?.tableNo ?? null,
		personName: seat.personName ?? locals.principal.session?.displayName ?? ''
	};
};

export const actions: Actions = {
	default: async ({ params, request, getClientAddress, locals, cookies, url }) => {
		const seat = await seatFromCode(params.code, getClientAddress());
		const name = PersonNameSchema.safeParse((await request.formData()).get('name'));
		if (!name.success) return fail(400, { error: name.error.issues[0]?.message ?? '请填写姓名' });
		bindSeat(
			seat,
			name.data,
			locals.principal,
			cookies,
			url.protocol === 'https:',
			getClientAddress()
		);
	}
};
