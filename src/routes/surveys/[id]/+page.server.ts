import { error, fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { z } from 'zod';
import { getScenario } from '$lib/server/scenarios.ts';
import { actorOf } from '$lib/server/events/organizer.ts';
import { audit } from '$lib/server/audit.ts';
import {
	addInvites,
	countResponses,
	invitesOf,
	MAX_INVITES,
	ownedSurvey,
	responsesOf,
	savePriorities,
	setStatus,
	SurveySettingsSchema,
	updateQuestions,
	updateSettings,
	type Survey
} from '$lib/server/voice/surveys.ts';
import {
	aggregateSurvey,
	buildQuestions,
	designOf,
	draftPriorities,
	draftToYaml
} from '$lib/domain/survey/index.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** QR codes drawn on the page; more codes are listed as text and printed from the slips view. */
const QR_SHOWN = 60;

async function owned(e: { locals: App.Locals; params: { id: string } }): Promise<Survey> {
	const s = await ownedSurvey(e.locals.services.sql.db, e.locals.principal.user?.id, e.params.id);
	if (!s) error(404, '没有这个问卷，或您不是它的发起人');
	return s;
}

const qr = (url: string) =>
	QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

export const load: PageServerLoad = async (e) => {
	const survey = await owned(e);
	const { db } = e.locals.services.sql;
	const scenario = getScenario(survey.scenarioId);
	const origin = e.url.origin;
	const invites = await invitesOf(db, survey.id);
	const unused = invites.filter((i) => !i.used);
	const publicUrl = `${origin}/s/${survey.publicCode}`;
	return {
		survey: {
			id: survey.id,
			title: survey.title,
			intro: survey.intro,
			mode: survey.mode,
			status: survey.status,
			questions: survey.questions,
			design: designOf(survey.questions),
			priorities: survey.priorities,
			prioritiesYaml: survey.priorities ? draftToYaml(survey.priorities, survey.title) : null,
			scenarioTitle: scenario?.title ?? survey.scenarioId
		},
		terms: (scenario?.terms ?? []).map((t) => ({ id: t.id, title: t.title, kind: t.kind })),
		results: aggregateSurvey(survey.questions, await responsesOf(db, survey.id)),
		invites: {
			total: invites.length,
			used: invites.length - unused.length,
			shown: await Promise.all(
				unused.slice(0, QR_SHOWN).map(async (i) => ({
					code: i.code,
					url: `${origin}/s/${i.code}`,
					qr: await qr(`${origin}/s/${i.code}`)
				}))
			),
			more: unused.slice(QR_SHOWN).map((i) => i.code)
		},
		publicLink: survey.mode === 'device' ? { url: publicUrl, qr: await qr(publicUrl) } : null
	};
};

const list = (form: FormData, name: string) => form.getAll(name).map(String).filter(Boolean);
const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const on = (form: FormData, name: string) => form.get(name) === 'on';

/** The editor's form as a survey design; the domain checks it against the case's terms. */
function designFrom(form: FormData) {
	const opt = (v: string) => (v === '' ? undefined : v);
	return {
		weightTerms: list(form, 'weightTerms'),
		weightPrompt: opt(text(form, 'weightPrompt')),
		choiceTerms: list(form, 'choiceTerms'),
		number: on(form, 'numberOn')
			? {
					prompt: text(form, 'numberPrompt'),
					termId: opt(text(form, 'numberTerm')),
					unit: text(form, 'numberUnit'),
					min: Number(text(form, 'numberMin')),
					max: Number(text(form, 'numberMax'))
				}
			: undefined,
		segment: on(form, 'segmentOn')
			? {
					prompt: text(form, 'segmentPrompt'),
					options: text(form, 'segmentOptions')
						.split(/[,，、\n]/)
						.map((s) => s.trim())
						.filter(Boolean)
				}
			: undefined,
		comment: on(form, 'commentOn') ? text(form, 'commentPrompt') : undefined
	};
}

const act = (e: RequestEvent, action: string, detail: Record<string, unknown> = {}) =>
	audit(e.locals.services.sql.db, null, actorOf(e.locals.principal), action, detail);

export const actions: Actions = {
	settings: async (e) => {
		const survey = await owned(e);
		const parsed = SurveySettingsSchema.safeParse(Object.fromEntries(await e.request.formData()));
		if (!parsed.success)
			return fail(400, { settingsErrors: z.flattenError(parsed.error).fieldErrors });
		await updateSettings(e.locals.services.sql.db, survey.id, parsed.data);
		await act(e, 'survey.settings', { survey: survey.id });
		return { saved: 'settings' as const };
	},
	questions: async (e) => {
		const survey = await owned(e);
		const scenario = getScenario(survey.scenarioId);
		if (!scenario) return fail(400, { questionErrors: ['案例已不存在'] });
		let questions;
		try {
			questions = buildQuestions(designFrom(await e.request.formData()), scenario.terms);
		} catch (err) {
			const msgs =
				err instanceof z.ZodError ? err.issues.map((i) => i.message) : [(err as Error).message];
			return fail(400, { questionErrors: msgs });
		}
		if (!(await updateQuestions(e.locals.services.sql.db, survey.id, questions)))
			return fail(409, { questionErrors: ['已有答卷，问题不能再修改'] });
		await act(e, 'survey.questions', { survey: survey.id, questions: questions.length });
		return { saved: 'questions' as const };
	},
	open: async (e) => {
		const survey = await owned(e);
		await setStatus(e.locals.services.sql.db, survey.id, 'open');
		await act(e, 'survey.open', { survey: survey.id });
	},
	close: async (e) => {
		const survey = await owned(e);
		await setStatus(e.locals.services.sql.db, survey.id, 'closed');
		await act(e, 'survey.close', {
			survey: survey.id,
			responses: await countResponses(e.locals.services.sql.db, survey.id)
		});
	},
	invites: async (e) => {
		const survey = await owned(e);
		const n = z.coerce
			.number()
			.int()
			.min(1, '至少 1 个')
			.max(MAX_INVITES, `一次最多 ${MAX_INVITES} 个`)
			.safeParse((await e.request.formData()).get('count'));
		if (!n.success) return fail(400, { inviteError: n.error.issues[0]?.message ?? '数量不对' });
		await addInvites(e.locals.services.sql.db, survey.id, n.data);
		await act(e, 'survey.invites', { survey: survey.id, count: n.data });
	},
	priorities: async (e) => {
		const survey = await owned(e);
		const { db } = e.locals.services.sql;
		const scenario = getScenario(survey.scenarioId);
		const draft = draftPriorities(
			aggregateSurvey(survey.questions, await responsesOf(db, survey.id)),
			scenario?.confidential.labour.points ?? {}
		);
		if (draft.responses === 0) return fail(400, { prioritiesError: '还没有答卷，不能生成优先级' });
		await savePriorities(db, survey.id, draft);
		await act(e, 'survey.priorities', { survey: survey.id, responses: draft.responses });
		return { saved: 'priorities' as const };
	}
};
