import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { organizedEvent } from '$lib/server/events/organizer.ts';
import {
	addMatch,
	addTeam,
	createSeat,
	generatePairings,
	getSeat,
	matchesOf,
	reissueSeat,
	revokeSeat,
	seatsOfEvent,
	setReleased,
	setSeatAffiliation,
	AffiliationSchema,
	teamsOf
} from '$lib/server/events/events.ts';
import { getScenario } from '$lib/server/scenarios.ts';
import { actorNames, audit, auditFor } from '$lib/server/audit.ts';
import { conflictsOf, flagConflicts } from '$lib/server/judging/judging.ts';
import { eventCaseStatus, moveEventToVersion } from '$lib/server/cases/events.ts';
import { CaseRefused } from '$lib/server/cases/service.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (e) => {
	const event = organizedEvent(e);
	const { db } = e.locals.services;
	const log = auditFor(db, event.id, 50);
	const teams = teamsOf(db, event.id);
	const teamName = new Map(teams.map((t) => [t.id, t.name]));
	const conflicts = conflictsOf(db, event.id);
	const matchById = new Map(matchesOf(db, event.id).map((m) => [m.id, m]));
	const seats = seatsOfEvent(db, event.id).map((s) => ({
		id: s.id,
		matchId: s.matchId,
		role: s.role,
		label: s.label,
		affiliation: s.affiliation,
		joinUrl: `${e.url.origin}/join/${s.code}`,
		shortCode: s.shortCode,
		personName: s.personName,
		joinedAt: s.joinedAt,
		revoked: s.revokedAt !== null,
		// The team a side seat plays for, for the per-team view of codes.
		teamId: (() => {
			const match = s.matchId ? matchById.get(s.matchId) : undefined;
			if (!match) return null;
			return s.role.startsWith('labour')
				? match.labourTeamId
				: s.role.startsWith('management')
					? match.managementTeamId
					: null;
		})(),
		// 回避: shown beside the seat as soon as it arises; resolved on the judging page.
		conflicts: conflicts
			.filter((c) => c.judgeSeatId === s.id)
			.map((c) => ({
				matchId: c.matchId,
				teamName: c.teamName,
				affiliation: c.affiliation,
				isConfirmed: c.confirmedAt !== null
			}))
	}));
	return {
		event,
		scenarioTitle: getScenario(event.scenarioId)?.title ?? event.scenarioId,
		// The studio case version the event runs on, and whether it may still move (K10).
		caseVersion: await eventCaseStatus(
			e.locals.services.sql.db,
			e.locals.principal.user?.id ?? '',
			event,
			[...matchById.values()].map((x) => x.status)
		),
		teams,
		matches: matchesOf(db, event.id).map((m) => ({
			...m,
			labourTeam: m.labourTeamId ? (teamName.get(m.labourTeamId) ?? '') : '',
			managementTeam: m.managementTeamId ? (teamName.get(m.managementTeamId) ?? '') : ''
		})),
		seats,
		audit: log,
		auditActors: actorNames(
			db,
			log.map((a) => a.actor)
		)
	};
};

const actor = (e: RequestEvent) => `user:${e.locals.principal.user?.id ?? '?'}`;
const form = async (e: RequestEvent) => Object.fromEntries(await e.request.formData());

