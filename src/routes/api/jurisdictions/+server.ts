import { z } from 'zod';
import { caseAnswer, caseBody } from '$lib/server/cases/http.ts';
import { listJurisdictionsFor, saveJurisdictionFor } from '$lib/server/cases/service.ts';
import type { RequestHandler } from './$types';

const SaveBody = z.object({ document: z.unknown() }).strict();

/** Every jurisdiction a case may name, with the figures each leaves for the case to give (K12, K14). */
export const GET: RequestHandler = ({ locals }) =>
	caseAnswer(() => listJurisdictionsFor(locals.services.sql.db, locals.principal.user?.id));

/** A jurisdiction saved as a new one; 201 `{id}`, 409 when the id is taken (K12). */
export const POST: RequestHandler = ({ locals, request }) =>
	caseAnswer(async () => {
		const { document } = await caseBody(request, SaveBody);
		return saveJurisdictionFor(locals.services.sql.db, locals.principal.user?.id, document);
	}, 201);
