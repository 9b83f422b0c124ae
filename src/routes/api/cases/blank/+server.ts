import { caseAnswer } from '$lib/server/cases/http.ts';
import { blankCaseDocument } from '$lib/server/cases/blank.ts';
import { CaseRefused } from '$lib/server/cases/service.ts';
import type { RequestHandler } from './$types';

/** The smallest valid document, what "new from blank" starts with: `{document}`. */
export const GET: RequestHandler = ({ locals }) =>
	caseAnswer(async () => {
		if (!locals.principal.user) throw new CaseRefused(403, '请先以组织者身份登录');
		return { document: blankCaseDocument() };
	});
