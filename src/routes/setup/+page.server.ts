import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { countUsers, createSession, createUser, NewUserSchema } from '$lib/server/auth.ts';
import { setSessionCookie } from '$lib/server/cookies.ts';
import { audit } from '$lib/server/audit.ts';
import { adoptOrphanEvents } from '$lib/server/events/demo.ts';
import type { Actions, PageServerLoad } from './$types';

// The setup page exists only while there is no account at all.
export const load: PageServerLoad = async ({ locals }) => {
	if ((await countUsers(locals.services.sql.db)) > 0) redirect(303, '/login');
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const { db } = locals.services.sql;
		if ((await countUsers(db)) > 0) redirect(303, '/login');
		const form = Object.fromEntries(await request.formData());
		const parsed = NewUserSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				values: { login: String(form.login ?? ''), displayName: String(form.displayName ?? '') },
				errors: z.flattenError(parsed.error).fieldErrors
			});
		}
		const user = await createUser(db, parsed.data);
		await adoptOrphanEvents(db, user.id);
		const { token, session } = await createSession(db, {
			userId: user.id,
			displayName: user.displayName
		});
		setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		await audit(db, null, `user:${user.id}`, 'setup.first-organizer', { login: user.login });
		redirect(303, '/events');
	}
};