export const actions: Actions = {
	moveCase: async (e) => {
		const event = organizedEvent(e);
		const to = z.coerce
			.number()
			.int()
			.min(1)
			.safeParse((await e.request.formData()).get('version'));
		if (!to.success) return fail(400, { message: '请选择版本' });
		try {
			await moveEventToVersion(
				e.locals.services.sql.db,
				e.locals.principal.user!.id,
				event,
				to.data
			);
		} catch (err) {
			if (err instanceof CaseRefused) return fail(err.status, { message: err.message });
			throw err;
		}
		return { message: '' };
	},
	addTeam: async (e) => {
		const event = organizedEvent(e);
		const f = await form(e);
		try {
			const team = addTeam(e.locals.services.db, event.id, {
				name: String(f.name ?? ''),
				affiliation: String(f.affiliation ?? '')
			});
			audit(e.locals.services.db, event.id, actor(e), 'team.add', { team: team.name });
		} catch (err) {
			if (err instanceof z.ZodError)
				return fail(400, { action: 'addTeam', message: err.issues[0]?.message ?? '' });
			return fail(400, { action: 'addTeam', message: '队名已存在' });
		}
		return { action: 'addTeam', ok: true };
	},
	pair: async (e) => {
		const event = organizedEvent(e);
		const method = (await form(e)).method === 'round-robin' ? 'round-robin' : 'both-sides';
		try {
			const matches = generatePairings(e.locals.services.db, event, method);
			audit(e.locals.services.db, event.id, actor(e), 'pairings.generate', {
				method,
				matches: matches.length
			});
			const ids = new Set(matches.map((m) => m.id));
			flagConflicts(e.locals.services.db, event.id, actor(e), (c) => ids.has(c.matchId));
		} catch (err) {
			return fail(400, { action: 'pair', message: (err as Error).message });
		}
		return { action: 'pair', ok: true };
	},
	addMatch: async (e) => {
		const event = organizedEvent(e);
		const f = await form(e);
		const teams = new Set(teamsOf(e.locals.services.db, event.id).map((t) => t.id));
		const labour = String(f.labour ?? '');
		const management = String(f.management ?? '');
		const round = Number(f.round ?? 1);
		if (
			!teams.has(labour) ||
			!teams.has(management) ||
			labour === management ||
			!(round >= 1 && round <= 50)
		) {
			return fail(400, { action: 'addMatch', message: '请选择两支不同的队伍和轮次' });
		}
		const match = addMatch(e.locals.services.db, event, round, labour, management);
		audit(e.locals.services.db, event.id, actor(e), 'match.add', { match: match.id, round });
		flagConflicts(e.locals.services.db, event.id, actor(e), (c) => c.matchId === match.id);
		return { action: 'addMatch', ok: true };
	},
	addEventSeat: async (e) => {
		const event = organizedEvent(e);
		const f = await form(e);
		const role = f.role === 'observer' ? 'observer' : 'judge';
		const seat = createSeat(
			e.locals.services.db,
			event.id,
			null,
			role,
			String(f.label ?? '').slice(0, 60),
			String(f.affiliation ?? '').slice(0, 100)
		);
		audit(e.locals.services.db, event.id, actor(e), 'seat.add', { seat: seat.id, role });
		flagConflicts(e.locals.services.db, event.id, actor(e), (c) => c.judgeSeatId === seat.id);
		return { action: 'addEventSeat', ok: true };
	},
	/** One more judge at one table (a five-judge panel for S7, or a replacement). */
	addMatchJudge: async (e) => {
		const event = organizedEvent(e);
		const f = await form(e);
		const match = matchesOf(e.locals.services.db, event.id).find((m) => m.id === f.match);
		if (!match) return fail(404, { action: 'addMatchJudge', message: '没有这场对阵' });
		const affiliation = AffiliationSchema.safeParse(String(f.affiliation ?? ''));
		if (!affiliation.success)
			return fail(400, { action: 'addMatchJudge', message: '单位名称不超过 100 字' });
		const seat = createSeat(
			e.locals.services.db,
			event.id,
			match.id,
			'judge',
			String(f.label ?? '').slice(0, 60),
			affiliation.data
		);
		audit(e.locals.services.db, event.id, actor(e), 'seat.add', {
			seat: seat.id,
			role: 'judge',
			match: match.id,
			affiliation: affiliation.data
		});
		flagConflicts(e.locals.services.db, event.id, actor(e), (c) => c.judgeSeatId === seat.id);
		return { action: 'addMatchJudge', ok: true };
	},
	/** A judge's 单位, checked against both teams at once (回避). */
	setAffiliation: async (e) => {
		const event = organizedEvent(e);
		const f = await form(e);
		const seat = getSeat(e.locals.services.db, String(f.seat ?? ''));
		if (!seat || seat.eventId !== event.id || seat.role !== 'judge')
			return fail(404, { action: 'setAffiliation', message: '没有这个评委席位' });
		const affiliation = AffiliationSchema.safeParse(String(f.affiliation ?? ''));
		if (!affiliation.success)
			return fail(400, { action: 'setAffiliation', message: '单位名称不超过 100 字' });
		setSeatAffiliation(e.locals.services.db, seat.id, affiliation.data);
		audit(e.locals.services.db, event.id, actor(e), 'seat.affiliation', {
			seat: seat.id,
			from: seat.affiliation,
			to: affiliation.data
		});
		const flagged = flagConflicts(
			e.locals.services.db,
			event.id,
			actor(e),
			(c) => c.judgeSeatId === seat.id
		);
		return { action: 'setAffiliation', ok: true, seat: seat.id, conflicts: flagged.length };
	},
	revoke: async (e) => {
		const event = organizedEvent(e);
		const seat = getSeat(e.locals.services.db, String((await form(e)).seat ?? ''));
		if (!seat || seat.eventId !== event.id)
			return fail(404, { action: 'revoke', message: '没有这个席位' });
		revokeSeat(e.locals.services.db, seat.id);
		e.locals.services.disconnectSubject(`seat:${seat.id}`);
		audit(e.locals.services.db, event.id, actor(e), 'seat.revoke', {
			seat: seat.id,
			role: seat.role,
			person: seat.personName
		});
		return { action: 'revoke', ok: true };
	},
	reissue: async (e) => {
		const event = organizedEvent(e);
		const seat = getSeat(e.locals.services.db, String((await form(e)).seat ?? ''));
		if (!seat || seat.eventId !== event.id)
			return fail(404, { action: 'reissue', message: '没有这个席位' });
		reissueSeat(e.locals.services.db, seat.id);
		e.locals.services.disconnectSubject(`seat:${seat.id}`);
		audit(e.locals.services.db, event.id, actor(e), 'seat.reissue', {
			seat: seat.id,
			role: seat.role
		});
		return { action: 'reissue', ok: true };
	},
	release: async (e) => {
		const event = organizedEvent(e);
		const f = await form(e);
		const match = matchesOf(e.locals.services.db, event.id).find((m) => m.id === f.match);
		const side = f.side === 'management' ? 'management' : 'labour';
		if (!match) return fail(404, { action: 'release', message: '没有这场对阵' });
		const released = f.released === 'true';
		setReleased(e.locals.services.db, match.id, side, released);
		// Judges connected before a release was withdrawn must not keep reading.
		if (!released)
			for (const s of seatsOfEvent(e.locals.services.db, event.id))
				if (s.role === 'judge') e.locals.services.disconnectSubject(`seat:${s.id}`);
		audit(
			e.locals.services.db,
			event.id,
			actor(e),
			released ? 'release.grant' : 'release.withdraw',
			{ match: match.id, side }
		);
		return { action: 'release', ok: true };
	}
};
