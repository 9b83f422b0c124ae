/**
 * A small agenda for the negotiation tests: one term of every kind, figures chosen so expected
 * results can be worked out by hand. Mirrors S1's seniority, increase and skill-ladder terms.
 */
import { termSchema, type ResolvedScenario, type Term } from '../scenario.ts';
import type { Offer } from './offer.ts';

export const terms: Term[] = [
	{
		id: 'seniority',
		title: '工龄工资标准',
		kind: 'number',
		unit: '元/年·月',
		min: 0,
		max: 200,
		step: 5,
		current: 30
	},
	{
		id: 'increase',
		title: '普调幅度',
		kind: 'number',
		unit: '比例（0.07 即 7%）',
		min: 0,
		max: 0.2,
		step: 0.005,
		current: 0
	},
	{
		id: 'premium',
		title: '加班倍数',
		kind: 'number',
		unit: '倍',
		min: 1,
		max: 3,
		step: 0.1,
		current: 1.5
	},
	{
		id: 'peak',
		title: '高峰加价',
		kind: 'cell',
		unit: '元/单',
		min: 0,
		max: 3,
		step: 0.5,
		current: 1
	},
	{
		id: 'basis',
		title: '工作时间口径',
		kind: 'choice',
		options: [
			{ value: 'online', label: '在线时间' },
			{ value: 'order', label: '接单时间加宽放' },
			{ value: 'none', label: '不计' }
		],
		current: 'online'
	},
	{ id: 'heat', title: '高温津贴', kind: 'boolean', current: false },
	{
		id: 'ladder',
		title: '技能工资阶梯',
		kind: 'table',
		unit: '元/月',
		min: 0,
		max: 5000,
		current: { none: 0, mid: 150, senior: 300 }
	},
	{ id: 'award', title: '创新奖励条款', kind: 'clause', current: '经采纳的合理化建议酌情奖励。' }
].map((t) => termSchema.parse(t));

export const scenario: Pick<ResolvedScenario, 'id' | 'terms'> = { id: 'test-table', terms };

/** An offer with defaults for the fields a test does not care about. */
export function offer(
	side: Offer['side'],
	seq: number,
	values: Offer['terms'] = {},
	clauses: Offer['clauses'] = {}
): Offer {
	return {
		id: `o${seq}`,
		matchId: 'm1',
		side,
		seq,
		kind: seq === 1 ? 'offer' : 'counter',
		terms: values,
		clauses,
		message: '',
		createdBy: side === 'labour' ? '王工会' : '李总监',
		createdAt: `2025-03-01T0${Math.min(seq, 9)}:00:00Z`
	};
}
