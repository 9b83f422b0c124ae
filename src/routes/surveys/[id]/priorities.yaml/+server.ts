import { error } from '@sveltejs/kit';
import { ownedSurvey } from '$lib/server/voice/surveys.ts';
import { draftToYaml } from '$lib/domain/survey/index.ts';
import type { RequestHandler } from './$types';

/** The stored labour-priorities draft as YAML, in the case's points-table format. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const s = await ownedSurvey(locals.services.sql.db, locals.principal.user?.id, params.id);
	if (!s) error(404, '没有这个问卷，或您不是它的发起人');
	if (!s.priorities) error(404, '还没有生成职工方优先级');
	return new Response(draftToYaml(s.priorities, s.title), {
		headers: {
			'content-type': 'text/yaml; charset=utf-8',
			'content-disposition': `attachment; filename="priorities-${s.id}.yaml"`
		}
	});
};
