/**
 * Cross-site request forgery: another site's page can make a visitor's browser send a request
 * here with the visitor's cookies. SvelteKit refuses cross-site form posts only for form content
 * types, so a body-less `fetch('/api/match/…/push', { method: 'POST', credentials: 'include' })`
 * from elsewhere would run. Every state-changing request is checked here instead.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CROSS_SITE_MESSAGE = '跨站请求已被拒绝：请在本站页面上操作';

/**
 * True when a state-changing request comes from another origin. Browsers send `Origin` with every
 * POST, PUT, PATCH and DELETE; a request without it comes from a non-browser client (a script
 * with its own cookie), which no other site can drive, unless `Sec-Fetch-Site` says otherwise.
 */
export function isCrossSiteRequest(method: string, headers: Headers, ownOrigin: string): boolean {
	if (SAFE_METHODS.has(method.toUpperCase())) return false;
	const origin = headers.get('origin');
	if (origin !== null) return origin !== ownOrigin;
	const site = headers.get('sec-fetch-site');
	return site !== null && site !== 'same-origin' && site !== 'none';
}
