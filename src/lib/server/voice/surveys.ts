/**
 * Surveys (征求意见) in storage: an organizer's survey on a case, its invitation codes, and the
 * anonymous answers (survey/SPEC.md V2). One answer per invitation code or per device is enforced
 * inside one SQLite transaction with the answer's insert, so concurrent answers can neither be
 * lost nor counted twice.
 */
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
import { newId, newSecret, newShortCode, sha256 } from '../ids.ts';
import type { Term } from '../../domain/scenario.ts';
import {
	answersSchemaFor,
	buildQuestions,
	questionsSchema,
	type Answers,
	type PrioritiesDraft,
	type Question
} from '../../domain/survey/index.ts';

export const DEVICE_COOKIE = 'xs_device';
export const MAX_INVITES = 2000;

export type SurveyMode = 'code' | 'device';
export type SurveyStatus = 'draft' | 'open' | 'closed';

export interface Survey {
	id: string;
	ownerUserId: string;
	scenarioId: string;
	title: string;
	intro: string;
	questions: Question[];
	mode: SurveyMode;
	publicCode: string;
	status: SurveyStatus;
	priorities: PrioritiesDraft | null;
	prioritiesAt: number | null;
	createdAt: number;
}

export const NewSurveySchema = z.object({
	title: z.string().trim().min(1, '请填写问卷标题').max(100),
	scenarioId: z.string().regex(/^[a-z0-9_-]+$/, '请选择案例'),
	mode: z.enum(['code', 'device'], { error: '请选择答卷方式' })
});

export const SurveySettingsSchema = z.object({
	title: z.string().trim().min(1, '请填写问卷标题').max(100),
	intro: z.string().trim().max(500).default(''),
	mode: z.enum(['code', 'device'])
});

type Row = {
	id: string;
	owner_user_id: string;
	scenario_id: string;
	title: string;
	intro: string;
	questions: string;
	mode: SurveyMode;
	public_code: string;
	status: SurveyStatus;
	priorities: string | null;
	priorities_at: number | null;
	created_at: number;
};

const toSurvey = (r: Row): Survey => ({
	id: r.id,
	ownerUserId: r.owner_user_id,
	scenarioId: r.scenario_id,
	title: r.title,
	intro: r.intro,
	questions: questionsSchema.parse(JSON.parse(r.questions)),
	mode: r.mode,
	publicCode: r.public_code,
	status: r.status,
	priorities: r.priorities ? (JSON.parse(r.priorities) as PrioritiesDraft) : null,
	prioritiesAt: r.priorities_at,
	createdAt: r.created_at
});

/** The default questions for a case: how much each negotiable term matters, and a comment box. */
export function defaultQuestions(terms: Term[]): Question[] {
	return buildQuestions(
		{
			weightTerms: terms.filter((t) => t.kind !== 'clause').map((t) => t.id),
			comment: '还有什么想对工会说的？（可不填）'
		},
		terms
	);
}

export function createSurvey(
	db: Db,
	ownerUserId: string,
	input: z.input<typeof NewSurveySchema>,
	terms: Term[]
): Survey {
	const s = NewSurveySchema.parse(input);
	const id = newId();
	const now = Date.now();
	db.prepare(
		`INSERT INTO surveys (id, owner_user_id, scenario_id, title, intro, questions, mode, public_code, status, created_at, updated_at)
		 VALUES (?, ?, ?, ?, '', ?, ?, ?, 'draft', ?, ?)`
	).run(
		id,
		ownerUserId,
		s.scenarioId,
		s.title,
		JSON.stringify(defaultQuestions(terms)),
		s.mode,
		newShortCode(),
		now,
		now
	);
	return getSurvey(db, id)!;
}

export function getSurvey(db: Db, id: string): Survey | null {
	const r = db.prepare<[string], Row>('SELECT * FROM surveys WHERE id = ?').get(id);
	return r ? toSurvey(r) : null;
}

