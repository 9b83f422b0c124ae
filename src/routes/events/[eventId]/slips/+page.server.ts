import QRCode from 'qrcode';
import { organizedEvent } from '$lib/server/events/organizer.ts';
import { matchesOf, seatsOfEvent, teamsOf } from '$lib/server/events/events.ts';
import type { PageServerLoad } from './$types';

/** One printable slip per seat: role, table, the join link as a QR code and the short code. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { db } = locals.services.sql;
	const event = await organizedEvent({ locals, params });
	const teams = new Map((await teamsOf(db, event.id)).map((t) => [t.id, t.name]));
	const matches = new Map((await matchesOf(db, event.id)).map((m) => [m.id, m]));
	const teamOf = (s: { matchId: string | null; role: string }) => {
		const match = s.matchId ? matches.get(s.matchId) : undefined;
		return (
			match &&
			(s.role.startsWith('labour')
				? match.labourTeamId
				: s.role.startsWith('management')
					? match.managementTeamId
					: null)
		);
	};
	// ?team=<id>: only that team's slips, to hand its leader in one go.
	const onlyTeam = url.searchParams.get('team');
	const slips = await Promise.all(
		(await seatsOfEvent(db, event.id))
			.filter((s) => s.revokedAt === null && (!onlyTeam || teamOf(s) === onlyTeam))
			.map(async (s) => {
				const joinUrl = `${url.origin}/join/${s.code}`;
				const match = s.matchId ? matches.get(s.matchId) : undefined;
				const team = teamOf(s);
				return {
					id: s.id,
					role: s.role,
					label: s.label,
					round: match?.roundNumber ?? null,
					table: match?.tableNo ?? null,
					team: team ? (teams.get(team) ?? '') : '',
					shortCode: s.shortCode,
					joinUrl,
					qr: await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
				};
			})
	);
	return {
		event: { id: event.id, name: event.name },
		slips,
		joinPage: `${url.origin}/join`,
		teamName: onlyTeam ? (teams.get(onlyTeam) ?? null) : null
	};
};
