import { caseAnswer } from '$lib/server/cases/http.ts';
import { CaseRefused, importCaseFor } from '$lib/server/cases/service.ts';
import type { RequestHandler } from './$types';

/** Body = the YAML text; `?file=NAME` names it in the errors. 201 `{id, version}` (K11). */
export const POST: RequestHandler = ({ locals, request, url }) =>
	caseAnswer(async () => {
		const text = await request.text();
		if (!text.trim()) throw new CaseRefused(400, '请粘贴或上传 YAML 案例文件', { errors: [] });
		const file = (url.searchParams.get('file') ?? 'case.yaml').replace(/[^\p{L}\p{N}._-]/gu, '_');
		return importCaseFor(locals.services.sql.db, locals.principal.user?.id, text, file);
	}, 201);