export function surveysOwnedBy(db: Db, userId: string): (Survey & { responses: number })[] {
	return db
		.prepare<[string], Row & { n: number }>(
			`SELECT s.*, (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS n
			 FROM surveys s WHERE owner_user_id = ? ORDER BY created_at DESC`
		)
		.all(userId)
		.map((r) => ({ ...toSurvey(r), responses: r.n }));
}

export function countResponses(db: Db, surveyId: string): number {
	return db
		.prepare<[string], { n: number }>(
			'SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = ?'
		)
		.get(surveyId)!.n;
}

export function updateSettings(
	db: Db,
	id: string,
	input: z.input<typeof SurveySettingsSchema>
): void {
	const s = SurveySettingsSchema.parse(input);
	db.prepare('UPDATE surveys SET title = ?, intro = ?, mode = ?, updated_at = ? WHERE id = ?').run(
		s.title,
		s.intro,
		s.mode,
		Date.now(),
		id
	);
}

/** Questions change only before the first answer: answers are validated against the questions they answered. */
export function updateQuestions(db: Db, id: string, questions: Question[]): boolean {
	const qs = questionsSchema.parse(questions);
	return (
		db
			.prepare(
				`UPDATE surveys SET questions = ?, updated_at = ? WHERE id = ?
				 AND NOT EXISTS (SELECT 1 FROM survey_responses WHERE survey_id = ?)`
			)
			.run(JSON.stringify(qs), Date.now(), id, id).changes === 1
	);
}

export function setStatus(db: Db, id: string, status: SurveyStatus): void {
	db.prepare('UPDATE surveys SET status = ?, updated_at = ? WHERE id = ?').run(
		status,
		Date.now(),
		id
	);
}

export function savePriorities(db: Db, id: string, draft: PrioritiesDraft): void {
	const now = Date.now();
	db.prepare(
		'UPDATE surveys SET priorities = ?, priorities_at = ?, updated_at = ? WHERE id = ?'
	).run(JSON.stringify(draft), now, now, id);
}

/** Adds `count` single-use invitation codes. */
export function addInvites(db: Db, surveyId: string, count: number): string[] {
	const n = z.number().int().min(1).max(MAX_INVITES).parse(count);
	const insert = db.prepare('INSERT OR IGNORE INTO survey_invites (code, survey_id) VALUES (?, ?)');
	const codes: string[] = [];
	db.transaction(() => {
		while (codes.length < n) {
			const code = newShortCode();
			if (insert.run(code, surveyId).changes === 1) codes.push(code);
		}
	})();
	return codes;
}

export function invitesOf(db: Db, surveyId: string): { code: string; used: boolean }[] {
	return db
		.prepare<[string], { code: string; used: number }>(
			'SELECT code, used FROM survey_invites WHERE survey_id = ? ORDER BY rowid'
		)
		.all(surveyId)
		.map((r) => ({ code: r.code, used: r.used === 1 }));
}

/** What a /s/<code> link points at: a survey and, in code mode, the invitation. */
export function surveyForCode(
	db: Db,
	code: string
): { survey: Survey; invite: { code: string; used: boolean } | null } | null {
	const c = code.toLowerCase();
	const inv = db
		.prepare<[string], { survey_id: string; used: number }>(
			'SELECT survey_id, used FROM survey_invites WHERE code = ?'
		)
		.get(c);
	if (inv) {
		const survey = getSurvey(db, inv.survey_id);
		return survey ? { survey, invite: { code: c, used: inv.used === 1 } } : null;
	}
	const r = db.prepare<[string], Row>('SELECT * FROM surveys WHERE public_code = ?').get(c);
	return r ? { survey: toSurvey(r), invite: null } : null;
}

export const newDeviceToken = newSecret;
const deviceKey = (surveyId: string, token: string) => sha256(`${surveyId}:${token}`);

export function hasDeviceAnswered(db: Db, surveyId: string, token: string | undefined): boolean {
	if (!token) return false;
	return !!db
		.prepare('SELECT 1 FROM survey_devices WHERE survey_id = ? AND device_hash = ?')
		.get(surveyId, deviceKey(surveyId, token));
}

