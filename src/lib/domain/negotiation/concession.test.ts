import { describe, expect, it } from 'vitest';
import { concessionSeries } from './concession.ts';
import { termSchema } from '../scenario.ts';
import { offer, scenario, terms } from './fixtures.ts';

describe('concessionSeries', () => {
	it('[N7] one series per number, cell, table cell, choice and yes/no term; none for clauses', () => {
		const keys = concessionSeries(scenario, []).map((s) => `${s.key}:${s.scale}`);
		expect(keys).toEqual([
			'seniority:numeric',
			'increase:numeric',
			'premium:numeric',
			'peak:numeric',
			'basis:ordinal',
			'heat:ordinal',
			'ladder.none:numeric',
			'ladder.mid:numeric',
			'ladder.senior:numeric'
		]);
	});

	it('[N7][N8] points per side in seq order, gaps once both sides tabled, converging', () => {
		// Given out of order on purpose: the series follow seq.
		const offers = [
			offer('management', 2, { seniority: 35 }),
			offer('labour', 1, { seniority: 50 }),
			offer('labour', 3, { seniority: 45 }),
			offer('management', 4, { seniority: 40 })
		];
		const s = concessionSeries(scenario, offers).find((x) => x.key === 'seniority')!;
		expect(s.labour).toEqual([
			{ offerId: 'o1', seq: 1, at: '2025-03-01T01:00:00Z', value: 50 },
			{ offerId: 'o3', seq: 3, at: '2025-03-01T03:00:00Z', value: 45 }
		]);
		expect(s.management.map((p) => p.value)).toEqual([35, 40]);
		// after seq 2: |50 − 35| = 15; seq 3: |45 − 35| = 10; seq 4: |45 − 40| = 5
		expect(s.gaps).toEqual([
			{ seq: 2, gap: 15 },
			{ seq: 3, gap: 10 },
			{ seq: 4, gap: 5 }
		]);
		expect(s.trend).toBe('converging');
		expect(s.isConverging).toBe(true);
		expect(s.unit).toBe('元/年·月');
	});

	it('[N8] met when the latest positions coincide; diverging when the gap grows; unknown with one gap', () => {
		const met = concessionSeries(scenario, [
			offer('labour', 1, { seniority: 50 }),
			offer('management', 2, { seniority: 35 }),
			offer('labour', 3, { seniority: 35 })
		]);
		// gaps: |50 − 35| = 15, then |35 − 35| = 0
		expect(met.find((x) => x.key === 'seniority')).toMatchObject({
			trend: 'met',
			isConverging: true
		});
		const apart = concessionSeries(scenario, [
			offer('labour', 1, { seniority: 50 }),
			offer('management', 2, { seniority: 35 }),
			offer('labour', 3, { seniority: 60 })
		]);
		// gaps: 15, then |60 − 35| = 25
		expect(apart.find((x) => x.key === 'seniority')).toMatchObject({
			trend: 'diverging',
			isConverging: false
		});
		const one = concessionSeries(scenario, [
			offer('labour', 1, { seniority: 50 }),
			offer('management', 2, { seniority: 35 })
		]);
		expect(one.find((x) => x.key === 'seniority')).toMatchObject({
			gaps: [{ seq: 2, gap: 15 }],
			trend: 'unknown',
			isConverging: false
		});
		expect(concessionSeries(scenario, [offer('labour', 1, { seniority: 50 })])[0]).toMatchObject({
			gaps: [],
			trend: 'unknown'
		});
	});

	it('[N8] steady when the gap is unchanged; floating-point noise does not count as movement', () => {
		const offers = [
			offer('labour', 1, { increase: 0.07 }),
			offer('management', 2, { increase: 0.03 }),
			offer('labour', 3, { increase: 0.065 }),
			offer('management', 4, { increase: 0.025 })
		];
		const s = concessionSeries(scenario, offers).find((x) => x.key === 'increase')!;
		// 0.07 − 0.03 = 0.04; 0.065 − 0.03 = 0.035; 0.065 − 0.025 = 0.04 (0.04000000000000001 in binary, cleaned)
		expect(s.gaps.map((g) => g.gap)).toEqual([0.04, 0.035, 0.04]);
		expect(s.trend).toBe('steady');
	});

	it('[N7] choice terms use the option index, yes/no 0/1, silent terms their current value', () => {
		const offers = [
			offer('labour', 1, { basis: 'order', heat: true }),
			offer('management', 2, { basis: 'none' })
		];
		const all = concessionSeries(scenario, offers);
		const basis = all.find((x) => x.key === 'basis')!;
		expect(basis.labels).toEqual(['在线时间', '接单时间加宽放', '不计']);
		expect([basis.labour[0]!.value, basis.management[0]!.value]).toEqual([1, 2]);
		const heat = all.find((x) => x.key === 'heat')!;
		expect([heat.labour[0]!.value, heat.management[0]!.value]).toEqual([1, 0]); // management silent: current false
		const mid = all.find((x) => x.key === 'ladder.mid')!;
		expect(mid).toMatchObject({ termId: 'ladder', cell: 'mid', title: '技能工资阶梯：mid' });
		expect(mid.labour[0]!.value).toBe(150);
	});

	it('[N7] each series carries its current value: the reference line of the chart', () => {
		const all = concessionSeries(scenario, [offer('labour', 1, { seniority: 50 })]);
		const current = Object.fromEntries(all.map((x) => [x.key, x.current]));
		// Fixture currents: seniority 30, basis 'online' = option 0, heat false = 0, ladder.mid 150.
		expect([current.seniority, current.basis, current.heat, current['ladder.mid']]).toEqual([
			30, 0, 0, 150
		]);
	});

	it('[N7] [L3] a table cell series is titled by the cell name when the term names its cells', () => {
		const named = terms.map((t) =>
			t.id === 'ladder'
				? termSchema.parse({ ...t, labels: { none: '无等级', mid: '中级工', senior: '高级工' } })
				: t
		);
		const mid = concessionSeries({ terms: named }, []).find((x) => x.key === 'ladder.mid')!;
		expect(mid.title).toBe('技能工资阶梯：中级工');
	});
});
