import { describe, expect, it } from 'vitest';
import { isCrossSiteRequest } from './csrf.ts';
import { sameOriginPath } from './auth.ts';

const own = 'http://xieshang.example:3000';
const h = (init: Record<string, string>) => new Headers(init);

describe('cross-site requests', () => {
	it('refuses every state-changing method from another origin, with or without a body', () => {
		for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			expect(isCrossSiteRequest(m, h({ origin: 'https://evil.example' }), own), m).toBe(true);
			expect(isCrossSiteRequest(m, h({ origin: 'null' }), own), `${m} null`).toBe(true);
			expect(isCrossSiteRequest(m, h({ origin: own }), own), `${m} own`).toBe(false);
		}
	});

	it('lets reads through and trusts Sec-Fetch-Site when a client sends no Origin', () => {
		expect(isCrossSiteRequest('GET', h({ origin: 'https://evil.example' }), own)).toBe(false);
		expect(isCrossSiteRequest('POST', h({}), own)).toBe(false);
		expect(isCrossSiteRequest('POST', h({ 'sec-fetch-site': 'cross-site' }), own)).toBe(true);
		expect(isCrossSiteRequest('POST', h({ 'sec-fetch-site': 'same-origin' }), own)).toBe(false);
	});
});

describe('where login sends you next', () => {
	it('keeps paths on this site, with their query', () => {
		expect(sameOriginPath('/events/abc?tab=1#x', own)).toBe('/events/abc?tab=1#x');
	});

	it('refuses anything that leaves the site', () => {
		for (const next of [
			'/\\evil.example',
			'//evil.example',
			'/\t/evil.example',
			'https://evil.example/',
			'evil.example',
			'',
			null
		]) {
			expect(sameOriginPath(next, own), JSON.stringify(next)).toBeNull();
		}
	});
});
