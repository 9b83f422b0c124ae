import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createEvent, eventsOrganizedBy, NewEventSchema } from '$lib/server/events/events.ts';
import { getScenario, isCaseRef } from '$lib/server/scenarios.ts';
import { audit } from '$lib/server/audit.ts';
import { accessTo, CaseRefused, listCasesFor } from '$lib/server/cases/service.ts';
import { isBuiltIn, resolveCase } from '$lib/server/cases/resolve.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.principal.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	// Built-ins and every studio case the organizer may read; an event takes the latest version (K8).
	const cases = await listCasesFor(locals.services.sql.db, user.id);
	return {
		events: (await eventsOrganizedBy(locals.services.sql.db, user.id)).map((e) => ({
			...e,
			scenarioTitle: getScenario(e.scenarioId)?.title ?? e.scenarioId
		})),
		scenarios: cases.map((c) => ({
			id: c.id,
			title: c.title,
			version: c.version,
			builtIn: c.builtIn
		})),
		preselected: url.searchParams.get('case') ?? ''
	};
};

type FieldErrors = Partial<Record<'name' | 'kind' | 'scenarioId' | 'membersPerSide', string[]>>;

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const user = locals.principal.user;
		if (!user) redirect(303, '/login');
		const form = Object.fromEntries(await request.formData());
		const parsed = NewEventSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, { errors: z.flattenError(parsed.error).fieldErrors as FieldErrors });
		const { sql } = locals.services;
		const chosen = parsed.data.scenarioId;
		const noCase = fail(400, { errors: { scenarioId: ['没有这个案例'] } as FieldErrors });
		// The form names a case; the version is the server's to pick (the latest), never the form's.
		if (isCaseRef(chosen)) return noCase;
		let scenarioId = chosen;
		if (!isBuiltIn(chosen)) {
			try {
				await accessTo(sql.db, user.id, chosen);
			} catch (e) {
				if (e instanceof CaseRefused) return noCase;
				throw e;
			}
			const latest = await resolveCase(sql.db, chosen);
			if (!latest) return noCase;
			scenarioId = latest.ref;
		}
		const event = await createEvent(sql.db, { ...parsed.data, scenarioId }, user.id);
		await audit(sql.db, event.id, `user:${user.id}`, 'event.create', {
			name: event.name,
			scenario: event.scenarioId
		});
		redirect(303, `/events/${event.id}`);
	}
};
