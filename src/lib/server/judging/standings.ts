/**
 * The event file built out of the database and the standings computed from it, through exactly the
 * path `xs standings` takes on a file; releasing and reading the published result.
 */
import { SIDE_NAME_ZH } from '../../domain/roles.ts';
import {
	computeEventStandings,
	parseEventExport,
	type EventExport,
	type EventStandings,
	type ScoringProblem
} from '../../domain/scoring/index.ts';
import { inTransaction, type SqlDb } from '../sql/handle.ts';
import { getEvent, matchesOf, seatsOfEvent, sideOf, teamsOf, type Side } from '../events/events.ts';
import { matchOutcomeFor } from './outcome.ts';
import { getScenario } from '../scenarios.ts';
import { JudgingError, getSettings, saveSettings } from './settings.ts';
import { sheetsOfEvent } from './sheet-store.ts';
import { unscoredMatches, withoutMatches, type UnscoredMatch } from './unscored.ts';

/**
 * The event as an `EventExportSchema` file: rubric, rules, teams with their contestants (seat ids,
 * names), matches with outcomes, every sheet. `xs standings` on this file prints the scoreboard.
 */
export async function buildEventExport(db: SqlDb, eventId: string): Promise<EventExport> {
	const event = await getEvent(db, eventId);
	if (!event) throw new JudgingError('no-event');
	const settings = await getSettings(db, eventId);
	const scenario = getScenario(event.scenarioId);
	const teams = await teamsOf(db, eventId);
	const matches = (await matchesOf(db, eventId)).filter(
		(m) => m.labourTeamId && m.managementTeamId
	);
	const seats = await seatsOfEvent(db, eventId);
	const sheets = (await sheetsOfEvent(db, eventId)).filter((s) =>
		matches.some((m) => m.id === s.matchId)
	);
	const outcomes = new Map<string, Awaited<ReturnType<typeof matchOutcomeFor>>['outcome']>();
	for (const m of matches) outcomes.set(m.id, (await matchOutcomeFor(db, m.id, scenario)).outcome);
	const seatById = new Map(seats.map((s) => [s.id, s]));

	// A team's side comes from the matches it plays; a team on both sides (eachTeamBothSides)
	// is split into one entry per side, since the engine ranks labour and management apart (S13).
	const teamKey = (teamId: string, side: Side, both: boolean) =>
		both ? `${teamId}~${side}` : teamId;
	const sidesOf = new Map<string, Set<Side>>();
	for (const m of matches) {
		sidesOf.set(m.labourTeamId!, (sidesOf.get(m.labourTeamId!) ?? new Set()).add('labour'));
		sidesOf.set(
			m.managementTeamId!,
			(sidesOf.get(m.managementTeamId!) ?? new Set()).add('management')
		);
	}
	const isBoth = (teamId: string) => (sidesOf.get(teamId)?.size ?? 0) > 1;
	const members = new Map<string, Map<string, string>>();
	const addMember = (key: string, id: string, name: string) => {
		const mm = members.get(key) ?? new Map<string, string>();
		if (!mm.has(id)) mm.set(id, name);
		members.set(key, mm);
	};
	for (const m of matches) {
		for (const s of seats.filter((x) => x.matchId === m.id)) {
			const side = sideOf(s.role);
			if (!side || !s.personName || s.revokedAt !== null) continue;
			const teamId = side === 'labour' ? m.labourTeamId! : m.managementTeamId!;
			addMember(teamKey(teamId, side, isBoth(teamId)), s.id, s.personName);
		}
	}
	// A contestant scored on a sheet stays a member even if their seat was later reissued.
	for (const sh of sheets) {
		const m = matches.find((x) => x.id === sh.matchId)!;
		const teamId = sh.side === 'labour' ? m.labourTeamId! : m.managementTeamId!;
		for (const c of sh.contestants) {
			const seat = seatById.get(c.contestantId);
			addMember(
				teamKey(teamId, sh.side, isBoth(teamId)),
				c.contestantId,
				seat?.personName ?? seat?.label ?? c.contestantId
			);
		}
	}
	const exportTeams: EventExport['teams'] = [];
	for (const t of teams) {
		const sides = [...(sidesOf.get(t.id) ?? [])];
		for (const side of sides) {
			const key = teamKey(t.id, side, sides.length > 1);
			exportTeams.push({
				id: key,
				name: sides.length > 1 ? `${t.name}（${SIDE_NAME_ZH[side]}）` : t.name,
				side,
				members: [...(members.get(key) ?? new Map()).entries()].map(([id, name]) => ({ id, name }))
			});
		}
	}
	const judges = seats.filter(
		(s) => s.role === 'judge' && sheets.some((sh) => sh.judgeSeatId === s.id)
	);
	const raw = {
		version: 1 as const,
		event: { id: event.id, name: event.name },
		rubric: settings.rubric,
		method: settings.method,
		weights: settings.weights,
		ranking: settings.ranking,
		noAgreement: settings.noAgreement,
		tieBreak: settings.tieBreak,
		seed: settings.seed,
		prizes: settings.prizes,
		individualAwards: settings.individualAwards,
		individualRanking: 'combined' as const,
		outlierThreshold: settings.outlierThreshold,
		judges: judges.map((j) => ({ id: j.id, name: j.personName ?? j.label ?? j.id })),
		teams: exportTeams,
		matches: matches.map((m) => ({
			id: m.id,
			round: String(m.roundNumber),
			labourTeamId: teamKey(m.labourTeamId!, 'labour', isBoth(m.labourTeamId!)),
			managementTeamId: teamKey(m.managementTeamId!, 'management', isBoth(m.managementTeamId!)),
			outcome: outcomes.get(m.id)!
		})),
		sheets: sheets.map((sh) => {
			const m = matches.find((x) => x.id === sh.matchId)!;
			const teamId = sh.side === 'labour' ? m.labourTeamId! : m.managementTeamId!;
			return {
				id: sh.id,
				matchId: sh.matchId,
				side: sh.side,
				teamId: teamKey(teamId, sh.side, isBoth(teamId)),
				judgeId: sh.judgeSeatId,
				teamScores: sh.teamScores,
				contestants: sh.contestants,
				...(sh.comment ? { comment: sh.comment } : {}),
				...(Object.keys(sh.criterionComments).length
					? { criterionComments: sh.criterionComments }
					: {}),
				status: sh.status
			};
		})
	};
	return raw as EventExport;
}