export type SubmitResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				'not-found' | 'closed' | 'not-open' | 'used' | 'device-used' | 'needs-code' | 'no-device';
	  }
	| { ok: false; reason: 'invalid'; errors: string[] };

/** Form fields → an answer object; the survey's own schema then decides (V1). */
export function answersFromForm(
	questions: Question[],
	form: Record<string, string>
): Record<string, unknown> {
	const num = (v: string | undefined) =>
		v === undefined || v.trim() === '' ? undefined : Number(v);
	const out: Record<string, unknown> = {};
	for (const q of questions) {
		if (q.kind === 'weights') {
			const w: Record<string, unknown> = {};
			for (const t of q.terms) {
				const v = num(form[`${q.id}.${t.termId}`]);
				if (v !== undefined) w[t.termId] = v;
			}
			out[q.id] = w;
		} else if (q.kind === 'number') {
			const v = num(form[q.id]);
			if (v !== undefined) out[q.id] = v;
		} else if (form[q.id] !== undefined && !(q.kind === 'comment' && form[q.id]!.trim() === ''))
			out[q.id] = form[q.id];
	}
	return out;
}

export const answerFormSchema = z
	.record(z.string().max(100), z.string().max(2000))
	.refine((r) => Object.keys(r).length <= 200, '字段太多');

/**
 * Stores one answer when the link still accepts one: the survey is open, the invitation unused
 * (code mode) or the device new (device mode). Marking the code or device and inserting the answer
 * happen in one transaction; the answer row keeps neither (V2).
 */
export function submitAnswer(
	db: Db,
	code: string,
	deviceToken: string | undefined,
	raw: unknown
): SubmitResult {
	const found = surveyForCode(db, code);
	if (!found) return { ok: false, reason: 'not-found' };
	const { survey, invite } = found;
	if (survey.status === 'closed') return { ok: false, reason: 'closed' };
	if (survey.status !== 'open') return { ok: false, reason: 'not-open' };
	if (survey.mode === 'code' && !invite) return { ok: false, reason: 'needs-code' };
	if (survey.mode === 'device' && !deviceToken) return { ok: false, reason: 'no-device' };
	const parsed = answersSchemaFor(survey.questions).safeParse(raw);
	if (!parsed.success)
		return { ok: false, reason: 'invalid', errors: parsed.error.issues.map((i) => i.message) };
	return db.transaction((): SubmitResult => {
		// Re-read inside the transaction: the organizer may have closed it a moment ago.
		const status = db
			.prepare<[string], { status: SurveyStatus }>('SELECT status FROM surveys WHERE id = ?')
			.get(survey.id)?.status;
		if (status !== 'open')
			return { ok: false, reason: status === 'closed' ? 'closed' : 'not-open' };
		if (survey.mode === 'code') {
			if (
				db
					.prepare('UPDATE survey_invites SET used = 1 WHERE code = ? AND used = 0')
					.run(invite!.code).changes !== 1
			)
				return { ok: false, reason: 'used' };
		} else if (
			db
				.prepare('INSERT OR IGNORE INTO survey_devices (survey_id, device_hash) VALUES (?, ?)')
				.run(survey.id, deviceKey(survey.id, deviceToken!)).changes !== 1
		)
			return { ok: false, reason: 'device-used' };
		db.prepare('INSERT INTO survey_responses (survey_id, answers) VALUES (?, ?)').run(
			survey.id,
			JSON.stringify(parsed.data)
		);
		return { ok: true };
	})();
}

export function responsesOf(db: Db, surveyId: string): Answers[] {
	return db
		.prepare<[string], { answers: string }>(
			'SELECT answers FROM survey_responses WHERE survey_id = ? ORDER BY id'
		)
		.all(surveyId)
		.map((r) => JSON.parse(r.answers) as Answers);
}

/** The survey when the caller owns it; 404 otherwise (do not confirm it exists). */
export function ownedSurvey(db: Db, userId: string | undefined, id: string): Survey | null {
	const s = getSurvey(db, id);
	return s && userId && s.ownerUserId === userId ? s : null;
}
