import { z } from 'zod';
import { caseAnswer, caseBody } from '$lib/server/cases/http.ts';
import { accessTo, CaseRefused } from '$lib/server/cases/service.ts';
import { deleteDraft, getDraft, putDraft } from '$lib/server/cases/store.ts';
import type { RequestHandler } from './$types';

// Any JSON document: a draft is half-written by design and never validated (K6).
const DraftBody = z.object({ document: z.unknown() }).strict();

async function caller(locals: App.Locals, caseId: string): Promise<string> {
	const userId = locals.principal.user?.id;
	await accessTo(locals.services.sql.db, userId, caseId);
	if (!userId) throw new CaseRefused(403, '请先以组织者身份登录');
	return userId;
}

/** The caller's own draft of this case, or `{document: null, savedAt: null}`. */
export const GET: RequestHandler = ({ locals, params }) =>
	caseAnswer(async () => {
		const userId = await caller(locals, params.caseId);
		return (
			(await getDraft(locals.services.sql.db, params.caseId, userId)) ?? {
				document: null,
				savedAt: null
			}
		);
	});

export const PUT: RequestHandler = ({ locals, params, request }) =>
	caseAnswer(async () => {
		const userId = await caller(locals, params.caseId);
		const b = await caseBody(request, DraftBody);
		const savedAt = await putDraft(locals.services.sql.db, params.caseId, userId, b.document);
		return { document: b.document, savedAt };
	});

export const DELETE: RequestHandler = ({ locals, params }) =>
	caseAnswer(async () => {
		const userId = await caller(locals, params.caseId);
		await deleteDraft(locals.services.sql.db, params.caseId, userId);
		return { ok: true };
	});