export type StandingsResult =
	| {
			ok: true;
			standings: EventStandings;
			file: EventExport;
			warnings: ScoringProblem[];
			unscored: UnscoredMatch[];
	  }
	| { ok: false; problems: ScoringProblem[]; file: EventExport; unscored: UnscoredMatch[] };

/**
 * Live standings from the database, through exactly the path `xs standings` takes on a file. The
 * file leaves out matches not played or not fully scored (`unscored`), so none is ranked on 0.
 */
export async function liveStandings(db: SqlDb, eventId: string): Promise<StandingsResult> {
	const unscored = await unscoredMatches(db, eventId, await sheetsOfEvent(db, eventId));
	const file = withoutMatches(
		await buildEventExport(db, eventId),
		new Set(unscored.map((u) => u.matchId))
	);
	if (file.teams.length === 0)
		return {
			ok: false,
			problems: [{ path: ['matches'], message: '尚无评完的场次', severity: 'error' }],
			file,
			unscored
		};
	const parsed = parseEventExport(JSON.parse(JSON.stringify(file)));
	if (!parsed.ok) return { ok: false, problems: parsed.problems, file, unscored };
	return {
		ok: true,
		standings: computeEventStandings(parsed.event),
		file: parsed.event,
		warnings: parsed.warnings,
		unscored
	};
}

export interface FrozenResults {
	releasedAt: number;
	standings: EventStandings;
	file: EventExport;
	/** Matches left out of the published ranking (absent in results released before it existed). */
	unscored?: UnscoredMatch[];
}

/**
 * Freezes the current standings (and their event file) as the published result. With matches
 * left out it refuses (`unscored`) unless the organizer confirmed (`allowUnscored`).
 */
export async function releaseResults(
	db: SqlDb,
	eventId: string,
	actor: string,
	options: { allowUnscored?: boolean } = {}
): Promise<FrozenResults> {
	return inTransaction(db, async (trx) => {
		const settings = await getSettings(trx, eventId);
		if (settings.isReleased) throw new JudgingError('released');
		if (!settings.isStored) await saveSettings(trx, eventId, settings);
		const live = await liveStandings(trx, eventId);
		if (!live.ok) throw new JudgingError('invalid');
		if (live.unscored.length > 0 && !options.allowUnscored) throw new JudgingError('unscored');
		const frozen: FrozenResults = {
			releasedAt: Date.now(),
			standings: live.standings,
			file: live.file,
			unscored: live.unscored
		};
		await trx
			.updateTable('judging_settings')
			.set({
				released: 1,
				released_at: frozen.releasedAt,
				released_by: actor,
				frozen_results: JSON.stringify(frozen)
			})
			.where('event_id', '=', eventId)
			.execute();
		return frozen;
	});
}

/** Takes published results back: the public page shows no ranking until released again. */
export async function withdrawResults(db: SqlDb, eventId: string): Promise<FrozenResults> {
	return inTransaction(db, async (trx) => {
		const frozen = await frozenResults(trx, eventId);
		if (!frozen) throw new JudgingError('not-released');
		await trx
			.updateTable('judging_settings')
			.set({ released: 0, released_at: null, released_by: null, frozen_results: null })
			.where('event_id', '=', eventId)
			.execute();
		return frozen;
	});
}

export async function frozenResults(db: SqlDb, eventId: string): Promise<FrozenResults | null> {
	const r = await db
		.selectFrom('judging_settings')
		.select(['frozen_results', 'released'])
		.where('event_id', '=', eventId)
		.executeTakeFirst();
	if (!r || r.released !== 1 || !r.frozen_results) return null;
	return JSON.parse(r.frozen_results) as FrozenResults;
}
