import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { listScenarios, getScenario } from '$lib/server/scenarios.ts';
import { proposalsOf } from '$lib/server/proposals/store.ts';
import { NewProposalSchema, startProposal } from '$lib/server/proposals/workspace.ts';
import { appendAudit } from '$lib/server/sql/audit.ts';
import type { Actions, PageServerLoad } from './$types';

/** An organizer's proposal workspaces, and a form to start one on a case. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.principal.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const list = await proposalsOf(locals.services.sql.db, user.id);
	return {
		proposals: list.map((p) => ({
			id: p.id,
			title: p.title,
			caseTitle: getScenario(p.caseId)?.title ?? p.caseId,
			createdAt: p.createdAt,
			isOwner: p.ownerId === user.id
		})),
		// Piece-rate cases first: the workspace is made for platform and delivery proposals.
		cases: listScenarios()
			.map((s) => ({ id: s.id, title: s.title, isPieceRate: !!getScenario(s.id)?.pieceRate }))
			.sort((a, b) => Number(b.isPieceRate) - Number(a.isPieceRate))
	};
};

type FieldErrors = Partial<Record<'caseId' | 'title', string[]>>;

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const user = locals.principal.user;
		if (!user) redirect(303, '/login?next=/proposals');
		const form = Object.fromEntries(await request.formData());
		const parsed = NewProposalSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, {
				values: { title: String(form.title ?? ''), caseId: String(form.caseId ?? '') },
				errors: z.flattenError(parsed.error).fieldErrors as FieldErrors
			});
		if (!getScenario(parsed.data.caseId))
			return fail(400, {
				values: parsed.data,
				errors: { caseId: ['没有这个案例'] } as FieldErrors
			});
		const p = await startProposal(locals.services, parsed.data, user);
		await appendAudit(locals.services.sql.db, null, `user:${user.id}`, 'proposal.create', {
			proposal: p.id,
			case: p.caseId
		});
		redirect(303, `/proposals/${p.id}`);
	}
};
