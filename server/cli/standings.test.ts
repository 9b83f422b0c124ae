import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { standings } from './standings.ts';

const EXAMPLE = join(import.meta.dirname, '../../tests/fixtures/event-export.example.yaml');

let out = '';
let err = '';
beforeEach(() => {
	out = '';
	err = '';
	vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
	vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('xs standings', () => {
	it('[S11][S22][S27] prints the example event as one JSON object with hand-computed totals', async () => {
		expect(await standings([EXAMPLE, '--json'])).toBe(0);
		const lines = out.trim().split('\n');
		expect(lines).toHaveLength(1);
		const r = JSON.parse(lines[0] as string);
		const labour = r.pools.find((p: { pool: string }) => p.pool === 'labour').teams;
		// L1 sheets 30+32+(16+15)/2 = 77.5, 28+30+14.5 = 72.5, 32+33.5+16.5 = 82 → rubric 232/3
		// L1 outcome: agreement (5,7,200) = 70 labour points, reservation 30, best 50+20+30 = 100 → 100×40/70
		// L1 total 0.7 × 232/3 + 0.3 × 400/7 = 54.1333 + 17.1429 = 71.2762
		// L2 sheets 84.5, 79, 86.5 → 250/3; no agreement, rule zero → outcome 0; total 0.7 × 250/3 = 58.3333
		expect(labour.map((t: { id: string; total: number; prize: string }) => [t.id, t.prize])).toEqual([['L1', '一等奖'], ['L2', '二等奖']]);
		expect(labour[0].rubric).toBeCloseTo(232 / 3, 9);
		expect(labour[0].outcome).toBeCloseTo(400 / 7, 9);
		expect(labour[0].total).toBeCloseTo(0.7 * (232 / 3) + 0.3 * (400 / 7), 9);
		expect(labour[1].total).toBeCloseTo(0.7 * (250 / 3), 9);
		const mgmt = r.pools.find((p: { pool: string }) => p.pool === 'management').teams;
		// M1 sheets 74, 76, 77 → 227/3; outcome (40 − 30)/(70 − 30) = 25; total 0.7×227/3 + 7.5 = 60.4667
		expect(mgmt[0].id).toBe('M1');
		expect(mgmt[0].total).toBeCloseTo((0.7 * 227) / 3 + 7.5, 9);
		// expression means ×5: l2a 17 → 85, l2b 17 → 85 (lot), l1a 16 → 80
		const ind = r.individuals[0].contestants;
		expect(ind.slice(0, 3).map((c: { id: string }) => c.id).sort()).toEqual(['l1a', 'l2a', 'l2b']);
		expect(ind[2]).toMatchObject({ id: 'l1a', score: 80, award: '优秀协商员' });
		expect(ind[1].decidedBy).toBe('lot');
		expect(r.seed).toBe(20260501);
		// m1 judges' orders L/M: j1 L, j2 M, j3 L → W = 12 × 0.5 / 54 = 1/9; m2 all L → 1
		expect(r.agreement.map((a: { kendallW: number }) => a.kendallW)).toEqual([expect.closeTo(1 / 9, 9), expect.closeTo(1, 9)]);
	});

	it('prints a readable table by default', async () => {
		expect(await standings([EXAMPLE])).toBe(0);
		expect(out).toContain('红星职工队');
		expect(out).toContain('一等奖');
		expect(out).toContain('seed 20260501');
		expect(out).toMatch(/lot \(seed 20260501\)/);
	});

	describe('with a broken file', () => {
		let dir = '';
		beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'xs-standings-'))));
		afterEach(() => rmSync(dir, { recursive: true, force: true }));

		it('[S35] refuses an invalid export with the path of each problem and exit 1', async () => {
			const f = join(dir, 'bad.json');
			writeFileSync(f, JSON.stringify({ version: 1, event: { id: 'e', name: 'e' }, weights: { rubric: 1, outcome: 0 }, seed: -1 }));
			expect(await standings([f])).toBe(1);
			expect(err).toContain('seed');
			expect(err).toContain('prizes');
			expect(out).toBe('');
		});

		it('exit 2 on usage errors and unreadable files', async () => {
			expect(await standings([])).toBe(2);
			expect(await standings([join(dir, 'missing.yaml')])).toBe(2);
			expect(err).toContain('usage: xs standings FILE [--json]');
		});
	});
});
