import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('xs sweep and xs compare', () => {
	it('[G9] xs sweep --json prints rows, and with a target the answer and the step below', async () => {
		const argv = ['sweep', 's2-qianhu-food-delivery', '--term', 'upliftPerOrder'];
		const range = ['--from', '0', '--to', '2', '--step', '0.2', '--json'];
		expect(await main([...argv, ...range])).toBe(0);
		const plain = JSON.parse(out.join(''));
		expect(plain.rows).toHaveLength(11);
		expect(plain.rows[0]).toMatchObject({
			value: 0,
			monthlyCostDelta: 0,
			shareBelowHourlyMinimum: 0.28
		});
		expect(plain).not.toHaveProperty('answer');
		out = [];
		expect(await main([...argv, ...range, '--target', 'shareBelowHourlyMinimum<=0.1'])).toBe(0);
		const r = JSON.parse(out.join(''));
		// the printed rows: 0.07 below at 1.4, 0.14 at 1.2 (xs sweep, s2)
		expect(r.answer).toBe(1.4);
		expect(r.missedAt).toBe(1.2);
		expect(r.result.shareBelowHourlyMinimum).toBeLessThanOrEqual(0.1);
		out = [];
		expect(
			await main([
				...argv,
				'--from',
				'0',
				'--to',
				'0.4',
				'--step',
				'0.2',
				'--target',
				'shareBelowHourlyMinimum<=0.1',
				'--json'
			])
		).toBe(0);
		expect(JSON.parse(out.join(''))).toMatchObject({ answer: null, missedAt: null });
	});

	it('[G9] xs sweep refuses a term that is no number and a target it cannot read', async () => {
		expect(
			await main([
				'sweep',
				's2-qianhu-food-delivery',
				'--term',
				'workingTimeBasis',
				'--from',
				'0',
				'--to',
				'1',
				'--step',
				'1'
			])
		).toBe(2);
		expect(err.join('\n')).toContain('no numeric term');
		expect(
			await main([
				'sweep',
				's2-qianhu-food-delivery',
				'--term',
				'upliftPerOrder',
				'--from',
				'0',
				'--to',
				'1',
				'--step',
				'1',
				'--target',
				'x=1'
			])
		).toBe(2);
	});

	it('[G8] [G9] xs compare --json prints one cost report per version and the terms that differ', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'xs-compare-'));
		const a = join(dir, 'a.yaml');
		const b = join(dir, 'b.json');
		writeFileSync(a, 'upliftPerOrder: 0.8\n');
		writeFileSync(b, JSON.stringify({ upliftPerOrder: 0.8, hourlyGuarantee: 24 }));
		expect(await main(['compare', 's2-qianhu-food-delivery', a, b, '--json'])).toBe(0);
		const r = JSON.parse(out.join(''));
		expect(r.versions).toHaveLength(2);
		expect(r.versions[0]).toHaveProperty('monthly.employerCostDelta');
		expect(r.diff).toEqual([
			{
				termId: 'hourlyGuarantee',
				title: '小时收入保障（按工作时间补足）',
				current: 0,
				values: [0, 24]
			}
		]);
	});
});
