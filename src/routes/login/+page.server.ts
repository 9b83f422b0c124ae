import { fail, redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services.ts';
import { checkPassword, countUsers, createSession, updateSession } from '$lib/server/auth.ts';
import { setSessionCookie } from '$lib/server/cookies.ts';
import { audit } from '$lib/server/audit.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (countUsers(services().db) === 0) redirect(303, '/setup');
	if (locals.principal.user) redirect(303, '/events');
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const { db, limits } = services();
		const form = await request.formData();
		const login = String(form.get('login') ?? '').trim().slice(0, 64);
		const password = String(form.get('password') ?? '');
		const ip = getClientAddress();
		if (!limits.loginPerIp.attempt(ip) || !limits.loginPerAccount.attempt(login.toLowerCase())) {
			return fail(429, { login, error: 'rate' as const, retryAfter: limits.loginPerIp.retryAfter(ip) });
		}
		const user = await checkPassword(db, login, password);
		if (!user) {
			audit(db, null, `ip:${ip}`, 'login.failed', { login });
			return fail(400, { login, error: 'wrong' as const, retryAfter: 0 });
		}
		// A seat already held by this browser stays bound; the session gains the account.
		const held = locals.principal.session;
		if (held) updateSession(db, held.id, { userId: user.id });
		else {
			const { token, session } = createSession(db, { userId: user.id, displayName: user.displayName });
			setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		}
		audit(db, null, `user:${user.id}`, 'login', { ip });
		const next = url.searchParams.get('next');
		redirect(303, next && next.startsWith('/') && !next.startsWith('//') ? next : '/events');
	}
};
