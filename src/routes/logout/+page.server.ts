import { redirect } from '@sveltejs/kit';
import { revokeSession } from '$lib/server/auth.ts';
import { clearSessionCookie } from '$lib/server/cookies.ts';
import { audit } from '$lib/server/audit.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		const { disconnectSubject } = locals.services;
		const { db } = locals.services.sql;
		const s = locals.principal.session;
		if (s) {
			await revokeSession(db, s.id);
			disconnectSubject(`session:${s.id}`);
			await audit(db, null, s.userId ? `user:${s.userId}` : `session:${s.id}`, 'logout');
		}
		clearSessionCookie(cookies);
		redirect(303, '/');
	}
};
