import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli.ts';

let out: string[];
let err: string[];
beforeEach(() => {
	out = [];
	err = [];
	vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
	vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('xs ratify', () => {
	it('[R1] prints quorate, passed and the reason as JSON', async () => {
		// 120 of 180 present = exactly 2/3 → quorate; 90 yes is not more than 180 / 2
		expect(
			await main(['ratify', '--delegates', '180', '--present', '120', '--yes', '90', '--json'])
		).toBe(0);
		const r = JSON.parse(out.join(''));
		expect(r).toMatchObject({ quorate: true, passed: false });
		expect(r.reason).toContain('未超过全体代表 180 人的半数');
	});
	it('refuses a tally with more present than delegates, and an unknown rule', async () => {
		expect(await main(['ratify', '--delegates', '10', '--present', '11', '--yes', '3'])).toBe(2);
		expect(err.join('\n')).toContain('超过代表总数');
		expect(
			await main(['ratify', '--delegates', '10', '--present', '10', '--yes', '6', '--rule', 'nope'])
		).toBe(2);
		expect(err.join('\n')).toMatch(/--rule must be one of national/);
	});
});

describe('xs procedure', () => {
	it('[T4] prints each step with its due date, null where a date is missing', async () => {
		// Zhejiang reply: 10 working days after Thu 2026-09-24 → 2026-10-15 (procedure.test.ts, T3);
		// filing: 2026-11-25 + 10 days = Sat 12-05 → Mon 2026-12-07; review needs --filed
		expect(
			await main([
				'procedure',
				'--jurisdiction',
				'zhejiang-tier1',
				'--offer-date',
				'2026-09-24',
				'--signed',
				'2026-11-25',
				'--json'
			])
		).toBe(0);
		const { steps } = JSON.parse(out.join(''));
		expect(
			Object.fromEntries(steps.map((s: { id: string; due: string | null }) => [s.id, s.due]))
		).toEqual({
			reply: '2026-10-15',
			congress: '2026-12-16',
			filing: '2026-12-07',
			review: null,
			effective: null
		});
	});
	it('refuses an unknown jurisdiction and a malformed date', async () => {
		expect(await main(['procedure', '--jurisdiction', 'mars', '--offer-date', '2026-09-24'])).toBe(
			2
		);
		expect(err.join('\n')).toContain('unknown jurisdiction "mars"');
		expect(
			await main(['procedure', '--jurisdiction', 'national', '--offer-date', '2026-02-30'])
		).toBe(2);
		expect(err.join('\n')).toContain('--offer-date must be a date');
	});
});
