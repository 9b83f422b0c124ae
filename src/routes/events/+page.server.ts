import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createEvent, eventsOrganizedBy, NewEventSchema } from '$lib/server/events/events.ts';
import { listScenarios, getScenario } from '$lib/server/scenarios.ts';
import { audit } from '$lib/server/audit.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.principal.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	return {
		events: (await eventsOrganizedBy(locals.services.sql.db, user.id)).map((e) => ({
			...e,
			scenarioTitle: getScenario(e.scenarioId)?.title ?? e.scenarioId
		})),
		scenarios: listScenarios().map((s) => ({ id: s.id, title: s.title }))
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
		if (!getScenario(parsed.data.scenarioId)) {
			return fail(400, { errors: { scenarioId: ['没有这个案例'] } as FieldErrors });
		}
		const { db } = locals.services.sql;
		const event = await createEvent(db, parsed.data, user.id);
		await audit(db, event.id, `user:${user.id}`, 'event.create', {
			name: event.name,
			scenario: event.scenarioId
		});
		redirect(303, `/events/${event.id}`);
	}
};
