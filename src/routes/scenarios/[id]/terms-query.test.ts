import { describe, expect, it } from 'vitest';
import type { Term } from '$lib/domain/index.ts';
import { changedTerms, decodeTerms, encodeTerms } from './terms-query.ts';

const terms: Term[] = [
	{
		id: 'seniorityPerYear',
		title: '工龄工资',
		kind: 'number',
		unit: '元',
		min: 0,
		max: 200,
		step: 5,
		current: 30,
		drives: 'a'
	},
	{ id: 'peak', title: '高峰加价', kind: 'cell', unit: '元/单', current: 1, drives: 'b' },
	{ id: 'heat', title: '高温津贴', kind: 'boolean', current: false, drives: 'c' },
	{
		id: 'basis',
		title: '口径',
		kind: 'choice',
		options: [
			{ value: 'online_time', label: '在线' },
			{ value: 'order_plus_allowance', label: '接单+宽放' }
		],
		current: 'order_plus_allowance',
		drives: 'd'
	},
	{
		id: 'ladder',
		title: '技能阶梯',
		kind: 'table',
		unit: '元/月',
		current: { none: 0, mid: 150 },
		drives: 'e'
	},
	{ id: 'award', title: '创新奖励', kind: 'clause', current: '酌情奖励' }
];

describe('terms in the query string', () => {
	it('writes only the terms and table cells that differ from current', () => {
		const q = encodeTerms(
			{
				seniorityPerYear: 50,
				peak: 1,
				heat: true,
				basis: 'online_time',
				ladder: { none: 0, mid: 300 },
				award: '酌情奖励'
			},
			terms
		);
		expect(q.toString()).toBe('seniorityPerYear=50&heat=true&basis=online_time&ladder.mid=300');
	});

	it('round-trips every kind, clause text with non-ASCII and & included', () => {
		const values = {
			seniorityPerYear: 42.5,
			peak: 1.5,
			heat: true,
			basis: 'online_time',
			ladder: { none: 10, mid: 150 },
			award: '奖励 5% & 上限'
		};
		const q = encodeTerms(values, terms);
		const back = decodeTerms(new URLSearchParams(q.toString()), terms);
		expect(back).toEqual({
			seniorityPerYear: 42.5,
			peak: 1.5,
			heat: true,
			basis: 'online_time',
			ladder: { none: 10, mid: 150 },
			award: '奖励 5% & 上限'
		});
	});

	it('ignores unknown names, bad numbers, unknown options and non-boolean text', () => {
		const back = decodeTerms(
			new URLSearchParams(
				'x=1&seniorityPerYear=abc&peak=&heat=yes&basis=bogus&ladder=3&ladder.mid=NaN&ladder.none=5'
			),
			terms
		);
		expect(back).toEqual({ ladder: { none: 5, mid: 150 } });
	});

	it('keeps parameters that are not terms and replaces old term parameters', () => {
		const params = new URLSearchParams('budget=100000&seniorityPerYear=40&ladder.mid=200');
		encodeTerms({ seniorityPerYear: 30, ladder: { none: 0, mid: 150 }, heat: true }, terms, params);
		expect(params.toString()).toBe('budget=100000&heat=true');
	});

	it('changedTerms drops unchanged values', () => {
		expect(
			changedTerms({ seniorityPerYear: 30, heat: true, ladder: { none: 0, mid: 150 } }, terms)
		).toEqual({ heat: true });
	});
});
