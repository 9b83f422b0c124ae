import { describe, expect, it } from 'vitest';
import { scenario } from './fixtures.ts';
import { chineseNumeral, formatTermValue, formatTermValuePlain, plainNumber } from './format.ts';

const term = (id: string) => scenario.terms.find((t) => t.id === id)!;

describe('formatting', () => {
	it('[N5] numbers carry their unit; share units print as percent; float noise is dropped', () => {
		expect(formatTermValue(term('seniority'), 50)).toBe('50 元/年·月');
		expect(formatTermValue(term('increase'), 0.07)).toBe('7%'); // 0.07 × 100 = 7.000000000000001 → 7
		expect(formatTermValue(term('increase'), 0.055)).toBe('5.5%');
		expect(plainNumber(0.1 + 0.2)).toBe('0.3');
		expect(formatTermValue(term('peak'), 2.5)).toBe('2.5 元/单');
	});

	it('[N5] choices by label, yes/no as 是/否, tables as pairs, clauses as text', () => {
		expect(formatTermValue(term('basis'), 'order')).toBe('接单时间加宽放');
		expect(formatTermValue(term('heat'), true)).toBe('是');
		expect(formatTermValue(term('heat'), false)).toBe('否');
		expect(formatTermValue(term('ladder'), { mid: 200, senior: 400 })).toBe(
			'mid 200 元/月；senior 400 元/月'
		);
		expect(formatTermValue(term('award'), '条款')).toBe('条款');
		expect(formatTermValue(term('seniority'), 'x')).toBe('x'); // wrong type prints raw
		expect(formatTermValue(term('seniority'), undefined)).toBe('');
	});

	it('[N5] [L3] a table prints its cells by their names when the scenario gives them', () => {
		const named = {
			...term('ladder'),
			labels: { junior: '初级工', mid: '中级工', senior: '高级工' }
		} as (typeof scenario.terms)[number];
		expect(formatTermValue(named, { junior: 100, mid: 200 })).toBe(
			'初级工 100 元/月；中级工 200 元/月'
		);
	});

	it('[N5] plain values keep numbers bare for spreadsheets', () => {
		expect(formatTermValuePlain(term('seniority'), 50)).toBe('50');
		expect(formatTermValuePlain(term('increase'), 0.07)).toBe('7'); // a share as its percentage: 0.07 × 100
		expect(formatTermValuePlain(term('ladder'), { mid: 200, senior: 400 })).toBe(
			'mid 200；senior 400'
		); // the fixture's ladder has no labels: keys stand in
		expect(formatTermValuePlain(term('basis'), 'order')).toBe('接单时间加宽放');
	});

	it('[N17] article numbers in Chinese numerals', () => {
		expect(
			[1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 1001, 1010].map(chineseNumeral)
		).toEqual([
			'一',
			'二',
			'九',
			'十',
			'十一',
			'十九',
			'二十',
			'二十一',
			'九十九',
			'一百',
			'一百零一',
			'一百一十',
			'一千零一',
			'一千零一十'
		]);
		expect(() => chineseNumeral(0)).toThrow(RangeError);
	});
});
