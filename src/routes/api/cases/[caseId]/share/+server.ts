import { z } from 'zod';
import { caseAnswer, caseBody } from '$lib/server/cases/http.ts';
import { shareCaseFor } from '$lib/server/cases/service.ts';
import type { RequestHandler } from './$types';

const ShareBody = z.object({ shared: z.boolean() }).strict();

/** The author shares the case with every organizer, or takes it back (K3). */
export const POST: RequestHandler = ({ locals, params, request }) =>
	caseAnswer(async () => {
		const { shared } = await caseBody(request, ShareBody);
		await shareCaseFor(locals.services.sql.db, locals.principal.user?.id, params.caseId, shared);
		return { shared };
	});
