import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { services } from '$lib/server/services.ts';
import { principalFor } from '$lib/server/access.ts';
import { SESSION_COOKIE } from '$lib/server/auth.ts';

/** Resolves the locale (cookie, else zh-CN) for the whole request and writes it into <html lang>. */
const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/**
 * Hands the routes the per-process services and loads the caller's session, account and seat once
 * per request; routes decide what that allows.
 */
const session: Handle = ({ event, resolve }) => {
	event.locals.services = services();
	event.locals.principal = principalFor(event.locals.services.db, event.cookies.get(SESSION_COOKIE));
	return resolve(event);
};

export const handle = sequence(session, i18n);
