import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { listScenarios, getScenario } from '$lib/server/scenarios.ts';
import { audit } from '$lib/server/audit.ts';
import { createSurvey, NewSurveySchema, surveysOwnedBy } from '$lib/server/voice/surveys.ts';
import type { Actions, PageServerLoad } from './$types';

type FieldErrors = Partial<Record<'title' | 'scenarioId' | 'mode', string[]>>;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.principal.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	return {
		surveys: (await surveysOwnedBy(locals.services.sql.db, user.id)).map((s) => ({
			id: s.id,
			title: s.title,
			status: s.status,
			mode: s.mode,
			responses: s.responses,
			scenarioTitle: getScenario(s.scenarioId)?.title ?? s.scenarioId
		})),
		scenarios: listScenarios().map((s) => ({ id: s.id, title: s.title }))
	};
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const user = locals.principal.user;
		if (!user) redirect(303, '/login');
		const parsed = NewSurveySchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success)
			return fail(400, { errors: z.flattenError(parsed.error).fieldErrors as FieldErrors });
		const scenario = getScenario(parsed.data.scenarioId);
		if (!scenario) return fail(400, { errors: { scenarioId: ['没有这个案例'] } as FieldErrors });
		const { db } = locals.services.sql;
		const survey = await createSurvey(db, user.id, parsed.data, scenario.terms);
		await audit(db, null, `user:${user.id}`, 'survey.create', {
			survey: survey.id,
			title: survey.title
		});
		redirect(303, `/surveys/${survey.id}`);
	}
};
