import { describe, expect, it } from 'vitest';
import {
	ABSTAIN,
	decideItem,
	decideVoteItems,
	parseVoteItems,
	REP_VOTE_RULES,
	type VoteItem
} from './representative-vote.ts';
import type { VoteRule } from './ratification.ts';

const item: VoteItem = {
	id: 'q1',
	title: '配送费每单 +0.8 元',
	options: [
		{ id: 'o1', label: '同意' },
		{ id: 'o2', label: '反对' }
	]
};
const ballots = (o1: number, o2: number, abstain = 0) => [
	...Array<string>(o1).fill('o1'),
	...Array<string>(o2).fill('o2'),
	...Array<string>(abstain).fill(ABSTAIN)
];

describe('[Q1] items from the chief’s text', () => {
	it('takes one item a line, its own options after a colon, else the defaults', () => {
		const r = parseVoteItems('高温补贴\n\n配送费：每单+0.8/每单+0.5／维持\n 工时 ', '同意/反对');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.items.map((i) => [i.title, i.options.map((o) => o.label)])).toEqual([
			['高温补贴', ['同意', '反对']],
			['配送费', ['每单+0.8', '每单+0.5', '维持']],
			['工时', ['同意', '反对']]
		]);
		expect(r.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
	});
	it('refuses an item with one option, duplicate options or no items, naming the line', () => {
		const one = parseVoteItems('甲：同意', '');
		expect(one.ok).toBe(false);
		if (!one.ok) expect(one.errors[0]).toContain('第 1 项');
		const dup = parseVoteItems('甲：同意/同意', '');
		expect(dup.ok).toBe(false);
		if (!dup.ok) expect(dup.errors.join()).toContain('重复');
		expect(parseVoteItems('  \n', '同意/反对').ok).toBe(false);
	});
});

describe('[Q2][Q4] more than half of ALL representatives (majority-all)', () => {
	const rule = REP_VOTE_RULES['majority-all'];
	it('exactly half of an even number fails, one more passes', () => {
		// 14 representatives (Xiaoshan): ⌊14 × 1/2⌋ + 1 = 8 needed; 7 is exactly half → not adopted
		expect(decideItem(item, ballots(7, 2), 14, rule)).toMatchObject({
			needed: 8,
			adopted: null
		});
		expect(decideItem(item, ballots(8, 2), 14, rule)).toMatchObject({ needed: 8, adopted: 'o1' });
	});
	it('counts all representatives, not those who voted', () => {
		// 5 of 9 present, all 5 yes: ⌊9/2⌋ + 1 = 5 needed → adopted; 4 yes of 4 voting → not
		expect(decideItem(item, ballots(5, 0), 9, rule).adopted).toBe('o1');
		const four = decideItem(item, ballots(4, 0), 9, rule);
		expect(four.adopted).toBeNull();
		expect(four.reason).toBe(
			'得票最多的「同意」4 票，未超过全体代表 9 人的半数（至少需 5 票），未形成决定。'
		);
	});
});

describe('[Q2][Q3][Q4] simple majority of votes cast (majority-cast)', () => {
	const rule = REP_VOTE_RULES['majority-cast'];
	it('leaves abstentions out of the base', () => {
		// 3 yes, 2 no, 4 abstain: cast = 5, ⌊5/2⌋ + 1 = 3 → adopted though 3 < half of 9 answering
		const r = decideItem(item, ballots(3, 2, 4), 9, rule);
		expect(r).toMatchObject({ present: 9, cast: 5, needed: 3, adopted: 'o1' });
		expect(r.reason).toBe(
			'「同意」得 3 票，超过投票数 5 票（不计弃权）的半数（至少 3 票），通过。'
		);
	});
	it('a tie of the votes cast adopts nothing', () => {
		// 3 : 3 → cast 6, ⌊6/2⌋ + 1 = 4 needed; neither has 4
		expect(decideItem(item, ballots(3, 3, 1), 9, rule)).toMatchObject({ needed: 4, adopted: null });
	});
	it('nothing is adopted when nobody voted, or everyone abstained', () => {
		expect(decideItem(item, [], 5, rule).reason).toBe('无人投票，未形成决定。');
		expect(decideItem(item, ballots(0, 0, 3), 5, rule).adopted).toBeNull();
	});
});

describe('[Q2][Q4] two thirds of ALL representatives (two-thirds-all)', () => {
	const rule = REP_VOTE_RULES['two-thirds-all'];
	it('exactly two thirds passes (inclusive), one fewer fails', () => {
		// 12 representatives: ⌈12 × 2/3⌉ = 8 needed; 8 adopted, 7 not
		expect(decideItem(item, ballots(8, 4), 12, rule)).toMatchObject({ needed: 8, adopted: 'o1' });
		expect(decideItem(item, ballots(7, 5), 12, rule)).toMatchObject({ needed: 8, adopted: null });
	});
	it('rounds two thirds of a number not divisible by three up', () => {
		// 14 × 2/3 = 9.33 → 10 needed; 9 not adopted, 10 adopted
		expect(decideItem(item, ballots(9, 5), 14, rule).adopted).toBeNull();
		expect(decideItem(item, ballots(10, 4), 14, rule)).toMatchObject({ needed: 10, adopted: 'o1' });
	});
});

describe('[Q3][Q5] several options', () => {
	const three: VoteItem = {
		id: 'q2',
		title: '配送费',
		options: [
			{ id: 'o1', label: '+0.8' },
			{ id: 'o2', label: '+0.5' },
			{ id: 'o3', label: '维持' }
		]
	};
	it('the base `present` counts abstentions; a split vote adopts nothing', () => {
		const present: VoteRule = { ...REP_VOTE_RULES['majority-cast'], id: 'p', base: 'present' };
		// 7 answer: 3 / 2 / 1 and 1 abstains → ⌊7/2⌋ + 1 = 4 needed, top has 3 → none
		const r = decideItem(three, ['o1', 'o1', 'o1', 'o2', 'o2', 'o3', ABSTAIN], 7, present);
		expect(r).toMatchObject({ present: 7, cast: 6, needed: 4, adopted: null });
		expect(r.counts).toEqual({ o1: 3, o2: 2, o3: 1, abstain: 1 });
	});
	it('two options both meeting an inclusive half adopt neither', () => {
		const half: VoteRule = { ...REP_VOTE_RULES['majority-cast'], id: 'h', passageStrict: false };
		// cast 4, ⌈4/2⌉ = 2 needed; o1 and o2 each have 2
		const r = decideItem(three, ['o1', 'o1', 'o2', 'o2'], 4, half);
		expect(r.adopted).toBeNull();
		expect(r.reason).toBe('「+0.8」、「+0.5」都得到 2 票以上，未形成决定。');
	});
	it('ignores an unknown choice and decides each item of a list', () => {
		const out = decideVoteItems(
			[item, three],
			{ q1: ['o1', 'o1', 'nope', 'toString'], q2: ['o3'] },
			3,
			REP_VOTE_RULES['majority-all']
		);
		// q1: 2 of 3 representatives, ⌊3/2⌋ + 1 = 2 → adopted; q2: 1 < 2 → not
		expect(out.map((o) => [o.itemId, o.present, o.adopted])).toEqual([
			['q1', 2, 'o1'],
			['q2', 1, null]
		]);
	});
});
