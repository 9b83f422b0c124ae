import { fail } from '@sveltejs/kit';
import { matchesOf, teamsOf } from '$lib/server/events/events.ts';
import { audit } from '$lib/server/audit.ts';
import {
	buildEventExport,
	frozenResults,
	getSettings,
	JudgingError,
	liveStandings,
	releaseResults,
	sheetsOfEvent,
	withdrawResults
} from '$lib/server/judging/judging.ts';
import { getScenario } from '$lib/server/scenarios.ts';
import { actorOf, organizedEvent } from '$lib/server/events/organizer.ts';
import { outcomeViews } from './outcome-view.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (e) => {
	const event = await organizedEvent(e);
	const { db } = e.locals.services.sql;
	const live = await liveStandings(db, event.id);
	const frozen = await frozenResults(db, event.id);
	const teams = new Map((await teamsOf(db, event.id)).map((t) => [t.id, t.name]));
	const sheets = await sheetsOfEvent(db, event.id);
	const settings = await getSettings(db, event.id);
	const played = await matchesOf(db, event.id);
	return {
		event,
		settings,
		live: live.ok
			? { ok: true as const, standings: live.standings }
			: { ok: false as const, problems: live.problems },
		unscored: live.unscored,
		judges: live.file.judges ?? [],
		matches: (await matchesOf(db, event.id)).map((m) => ({
			id: m.id,
			round: m.roundNumber,
			table: m.tableNo,
			labour: teams.get(m.labourTeamId ?? '') ?? '',
			management: teams.get(m.managementTeamId ?? '') ?? '',
			submitted: sheets.filter((s) => s.matchId === m.id && s.status === 'submitted').length,
			drafts: sheets.filter((s) => s.matchId === m.id && s.status === 'draft').length
		})),
		frozen,
		// The threshold the board's flags were computed with: the frozen file's once released (S34).
		outlierThreshold: frozen ? frozen.file.outlierThreshold : live.file.outlierThreshold,
		// S28: from the live file (outcomes do not change after signing). Organizer-only: it reads
		// the sides' confidential points tables.
		// Every match played, scored or not (the standings' file leaves unscored ones out); a match
		// never started has no outcome to analyse.
		outcomes: outcomeViews(
			await buildEventExport(db, event.id),
			settings.noAgreement,
			getScenario(event.scenarioId)
		).filter((o) => played.some((x) => x.id === o.matchId && x.status !== 'scheduled')),
		// The live figures differ from the published ones when a sheet changed after release.
		isLiveDifferent:
			!!frozen &&
			live.ok &&
			JSON.stringify(live.standings.pools) !== JSON.stringify(frozen.standings.pools)
	};
};

export const actions: Actions = {
	release: async (e) => {
		const event = await organizedEvent(e);
		const { db } = e.locals.services.sql;
		try {
			// Matches left out of the ranking are listed and must be confirmed (confirm=1) first.
			const allowUnscored = (await e.request.formData()).get('confirm') === '1';
			const frozen = await releaseResults(db, event.id, actorOf(e.locals.principal), {
				allowUnscored
			});
			await audit(db, event.id, actorOf(e.locals.principal), 'results.release', {
				releasedAt: frozen.releasedAt,
				unscored: (frozen.unscored ?? []).map((u) => u.matchId),
				pools: frozen.standings.pools.map((p) => ({
					pool: p.pool,
					teams: p.teams.map((t) => ({ id: t.id, rank: t.rank, total: t.total, prize: t.prize }))
				}))
			});
		} catch (err) {
			if (err instanceof JudgingError) return fail(409, { message: err.message });
			throw err;
		}
		return { released: true };
	},
	withdraw: async (e) => {
		const event = await organizedEvent(e);
		const { db } = e.locals.services.sql;
		try {
			const frozen = await withdrawResults(db, event.id);
			await audit(db, event.id, actorOf(e.locals.principal), 'results.withdraw', {
				releasedAt: frozen.releasedAt
			});
		} catch (err) {
			if (err instanceof JudgingError) return fail(409, { message: err.message });
			throw err;
		}
		return { withdrawn: true };
	}
};
