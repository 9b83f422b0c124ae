import { error, json } from '@sveltejs/kit';
import { ownedSurvey, responsesOf } from '$lib/server/voice/surveys.ts';
import { aggregateSurvey } from '$lib/domain/survey/index.ts';
import type { RequestHandler } from './$types';

/** The live results the survey page polls while answers arrive. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const s = await ownedSurvey(locals.services.sql.db, locals.principal.user?.id, params.id);
	if (!s) error(404, '没有这个问卷，或您不是它的发起人');
	return json({
		status: s.status,
		results: aggregateSurvey(s.questions, await responsesOf(locals.services.sql.db, s.id))
	});
};
