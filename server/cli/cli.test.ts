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

const S3 = 'scenarios/s3-dongzhou-express.yaml';

describe('xs', () => {
	it('prints usage listing the commands for an unknown command', async () => {
		expect(await main(['nope'])).toBe(2);
		expect(err.join('\n')).toMatch(/validate[\s\S]*cost/);
	});

	it('validate exits 0 for the shipped files and 1 with located messages for a bad one', async () => {
		expect(await main(['validate', 'scenarios/s1-qiantang-parts.yaml', 'scenarios/jurisdictions/zhejiang-tier1.yaml'])).toBe(0);
		const dir = mkdtempSync(join(tmpdir(), 'xs-'));
		const f = join(dir, 'bad.yaml');
		writeFileSync(f, 'version: 2\nid: x\n');
		expect(await main(['validate', f])).toBe(1);
		expect(err.join('\n')).toMatch(/bad\.yaml:1:10 version: must be 1/);
		expect(err.join('\n')).not.toMatch(/\bat .*\.ts:\d+/);
	});

	it('[C22] cost --json gives annual.costDelta, monthly bills, groups and piece-rate figures', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'xs-'));
		const t = join(dir, 'terms.yaml');
		writeFileSync(t, 'floorPerParcel: 1.0\n');
		expect(await main(['cost', S3, '--terms', t, '--json'])).toBe(0);
		const j = JSON.parse(out[0]!);
		// 481 × 6000 = 2,886,000 a month more wages
		expect(j.monthly.proposed - j.monthly.current).toBe(2_886_000);
		expect(j.groups[0]).toMatchObject({ id: 'piece-rate', headcount: 6000, currentMonthlyPay: 5187, proposedMonthlyPay: 5668 });
		// employer cost: wages + 30 % on-costs for the 70 % employees: 2,886,000 × (1 + 0.3 × 0.7) × 12
		expect(j.annual.costDelta).toBeCloseTo(2_886_000 * 1.21 * 12, 0);
		expect(j.hourlyEarnings).toMatchObject({ p50: 21.8 });
		expect(j.shareBelowHourlyMinimum).toBeCloseTo(0.7, 9);
		expect(j.findings[0]).toEqual(expect.objectContaining({ severity: expect.any(String), rule: expect.any(String), message: expect.any(String) }));
	});

	it('cost prints a table by default and reports a bad terms file', async () => {
		expect(await main(['cost', 'scenarios/s1-qiantang-parts.yaml'])).toBe(0);
		expect(out.join('\n')).toMatch(/P1 普工/);
		expect(await main(['cost', S3, '--terms', '/nonexistent/terms.json'])).toBe(1);
	});
});
