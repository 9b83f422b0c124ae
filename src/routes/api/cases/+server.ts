import { z } from 'zod';
import { caseAnswer, caseBody } from '$lib/server/cases/http.ts';
import { CaseRefused, createCaseFor, listCasesFor } from '$lib/server/cases/service.ts';
import type { RequestHandler } from './$types';

const NewCaseBody = z
	.object({
		document: z.unknown().optional(),
		note: z.string().max(500).optional(),
		copyOf: z
			.object({ id: z.string().min(1).max(100), version: z.number().int().min(1).optional() })
			.strict()
			.optional()
	})
	.strict();

/** The cases the caller may see: built-ins, their own, and shared ones (K2). */
export const GET: RequestHandler = ({ locals }) =>
	caseAnswer(async () => {
		const user = locals.principal.user;
		if (!user) throw new CaseRefused(403, '请先以组织者身份登录');
		return listCasesFor(locals.services.sql.db, user.id);
	});

/** A new case from a document or a copy (K1, K3); 201 `{id, version}`. */
export const POST: RequestHandler = ({ locals, request }) =>
	caseAnswer(async () => {
		const b = await caseBody(request, NewCaseBody);
		return createCaseFor(locals.services.sql.db, locals.principal.user?.id, b);
	}, 201);
