/**
 * Surveys (征求意见) in storage: an organizer's survey on a case, its invitation codes, and the
 * anonymous answers (survey/SPEC.md V2). One answer per invitation code or per device is enforced
 * inside one SQLite transaction with the answer's insert, so concurrent answers can neither be
 * lost nor counted twice.
 */
import { z } from 'zod';
import { inTransaction, type SqlDb } from '../sql/handle.ts';
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

export async function createSurvey(
	db: SqlDb,
	ownerUserId: string,
	input: z.input<typeof NewSurveySchema>,
	terms: Term[]
): Promise<Survey> {
	const s = NewSurveySchema.parse(input);
	const id = newId();
	const now = Date.now();
	await db
		.insertInto('surveys')
		.values({
			id,
			owner_user_id: ownerUserId,
			scenario_id: s.scenarioId,
			title: s.title,
			intro: '',
			questions: JSON.stringify(defaultQuestions(terms)),
			mode: s.mode,
			public_code: newShortCode(),
			status: 'draft',
			created_at: now,
			updated_at: now
		})
		.execute();
	return (await getSurvey(db, id))!;
}

const surveyColumns = [
	'id',
	'owner_user_id',
	'scenario_id',
	'title',
	'intro',
	'questions',
	'mode',
	'public_code',
	'status',
	'priorities',
	'priorities_at',
	'created_at'
] as const;

export async function getSurvey(db: SqlDb, id: string): Promise<Survey | null> {
	const r = await db
		.selectFrom('surveys')
		.select(surveyColumns)
		.where('id', '=', id)
		.executeTakeFirst();
	return r ? toSurvey(r) : null;
}

export async function surveysOwnedBy(
	db: SqlDb,
	userId: string
): Promise<(Survey & { responses: number })[]> {
	const rows = await db
		.selectFrom('surveys as s')
		.select(surveyColumns.map((c) => `s.${c}` as const))
		.select((eb) =>
			eb
				.selectFrom('survey_responses as r')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('r.survey_id', '=', 's.id')
				.as('n')
		)
		.where('s.owner_user_id', '=', userId)
		.orderBy('s.created_at', 'desc')
		.execute();
	return rows.map((r) => ({ ...toSurvey(r), responses: Number(r.n ?? 0) }));
}

