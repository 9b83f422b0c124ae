/**
 * One judge scores both sides of a match the same way, each side with its chief as the one
 * contestant: team 8 + 16 + 15 + 14 + 8 = 61, contestant (7, 8) → 15; rubric total 76 (S2).
 * For tests that need a match counted in the standings, not tests of the scoring itself.
 */
import type { SqlDb } from '../../src/lib/server/sql/handle.ts';
import { markJoined, seatsOfMatch, type Match } from '../../src/lib/server/events/events.ts';
import { writeSheet } from '../../src/lib/server/judging/judging.ts';

export const SIDE_TOTAL = 76;

export async function scoreBothSides(
	db: SqlDb,
	match: Pick<Match, 'id'>,
	names = { labour: '王师傅', management: '李经理' }
): Promise<void> {
	const seats = await seatsOfMatch(db, match.id);
	const judge = seats.find((s) => s.role === 'judge')!;
	for (const side of ['labour', 'management'] as const) {
		const chief = seats.find((s) => s.role === `${side}-chief`)!;
		await markJoined(db, chief.id, names[side]);
		await writeSheet(
			db,
			judge,
			match.id,
			side,
			{
				teamScores: {
					preparation: 8,
					law_policy: 16,
					data_calculation: 15,
					strategy: 14,
					teamwork: 8
				},
				contestants: [{ contestantId: chief.id, scores: { adaptability: 7, expression: 8 } }],
				comment: '',
				criterionComments: {}
			},
			'submitted'
		);
	}
}
