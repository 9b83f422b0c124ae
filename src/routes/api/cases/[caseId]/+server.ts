import { z } from 'zod';
import { caseAnswer, caseBody, versionParam } from '$lib/server/cases/http.ts';
import { saveCaseFor, viewCase } from '$lib/server/cases/service.ts';
import type { RequestHandler } from './$types';

const SaveBody = z
	.object({
		document: z.unknown(),
		note: z.string().max(500),
		baseVersion: z.number().int().min(1)
	})
	.strict();

/** One version of a case (the latest without `?version=`) and the list of versions (K4). */
export const GET: RequestHandler = ({ locals, params, url }) =>
	caseAnswer(async () => {
		const v = await viewCase(
			locals.services.sql.db,
			locals.principal.user?.id,
			params.caseId,
			versionParam(url)
		);
		const { access: _access, ...rest } = v;
		return rest;
	});

/** Saves a new version on top of `baseVersion`: 409 when it is not the latest (K5). */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	caseAnswer(async () => {
		const b = await caseBody(request, SaveBody);
		return saveCaseFor(locals.services.sql.db, locals.principal.user?.id, params.caseId, b);
	});
