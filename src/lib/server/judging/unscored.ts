/**
 * Which matches the standings leave out, and the event file without them. A match never played,
 * or with a side no judge has submitted a sheet for, would otherwise enter the ranking with rubric
 * 0 (S19) and could be ranked, tied by lot and given a prize on nothing; the published result
 * names these matches instead, and publishing with any of them asks first.
 */
import type { EventExport } from '../../domain/scoring/index.ts';
import type { UnscoredMatch } from '../../components/judging/unscored.ts';
import type { SqlDb } from '../sql/handle.ts';
import { matchesOf, teamsOf } from '../events/events.ts';

export type { UnscoredMatch };

/** `sheets`: the event's stored sheets (judging.ts `sheetsOfEvent`). */
export async function unscoredMatches(
	db: SqlDb,
	eventId: string,
	sheets: readonly { matchId: string; side: string; status: string }[]
): Promise<UnscoredMatch[]> {
	const submitted = new Set(
		sheets.filter((s) => s.status === 'submitted').map((s) => `${s.matchId}/${s.side}`)
	);
	const names = new Map((await teamsOf(db, eventId)).map((t) => [t.id, t.name]));
	const out: UnscoredMatch[] = [];
	for (const m of await matchesOf(db, eventId)) {
		if (!m.labourTeamId || !m.managementTeamId) continue;
		const missing = (['labour', 'management'] as const).filter(
			(side) => !submitted.has(`${m.id}/${side}`)
		);
		if (missing.length === 0) continue;
		out.push({
			matchId: m.id,
			round: m.roundNumber,
			table: m.tableNo,
			labour: names.get(m.labourTeamId) ?? '',
			management: names.get(m.managementTeamId) ?? '',
			isPlayed: m.status !== 'scheduled',
			missing
		});
	}
	return out;
}

/** The file without the left-out matches, their sheets and the teams that played only those. */
export function withoutMatches(file: EventExport, matchIds: ReadonlySet<string>): EventExport {
	const matches = file.matches.filter((m) => !matchIds.has(m.id));
	const playing = new Set(matches.flatMap((m) => [m.labourTeamId, m.managementTeamId]));
	const sheets = file.sheets.filter((s) => !matchIds.has(s.matchId));
	const judging = new Set(sheets.map((s) => s.judgeId));
	return {
		...file,
		teams: file.teams.filter((t) => playing.has(t.id)),
		matches,
		sheets,
		...(file.judges ? { judges: file.judges.filter((j) => judging.has(j.id)) } : {})
	};
}
