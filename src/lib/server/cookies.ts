import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './auth.ts';

/** HttpOnly, SameSite=Lax; Secure whenever the request came over HTTPS. */
export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: number,
	secure: boolean
): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
