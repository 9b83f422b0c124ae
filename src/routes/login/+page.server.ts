import { fail, redirect } from '@sveltejs/kit';
import {
	checkPassword,
	countUsers,
	createSession,
	revokeSession,
	sameOriginPath
} from '$lib/server/auth.ts';
import { setSessionCookie } from '$lib/server/cookies.ts';
import { audit } from '$lib/server/audit.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if ((await countUsers(locals.services.sql.db)) === 0) redirect(303, '/setup');
	if (locals.principal.user) redirect(303, '/events');
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const { limits, disconnectSubject } = locals.services;
		const { db } = locals.services.sql;
		const form = await request.formData();
		const login = String(form.get('login') ?? '')
			.trim()
			.slice(0, 64);
		const password = String(form.get('password') ?? '');
		const ip = getClientAddress();
		if (
			!(await limits.loginPerIp.attempt(ip)) ||
			!(await limits.loginPerAccount.attempt(login.toLowerCase()))
		) {
			return fail(429, {
				login,
				error: 'rate' as const,
				retryAfter: await limits.loginPerIp.retryAfter(ip)
			});
		}
		const user = await checkPassword(db, login, password);
		if (!user) {
			await audit(db, null, `ip:${ip}`, 'login.failed', { login });
			return fail(400, { login, error: 'wrong' as const, retryAfter: 0 });
		}
		// Always a new token (a cookie planted before login must not become an organizer session);
		// a seat this browser already held moves over to it.
		const held = locals.principal.session;
		const { token, session } = await createSession(db, {
			userId: user.id,
			seatId: held?.seatId ?? null,
			displayName: held?.displayName ?? user.displayName
		});
		if (held) {
			await revokeSession(db, held.id);
			disconnectSubject(`session:${held.id}`);
		}
		setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		await audit(db, null, `user:${user.id}`, 'login', { ip });
		redirect(303, sameOriginPath(url.searchParams.get('next'), url.origin) ?? '/events');
	}
};