export async function countResponses(db: SqlDb, surveyId: string): Promise<number> {
	const r = await db
		.selectFrom('survey_responses')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('survey_id', '=', surveyId)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function updateSettings(
	db: SqlDb,
	id: string,
	input: z.input<typeof SurveySettingsSchema>
): Promise<void> {
	const s = SurveySettingsSchema.parse(input);
	await db
		.updateTable('surveys')
		.set({ title: s.title, intro: s.intro, mode: s.mode, updated_at: Date.now() })
		.where('id', '=', id)
		.execute();
}

/** Questions change only before the first answer: answers are validated against the questions they answered. */
export async function updateQuestions(
	db: SqlDb,
	id: string,
	questions: Question[]
): Promise<boolean> {
	const qs = questionsSchema.parse(questions);
	const r = await db
		.updateTable('surveys')
		.set({ questions: JSON.stringify(qs), updated_at: Date.now() })
		.where('id', '=', id)
		.where(({ not, exists, selectFrom }) =>
			not(exists(selectFrom('survey_responses').select('id').where('survey_id', '=', id)))
		)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function setStatus(db: SqlDb, id: string, status: SurveyStatus): Promise<void> {
	await db
		.updateTable('surveys')
		.set({ status, updated_at: Date.now() })
		.where('id', '=', id)
		.execute();
}

export async function savePriorities(db: SqlDb, id: string, draft: PrioritiesDraft): Promise<void> {
	const now = Date.now();
	await db
		.updateTable('surveys')
		.set({ priorities: JSON.stringify(draft), priorities_at: now, updated_at: now })
		.where('id', '=', id)
		.execute();
}

/** Adds `count` single-use invitation codes. */
export async function addInvites(db: SqlDb, surveyId: string, count: number): Promise<string[]> {
	const n = z.number().int().min(1).max(MAX_INVITES).parse(count);
	return inTransaction(db, async (trx) => {
		const codes: string[] = [];
		while (codes.length < n) {
			// A code already taken (by any survey) is skipped and another drawn.
			const code = newShortCode();
			const r = await trx
				.insertInto('survey_invites')
				.values({ code, survey_id: surveyId })
				.onConflict((oc) => oc.doNothing())
				.executeTakeFirst();
			if (Number(r.numInsertedOrUpdatedRows) === 1) codes.push(code);
		}
		return codes;
	});
}

export async function invitesOf(
	db: SqlDb,
	surveyId: string
): Promise<{ code: string; used: boolean }[]> {
	const rows = await db
		.selectFrom('survey_invites')
		.select(['code', 'used'])
		.where('survey_id', '=', surveyId)
		.orderBy('rowid')
		.execute();
	return rows.map((r) => ({ code: r.code, used: r.used === 1 }));
}

/** What a /s/<code> link points at: a survey and, in code mode, the invitation. */
export async function surveyForCode(
	db: SqlDb,
	code: string
): Promise<{ survey: Survey; invite: { code: string; used: boolean } | null } | null> {
	const c = code.toLowerCase();
	const inv = await db
		.selectFrom('survey_invites')
		.select(['survey_id', 'used'])
		.where('code', '=', c)
		.executeTakeFirst();
	if (inv) {
		const survey = await getSurvey(db, inv.survey_id);
		return survey ? { survey, invite: { code: c, used: inv.used === 1 } } : null;
	}
	const r = await db
		.selectFrom('surveys')
		.select(surveyColumns)
		.where('public_code', '=', c)
		.executeTakeFirst();
	return r ? { survey: toSurvey(r), invite: null } : null;
}

export const newDeviceToken = newSecret;
const deviceKey = (surveyId: string, token: string) => sha256(`${surveyId}:${token}`);

export async function hasDeviceAnswered(
	db: SqlDb,
	surveyId: string,
	token: string | undefined
): Promise<boolean> {
	if (!token) return false;
	return !!(await db
		.selectFrom('survey_devices')
		.select('survey_id')
		.where('survey_id', '=', surveyId)
		.where('device_hash', '=', deviceKey(surveyId, token))
		.executeTakeFirst());
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
export async function submitAnswer(
	db: SqlDb,
	code: string,
	deviceToken: string | undefined,
	raw: unknown
): Promise<SubmitResult> {
	const found = await surveyForCode(db, code);
	if (!found) return { ok: false, reason: 'not-found' };
	const { survey, invite } = found;
	if (survey.status === 'closed') return { ok: false, reason: 'closed' };
	if (survey.status !== 'open') return { ok: false, reason: 'not-open' };
	if (survey.mode === 'code' && !invite) return { ok: false, reason: 'needs-code' };
	if (survey.mode === 'device' && !deviceToken) return { ok: false, reason: 'no-device' };
	const parsed = answersSchemaFor(survey.questions).safeParse(raw);
	if (!parsed.success)
		return { ok: false, reason: 'invalid', errors: parsed.error.issues.map((i) => i.message) };
	return inTransaction(db, async (trx): Promise<SubmitResult> => {
		// Re-read inside the transaction: the organizer may have closed it a moment ago.
		const status = (
			await trx
				.selectFrom('surveys')
				.select('status')
				.where('id', '=', survey.id)
				.executeTakeFirst()
		)?.status;
		if (status !== 'open')
			return { ok: false, reason: status === 'closed' ? 'closed' : 'not-open' };
		if (survey.mode === 'code') {
			// The conditional UPDATE is the check: of two concurrent answers one changes the row.
			const r = await trx
				.updateTable('survey_invites')
				.set({ used: 1 })
				.where('code', '=', invite!.code)
				.where('used', '=', 0)
				.executeTakeFirst();
			if (Number(r.numUpdatedRows) !== 1) return { ok: false, reason: 'used' };
		} else {
			const r = await trx
				.insertInto('survey_devices')
				.values({ survey_id: survey.id, device_hash: deviceKey(survey.id, deviceToken!) })
				.onConflict((oc) => oc.doNothing())
				.executeTakeFirst();
			if (Number(r.numInsertedOrUpdatedRows) !== 1) return { ok: false, reason: 'device-used' };
		}
		await trx
			.insertInto('survey_responses')
			.values({ survey_id: survey.id, answers: JSON.stringify(parsed.data) })
			.execute();
		return { ok: true };
	});
}

export async function responsesOf(db: SqlDb, surveyId: string): Promise<Answers[]> {
	const rows = await db
		.selectFrom('survey_responses')
		.select('answers')
		.where('survey_id', '=', surveyId)
		.orderBy('id')
		.execute();
	return rows.map((r) => JSON.parse(r.answers) as Answers);
}

/** The survey when the caller owns it; 404 otherwise (do not confirm it exists). */
export async function ownedSurvey(
	db: SqlDb,
	userId: string | undefined,
	id: string
): Promise<Survey | null> {
	const s = await getSurvey(db, id);
	return s && userId && s.ownerUserId === userId ? s : null;
}
