import { error } from '@sveltejs/kit';
import type { Principal } from '../access.ts';
import {
	canReadBrief,
	canViewMatch,
	caucusDocName,
	docAccess,
	formalDocName,
	tableDocName
} from '../access.ts';
import {
	getEvent,
	getMatch,
	isChief,
	sideOf,
	teamsOf,
	type Match,
	type Side
} from '../events/events.ts';
import { getScenario } from '../scenarios.ts';
import { services } from '../services.ts';
import type { ResolvedScenario } from '../../domain/index.ts';

export interface MatchContext {
	match: Match;
	scenario: ResolvedScenario;
	eventName: string;
	labourTeam: string;
	managementTeam: string;
}

/** The match, when the caller may see it; 404 for everyone else (do not confirm it exists). */
export async function viewableMatch(matchId: string, p: Principal): Promise<MatchContext> {
	const { db } = services().sql;
	const match = await getMatch(db, matchId);
	if (!match || !(await canViewMatch(db, p, match))) error(404, '没有这场协商，或您没有入座');
	const event = (await getEvent(db, match.eventId))!;
	const scenario = getScenario(event.scenarioId);
	if (!scenario) error(500, `案例 ${event.scenarioId} 无法载入`);
	const teams = new Map((await teamsOf(db, event.id)).map((t) => [t.id, t.name]));
	return {
		match,
		scenario,
		eventName: event.name,
		labourTeam: match.labourTeamId ? (teams.get(match.labourTeamId) ?? '') : '',
		managementTeam: match.managementTeamId ? (teams.get(match.managementTeamId) ?? '') : ''
	};
}

/** A side's confidential brief (保密信息), or null when the caller may not read it. */
export async function briefFor(ctx: MatchContext, p: Principal, side: Side) {
	if (!(await canReadBrief(services().sql.db, p, ctx.match.id, side))) return null;
	const c = ctx.scenario.confidential[side];
	return { side, brief: c.brief, positions: c.positions };
}

/** What the match page needs to know about the caller. */
export async function seatView(ctx: MatchContext, p: Principal) {
	const { db } = services().sql;
	const access = {
		table: await docAccess(db, p, tableDocName(ctx.match.id)),
		labour: await docAccess(db, p, caucusDocName(ctx.match.id, 'labour')),
		management: await docAccess(db, p, caucusDocName(ctx.match.id, 'management'))
	};
	const role =
		p.seat && (p.seat.matchId === ctx.match.id || p.seat.matchId === null) ? p.seat.role : null;
	const side = role ? sideOf(role) : null;
	return {
		role,
		side,
		isChief: role ? isChief(role) : false,
		name: p.seat?.personName ?? p.session?.displayName ?? p.user?.displayName ?? '',
		table: {
			docName: tableDocName(ctx.match.id),
			access: access.table
		},
		formalDocName: formalDocName(ctx.match.id),
		caucus: (['labour', 'management'] as const)
			.map((s) => ({
				side: s,
				docName: caucusDocName(ctx.match.id, s),
				access: access[s]
			}))
			.filter((c) => c.access !== 'none')
	};
}
