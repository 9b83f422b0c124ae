import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { services } from '$lib/server/services.ts';
import { principalFor } from '$lib/server/access.ts';
import { SESSION_COOKIE } from '$lib/server/auth.ts';
import { CROSS_SITE_MESSAGE, isCrossSiteRequest } from '$lib/server/csrf.ts';

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
const session: Handle = async ({ event, resolve }) => {
	event.locals.services = services();
	event.locals.principal = await principalFor(
		event.locals.services.sql.db,
		event.cookies.get(SESSION_COOKIE)
	);
	return resolve(event);
};

/** Refuses state-changing requests from other sites, with or without a body (see csrf.ts). */
const sameOrigin: Handle = ({ event, resolve }) => {
	if (isCrossSiteRequest(event.request.method, event.request.headers, event.url.origin)) {
		return new Response(JSON.stringify({ error: CROSS_SITE_MESSAGE }), {
			status: 403,
			headers: { 'content-type': 'application/json; charset=utf-8' }
		});
	}
	return resolve(event);
};

export const handle = sequence(sameOrigin, session, i18n);
