/**
 * Score sheets as stored: reading and writing a judge's sheet (validation is sheet.ts's, the
 * change-after-submission rule the caller's).
 */
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
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

export function sheetsOfEvent(db: Db, eventId: string): StoredSheet[] {
	return db
		.prepare<[string], SheetDb>('SELECT * FROM score_sheets WHERE event_id = ? ORDER BY rowid')
		.all(eventId)
		.map(toSheet);
}
export function sheetsOfJudge(db: Db, seatId: string): StoredSheet[] {
	return db
		.prepare<[string], SheetDb>('SELECT * FROM score_sheets WHERE judge_seat_id = ? ORDER BY rowid')
		.all(seatId)
		.map(toSheet);
}
export function getSheet(db: Db, seatId: string, matchId: string, side: Side): StoredSheet | null {
	const r = db
		.prepare<[string, string, Side], SheetDb>(
			'SELECT * FROM score_sheets WHERE judge_seat_id = ? AND match_id = ? AND side = ?'
		)
		.get(seatId, matchId, side);
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
export function writeSheet(
	db: Db,
	seat: Seat,
	matchId: string,
	side: Side,
	v: SheetValues,
	status: 'draft' | 'submitted'
): StoredSheet {
	const now = Date.now();
	db.prepare(
		`INSERT INTO score_sheets (id, event_id, match_id, judge_seat_id, side, team_scores, contestant_scores, comment, criterion_comments,
			status, submitted_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (judge_seat_id, match_id, side) DO UPDATE SET team_scores = excluded.team_scores,
			contestant_scores = excluded.contestant_scores, comment = excluded.comment,
			criterion_comments = excluded.criterion_comments, status = excluded.status,
			submitted_at = COALESCE(score_sheets.submitted_at, excluded.submitted_at), updated_at = excluded.updated_at`
	).run(
		newId(),
		seat.eventId,
		matchId,
		seat.id,
		side,
		JSON.stringify(v.teamScores),
		JSON.stringify(sheetValuesOf(v).contestants),
		v.comment,
		JSON.stringify(v.criterionComments),
		status,
		status === 'submitted' ? now : null,
		now
	);
	return getSheet(db, seat.id, matchId, side)!;
}
