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
	vi.spyOn(process.stdout, 'write').mockImplementation(
		(c: string | Uint8Array) => ((out += String(c)), true)
	);
	vi.spyOn(process.stderr, 'write').mockImplementation(
		(c: string | Uint8Array) => ((err += String(c)), true)
	);
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
		expect(
			labour.map((t: { id: string; total: number; prize: string }) => [t.id, t.prize])
		).toEqual([
			['L1', '一等奖'],
			['L2', '二等奖']
		]);
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
		expect(
			ind
				.slice(0, 3)
				.map((c: { id: string }) => c.id)
				.sort()
		).toEqual(['l1a', 'l2a', 'l2b']);
		expect(ind[2]).toMatchObject({ id: 'l1a', score: 80, award: '优秀协商员' });
		expect(ind[1].decidedBy).toBe('lot');
		expect(r.seed).toBe(20260501);
		// m1 judges' orders L/M: j1 L, j2 M, j3 L → W = 12 × 0.5 / 54 = 1/9; m2 all L → 1
		expect(r.agreement.map((a: { kendallW: number }) => a.kendallW)).toEqual([
			expect.closeTo(1 / 9, 9),
			expect.closeTo(1, 9)
		]);
	});

	it('prints a readable table by default', async () => {
		expect(await standings([EXAMPLE])).toBe(0);
		expect(out).toContain('红星职工队');
		expect(out).toContain('一等奖');
		expect(out).toContain('seed 20260501');
		expect(out).toMatch(/lot \(seed 20260501\)/);
	});

	describe('outcome analysis (S28) from the packages in the file (S29)', () => {
		let dir = '';
		beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'xs-standings-'))));
		afterEach(() => rmSync(dir, { recursive: true, force: true }));

		/**
		 * Two terms, hand-enumerated. Packages (labour, management):
		 *   3%+5 (0,60)   3%+10 (20,50)  3%+15 (30,40)
		 *   5%+5 (30,50)  5%+10 (50,40)  5%+15 (60,30)
		 *   7%+5 (40,20)  7%+10 (60,10)  7%+15 (70,0)
		 * Frontier: (0,60) (30,50) (50,40) (60,30) (70,0); max joint 90. Best: labour 40 + 30 = 70,
		 * management 40 + 20 = 60. Reservation 20 / 20. Nash: (30,50) 10×30 = 300, (50,40) 30×20 = 600,
		 * (60,30) 40×10 = 400 → 5% + 10 days at (50,40).
		 */
		const agenda = {
			terms: [
				{
					id: 'raise',
					options: [
						{ value: '3%', labour: 0, management: 40 },
						{ value: '5%', labour: 30, management: 30 },
						{ value: '7%', labour: 40, management: 0 }
					]
				},
				{
					id: 'leave',
					options: [
						{ value: 5, labour: 0, management: 20 },
						{ value: 10, labour: 20, management: 10 },
						{ value: 15, labour: 30, management: 0 }
					]
				}
			]
		};
		const file = {
			version: 1,
			event: { id: 'oa', name: '结果分析' },
			weights: { rubric: 70, outcome: 30 },
			noAgreement: 'last-offers',
			seed: 7,
			prizes: { mode: 'count', bands: [{ label: '一等奖', count: 1 }] },
			teams: [
				{ id: 'L1', name: '甲', side: 'labour' },
				{ id: 'M1', name: '乙', side: 'management' },
				{ id: 'L2', name: '丙', side: 'labour' },
				{ id: 'M2', name: '丁', side: 'management' }
			],
			matches: [
				{
					id: 'm1',
					labourTeamId: 'L1',
					managementTeamId: 'M1',
					outcome: {
						kind: 'points',
						agenda,
						reservation: { labour: 20, management: 20 },
						agreement: { raise: '3%', leave: 15 },
						agreedTerms: { raise: '3%', leave: 15, clause: '双方协商一致' }
					}
				},
				{
					id: 'm2',
					labourTeamId: 'L2',
					managementTeamId: 'M2',
					outcome: {
						kind: 'points',
						agenda,
						reservation: { labour: 20, management: 20 },
						agreement: null,
						lastOffers: {
							labour: { raise: '5%', leave: 15 },
							management: { raise: '5%', leave: 5 }
						}
					}
				}
			],
			sheets: []
		};

		it('recomputes the outcomes and prints the analysis under `analysis` in --json', async () => {
			const f = join(dir, 'event.json');
			writeFileSync(f, JSON.stringify(file));
			expect(await standings([f, '--json'])).toBe(0);
			const r = JSON.parse(out);
			// m1 signed 3% + 15 = (0 + 30, 40 + 0) = (30, 40): outcome labour 100 × (30−20)/(70−20) = 20,
			// management 100 × (40−20)/(60−20) = 50. m2 under last-offers: labour on management's 5% + 5
			// = 30 + 0 = 30 → 20; management on labour's 5% + 15 = 30 + 0 = 30 → 100 × 10/40 = 25.
			const outcome = (id: string) =>
				r.pools
					.flatMap((p: { teams: { id: string; outcome: number }[] }) => p.teams)
					.find((t: { id: string }) => t.id === id).outcome;
			expect(
				[outcome('L1'), outcome('M1'), outcome('L2'), outcome('M2')].map((x: number) =>
					Number(x.toFixed(9))
				)
			).toEqual([20, 50, 20, 25]);
			const [m1, m2] = r.analysis;
			expect(m1.matchId).toBe('m1');
			expect(m1.agreedTerms).toEqual({ raise: '3%', leave: 15, clause: '双方协商一致' });
			expect(m1.analysis).toMatchObject({
				kind: 'points',
				basis: 'agreement',
				package: { raise: '3%', leave: 15 }
			});
			// [S28] the agenda's complete packages: 3 raise options × 3 leave options = 9 (enumerated above)
			expect(m1.analysis.packages).toBe(9);
			expect(m2.analysis.packages).toBe(9);
			const p1 = m1.analysis.point;
			expect([
				p1.labour,
				p1.management,
				p1.joint,
				p1.bestLabour,
				p1.bestManagement,
				p1.maxJoint
			]).toEqual([30, 40, 70, 70, 60, 90]);
			expect(p1.labourShare).toBeCloseTo(30 / 70, 12); // 0.4286
			expect(p1.managementShare).toBeCloseTo(40 / 60, 12); // 0.6667
			expect(p1.efficiency).toBeCloseTo(70 / 90, 12); // 0.7778
			// Frontier points ≥ (30,40): (30,50) joint 80, (50,40) joint 90 → 90 − 70 = 20 left, by 5% + 10.
			expect(p1.valueLeftOnTable).toBe(20);
			expect(p1.improvement.package).toEqual({ raise: '5%', leave: 10 });
			expect(m1.analysis.nash).toMatchObject({
				labour: 50,
				management: 40,
				product: 600,
				package: { raise: '5%', leave: 10 }
			});
			// m2: (30, 30), joint 60; frontier ≥ (30,30): 80, 90, 90 → 30 left; efficiency 60/90.
			expect(m2.analysis).toMatchObject({
				basis: 'last-offers',
				package: null,
				point: { labour: 30, management: 30, joint: 60, valueLeftOnTable: 30 }
			});
			expect(m2.analysis.point.efficiency).toBeCloseTo(60 / 90, 12);
		});

		it('prints the analysis after the standings in the readable output', async () => {
			const f = join(dir, 'event.json');
			writeFileSync(f, JSON.stringify(file));
			expect(await standings([f])).toBe(0);
			const section = out.slice(out.indexOf('== 协议结果分析'));
			expect(out.indexOf('== 协议结果分析')).toBeGreaterThan(out.indexOf('== 评委一致性'));
			expect(section).toContain('package: raise=3%, leave=15');
			expect(section).toMatch(/share of best \/ efficiency\s+42\.9%\s+66\.7%\s+77\.8%/);
			expect(section).toContain('value left on the table 20 (e.g. raise=5%, leave=10: 50 / 40)');
			expect(section).toContain('Nash point: raise=5%, leave=10 (gains 30 × 20 = 600)');
			expect(section).toContain("management's last offer: raise=5%, leave=5");
			expect(section).toContain('value left on the table 30');
		});
	});

	describe('with a broken file', () => {
		let dir = '';
		beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'xs-standings-'))));
		afterEach(() => rmSync(dir, { recursive: true, force: true }));

		it('[S35] refuses an invalid export with the path of each problem and exit 1', async () => {
			const f = join(dir, 'bad.json');
			writeFileSync(
				f,
				JSON.stringify({
					version: 1,
					event: { id: 'e', name: 'e' },
					weights: { rubric: 1, outcome: 0 },
					seed: -1
				})
			);
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
