/**
 * Score sheets as stored: reading and writing a judge's sheet (validation is sheet.ts's, the
 * change-after-submission rule the caller's).
 */
import { z } from 'zod';
import type { SqlDb } from '../sql/handle.ts';
import type { Seat, Side } from '../events/events.ts';
import { newId } from '../ids.ts';

export interface StoredSheet {
	id: string;
	eventId: string;
	matchId: string;
	judgeSeatId: string;
	side: Side;
	teamScores: Record<string, number>;
	contestants: SheetContestant[];
	comment: string;
	/** 评语 on team criteria, by criterion id; individual criteria's remarks are on each contestant. */
	criterionComments: Record<string, string>;
	status: 'draft' | 'submitted';
	submittedAt: number | null;
	updatedAt: number;
}
type SheetDb = {
	id: string;
	event_id: string;
	match_id: string;
	judge_seat_id: string;
	side: Side;
	team_scores: string;
	contestant_scores: string;
	comment: string;
	criterion_comments: string;
	status: 'draft' | 'submitted';
	submitted_at: number | null;
	updated_at: number;
};
const ScoresSchema = z.record(z.string(), z.number());
const CommentsSchema = z.record(z.string(), z.string());
const ContestantsSchema = z.array(
	z.object({
		contestantId: z.string(),
		scores: ScoresSchema,
		criterionComments: CommentsSchema.optional()
	})
);

/** One contestant's scores on a sheet, with the judge's remarks on their individual criteria. */
export interface SheetContestant {
	contestantId: string;
	scores: Record<string, number>;
	criterionComments?: Record<string, string>;
}
const toSheet = (r: SheetDb): StoredSheet => ({
	id: r.id,
	eventId: r.event_id,
	matchId: r.match_id,
	judgeSeatId: r.judge_seat_id,
	side: r.side,
	teamScores: ScoresSchema.parse(JSON.parse(r.team_scores)),
	contestants: ContestantsSchema.parse(JSON.parse(r.contestant_scores)),
	comment: r.comment,
	criterionComments: CommentsSchema.parse(JSON.parse(r.criterion_comments)),
	status: r.status,
	submittedAt: r.submitted_at,
	updatedAt: r.updated_at
});

const sheetColumns = [
	'id',
	'event_id',
	'match_id',
	'judge_seat_id',
	'side',
	'team_scores',
	'contestant_scores',
	'comment',
	'criterion_comments',
	'status',
	'submitted_at',
	'updated_at'
] as const;

export async function sheetsOfEvent(db: SqlDb, eventId: string): Promise<StoredSheet[]> {
	const rows = await db
		.selectFrom('score_sheets')
		.select(sheetColumns)
		.where('event_id', '=', eventId)
		.orderBy('rowid')
		.execute();
	return rows.map(toSheet);
}
export async function sheetsOfJudge(db: SqlDb, seatId: string): Promise<StoredSheet[]> {
	const rows = await db
		.selectFrom('score_sheets')
		.select(sheetColumns)
		.where('judge_seat_id', '=', seatId)
		.orderBy('rowid')
		.execute();
	return rows.map(toSheet);
}
export async function getSheet(
	db: SqlDb,
	seatId: string,
	matchId: string,
	side: Side
): Promise<StoredSheet | null> {
	const r = await db
		.selectFrom('score_sheets')
		.select(sheetColumns)
		.where('judge_seat_id', '=', seatId)
		.where('match_id', '=', matchId)
		.where('side', '=', side)
		.executeTakeFirst();
	return r ? toSheet(r) : null;
}

export interface SheetValues {
	teamScores: Record<string, number>;
	contestants: SheetContestant[];
	comment: string;
	criterionComments: Record<string, string>;
}

/**
 * A sheet's values in one fixed key order, for the audit record and for telling a real change
 * from a resubmission of the same figures (JSON comparison depends on key order).
 */
export const sheetValuesOf = (v: SheetValues): SheetValues => ({
	teamScores: v.teamScores,
	contestants: v.contestants.map((c) => ({
		contestantId: c.contestantId,
		scores: c.scores,
		...(c.criterionComments && Object.keys(c.criterionComments).length
			? { criterionComments: c.criterionComments }
			: {})
	})),
	comment: v.comment,
	criterionComments: v.criterionComments
});

/** Writes a sheet (insert or update). Validation and the change-after-submission rule are the caller's. */
export async function writeSheet(
	db: SqlDb,
	seat: Seat,
	matchId: string,
	side: Side,
	v: SheetValues,
	status: 'draft' | 'submitted'
): Promise<StoredSheet> {
	const now = Date.now();
	await db
		.insertInto('score_sheets')
		.values({
			id: newId(),
			event_id: seat.eventId,
			match_id: matchId,
			judge_seat_id: seat.id,
			side,
			team_scores: JSON.stringify(v.teamScores),
			contestant_scores: JSON.stringify(sheetValuesOf(v).contestants),
			comment: v.comment,
			criterion_comments: JSON.stringify(v.criterionComments),
			status,
			submitted_at: status === 'submitted' ? now : null,
			updated_at: now
		})
		.onConflict((oc) =>
			oc.columns(['judge_seat_id', 'match_id', 'side']).doUpdateSet((eb) => ({
				team_scores: eb.ref('excluded.team_scores'),
				contestant_scores: eb.ref('excluded.contestant_scores'),
				comment: eb.ref('excluded.comment'),
				criterion_comments: eb.ref('excluded.criterion_comments'),
				status: eb.ref('excluded.status'),
				// The first submission's time stays.
				submitted_at: eb.fn.coalesce('score_sheets.submitted_at', 'excluded.submitted_at'),
				updated_at: eb.ref('excluded.updated_at')
			}))
		)
		.execute();
	return (await getSheet(db, seat.id, matchId, side))!;
}
