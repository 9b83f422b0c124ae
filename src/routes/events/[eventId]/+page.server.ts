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
	const event = await organizedEvent(e);
	const { db } = e.locals.services.sql;
	const log = await auditFor(db, event.id, 50);
	const teams = await teamsOf(db, event.id);
	const teamName = new Map(teams.map((t) => [t.id, t.name]));
	const conflicts = await conflictsOf(db, event.id);
	const matchById = new Map((await matchesOf(db, event.id)).map((m) => [m.id, m]));
	const seats = (await seatsOfEvent(db, event.id)).map((s) => ({
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
		matches: (await matchesOf(db, event.id)).map((m) => ({
			...m,
			labourTeam: m.labourTeamId ? (teamName.get(m.labourTeamId) ?? '') : '',
			managementTeam: m.managementTeamId ? (teamName.get(m.managementTeamId) ?? '') : ''
		})),
		seats,
		audit: log,
		auditActors: await actorNames(
			db,
			log.map((a) => a.actor)
		)
	};
};

const actor = (e: RequestEvent) => `user:${e.locals.principal.user?.id ?? '?'}`;
const form = async (e: RequestEvent) => Object.fromEntries(await e.request.formData());

export const actions: Actions = {
	moveCase: async (e) => {
		const event = await organizedEvent(e);
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
		const event = await organizedEvent(e);
		const f = await form(e);
		try {
			const team = await addTeam(e.locals.services.sql.db, event.id, {
				name: String(f.name ?? ''),
				affiliation: String(f.affiliation ?? '')
			});
			await audit(e.locals.services.sql.db, event.id, actor(e), 'team.add', { team: team.name });
		} catch (err) {
			if (err instanceof z.ZodError)
				return fail(400, { action: 'addTeam', message: err.issues[0]?.message ?? '' });
			return fail(400, { action: 'addTeam', message: '队名已存在' });
		}
		return { action: 'addTeam', ok: true };
	},
	pair: async (e) => {
		const event = await organizedEvent(e);
		const method = (await form(e)).method === 'round-robin' ? 'round-robin' : 'both-sides';
		try {
			const matches = await generatePairings(e.locals.services.sql.db, event, method);
			await audit(e.locals.services.sql.db, event.id, actor(e), 'pairings.generate', {
				method,
				matches: matches.length
			});
			const ids = new Set(matches.map((m) => m.id));
			await flagConflicts(e.locals.services.sql.db, event.id, actor(e), (c) => ids.has(c.matchId));
		} catch (err) {
			return fail(400, { action: 'pair', message: (err as Error).message });
		}
		return { action: 'pair', ok: true };
	},
	addMatch: async (e) => {
		const event = await organizedEvent(e);
		const f = await form(e);
		const teams = new Set((await teamsOf(e.locals.services.sql.db, event.id)).map((t) => t.id));
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
		const match = await addMatch(e.locals.services.sql.db, event, round, labour, management);
		await audit(e.locals.services.sql.db, event.id, actor(e), 'match.add', {
			match: match.id,
			round
		});
		await flagConflicts(
			e.locals.services.sql.db,
			event.id,
			actor(e),
			(c) => c.matchId === match.id
		);
		return { action: 'addMatch', ok: true };
	},
	addEventSeat: async (e) => {
		const event = await organizedEvent(e);
		const f = await form(e);
		const role = f.role === 'observer' ? 'observer' : 'judge';
		const seat = await createSeat(
			e.locals.services.sql.db,
			event.id,
			null,
			role,
			String(f.label ?? '').slice(0, 60),
			String(f.affiliation ?? '').slice(0, 100)
		);
		await audit(e.locals.services.sql.db, event.id, actor(e), 'seat.add', { seat: seat.id, role });
		await flagConflicts(
			e.locals.services.sql.db,
			event.id,
			actor(e),
			(c) => c.judgeSeatId === seat.id
		);
		return { action: 'addEventSeat', ok: true };
	},
	/** One more judge at one table (a five-judge panel for S7, or a replacement). */
	addMatchJudge: async (e) => {
		const event = await organizedEvent(e);
		const f = await form(e);
		const match = (await matchesOf(e.locals.services.sql.db, event.id)).find(
			(m) => m.id === f.match
		);
		if (!match) return fail(404, { action: 'addMatchJudge', message: '没有这场对阵' });
		const affiliation = AffiliationSchema.safeParse(String(f.affiliation ?? ''));
		if (!affiliation.success)
			return fail(400, { action: 'addMatchJudge', message: '单位名称不超过 100 字' });
		const seat = await createSeat(
			e.locals.services.sql.db,
			event.id,
			match.id,
			'judge',
			String(f.label ?? '').slice(0, 60),
			affiliation.data
		);
		await audit(e.locals.services.sql.db, event.id, actor(e), 'seat.add', {
			seat: seat.id,
			role: 'judge',
			match: match.id,
			affiliation: affiliation.data
		});
		await flagConflicts(
			e.locals.services.sql.db,
			event.id,
			actor(e),
			(c) => c.judgeSeatId === seat.id
		);
		return { action: 'addMatchJudge', ok: true };
	},
	/** A judge's 单位, checked against both teams at once (回避). */
	setAffiliation: async (e) => {
		const event = await organizedEvent(e);
		const f = await form(e);
		const seat = await getSeat(e.locals.services.sql.db, String(f.seat ?? ''));
		if (!seat || seat.eventId !== event.id || seat.role !== 'judge')
			return fail(404, { action: 'setAffiliation', message: '没有这个评委席位' });
		const affiliation = AffiliationSchema.safeParse(String(f.affiliation ?? ''));
		if (!affiliation.success)
			return fail(400, { action: 'setAffiliation', message: '单位名称不超过 100 字' });
		await setSeatAffiliation(e.locals.services.sql.db, seat.id, affiliation.data);
		await audit(e.locals.services.sql.db, event.id, actor(e), 'seat.affiliation', {
			seat: seat.id,
			from: seat.affiliation,
			to: affiliation.data
		});
		const flagged = await flagConflicts(
			e.locals.services.sql.db,
			event.id,
			actor(e),
			(c) => c.judgeSeatId === seat.id
		);
		return { action: 'setAffiliation', ok: true, seat: seat.id, conflicts: flagged.length };
	},
	revoke: async (e) => {
		const event = await organizedEvent(e);
		const seat = await getSeat(e.locals.services.sql.db, String((await form(e)).seat ?? ''));
		if (!seat || seat.eventId !== event.id)
			return fail(404, { action: 'revoke', message: '没有这个席位' });
		await revokeSeat(e.locals.services.sql.db, seat.id);
		e.locals.services.disconnectSubject(`seat:${seat.id}`);
		await audit(e.locals.services.sql.db, event.id, actor(e), 'seat.revoke', {
			seat: seat.id,
			role: seat.role,
			person: seat.personName
		});
		return { action: 'revoke', ok: true };
	},
	reissue: async (e) => {
		const event = await organizedEvent(e);
		const seat = await getSeat(e.locals.services.sql.db, String((await form(e)).seat ?? ''));
		if (!seat || seat.eventId !== event.id)
			return fail(404, { action: 'reissue', message: '没有这个席位' });
		await reissueSeat(e.locals.services.sql.db, seat.id);
		e.locals.services.disconnectSubject(`seat:${seat.id}`);
		await audit(e.locals.services.sql.db, event.id, actor(e), 'seat.reissue', {
			seat: seat.id,
			role: seat.role
		});
		return { action: 'reissue', ok: true };
	},
	release: async (e) => {
		const event = await organizedEvent(e);
		const f = await form(e);
		const match = (await matchesOf(e.locals.services.sql.db, event.id)).find(
			(m) => m.id === f.match
		);
		const side = f.side === 'management' ? 'management' : 'labour';
		if (!match) return fail(404, { action: 'release', message: '没有这场对阵' });
		const released = f.released === 'true';
		await setReleased(e.locals.services.sql.db, match.id, side, released);
		// Judges connected before a release was withdrawn must not keep reading.
		if (!released)
			for (const s of await seatsOfEvent(e.locals.services.sql.db, event.id))
				if (s.role === 'judge') e.locals.services.disconnectSubject(`seat:${s.id}`);
		await audit(
			e.locals.services.sql.db,
			event.id,
			actor(e),
			released ? 'release.grant' : 'release.withdraw',
			{ match: match.id, side }
		);
		return { action: 'release', ok: true };
	}
};
