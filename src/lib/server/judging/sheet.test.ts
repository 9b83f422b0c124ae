import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../../domain/scoring/index.ts';
import { checkSheet, parseSheetForm } from './sheet.ts';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};
const people = [
	{ id: 'p1', name: '职工1' },
	{ id: 'p2', name: '职工2' }
];

describe('parseSheetForm remarks (评语)', () => {
	it('reads a remark per team criterion and per contestant criterion, dropping empty ones', () => {
		const p = parseSheetForm(
			form({
				match: 'm1',
				side: 'labour',
				't.preparation': '8',
				'tn.preparation': '  准备充分 ',
				'tn.strategy': '   ',
				'c.p1.adaptability': '7',
				'cn.p1.adaptability': '临场\r\n应变好',
				'cn.p2.expression': ''
			}),
			DEFAULT_RUBRIC,
			people
		)!;
		expect(p.values.criterionComments).toEqual({ preparation: '准备充分' });
		expect(p.values.contestants).toEqual([
			{
				contestantId: 'p1',
				scores: { adaptability: 7 },
				criterionComments: { adaptability: '临场\n应变好' }
			},
			{ contestantId: 'p2', scores: {} }
		]);
		expect(p.errors).toEqual({});
	});

	it('refuses a remark over 500 characters at its field, and accepts exactly 500', () => {
		const p = parseSheetForm(
			form({
				match: 'm1',
				side: 'labour',
				'tn.law_policy': '字'.repeat(501),
				'cn.p2.expression': '字'.repeat(500)
			}),
			DEFAULT_RUBRIC,
			people
		)!;
		expect(p.errors).toEqual({ 'tn.law_policy': { code: 'too-long', max: 500 } });
		expect(p.values.criterionComments).toEqual({});
		expect(p.values.contestants[1]!.criterionComments).toEqual({ expression: '字'.repeat(500) });
		// The refusal survives validation, so the form shows it beside the remark.
		expect(checkSheet(DEFAULT_RUBRIC, p, 'draft', 'j1')['tn.law_policy']).toEqual({
			code: 'too-long',
			max: 500
		});
	});

	it('ignores remark fields for criteria that are not in the rubric', () => {
		const p = parseSheetForm(
			form({
				match: 'm1',
				side: 'labour',
				'tn.charisma': '很好',
				'cn.p1.preparation': '不该在这里'
			}),
			DEFAULT_RUBRIC,
			people
		)!;
		expect(p.values.criterionComments).toEqual({});
		expect(p.values.contestants.every((c) => c.criterionComments === undefined)).toBe(true);
	});
});
