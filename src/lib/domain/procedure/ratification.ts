/**
 * Ratification (职代会审议) and representatives' votes (表决). The national rule (集体合同规定
 * art 36) is easy to get wrong: the congress is quorate when at least two thirds of ALL delegates
 * are present, and the draft passes only with more than half of ALL delegates voting yes — not
 * half of those present. Industry and regional contracts, and votes a chief puts to the side's
 * representatives, use other rules; each is data (a fraction of a named base), and the arithmetic
 * is exact in integers so that a boundary (exactly two thirds, exactly half) can never round the
 * wrong way.
 */
import { z } from 'zod';

const fraction = z
	.object({ num: z.number().int().min(0), den: z.number().int().min(1) })
	.strict()
	.refine((f) => f.num <= f.den, '比例不能大于 1');

export const voteRuleSchema = z
	.object({
		id: z.string().min(1),
		name: z.string().min(1),
		/** Present ≥ quorum × all (inclusive); absent = no quorum requirement. */
		quorum: fraction.optional(),
		/** Yes must exceed (strict) or reach (inclusive) this share of the base. */
		passage: fraction,
		passageStrict: z.boolean(),
		/** What the passage share is of: all delegates, those present, or the votes cast (yes + no). */
		base: z.enum(['all', 'present', 'cast']),
		source: z.string().optional()
	})
	.strict();
export type VoteRule = z.infer<typeof voteRuleSchema>;

/** The rules shipped with the engine. Sources: docs/sources.md (集体合同规定 art 36; 浙江省集体合同条例 art 29). */
export const VOTE_RULES = {
	national: {
		id: 'national',
		name: '全国规定：三分之二以上出席，全体代表过半数同意',
		quorum: { num: 2, den: 3 },
		passage: { num: 1, den: 2 },
		passageStrict: true,
		base: 'all',
		source: '集体合同规定第三十六条'
	},
	'zhejiang-industry': {
		id: 'zhejiang-industry',
		name: '浙江行业性、区域性集体合同：全体代表过半数同意',
		passage: { num: 1, den: 2 },
		passageStrict: true,
		base: 'all',
		source: '浙江省集体合同条例第二十九条'
	},
	'simple-majority': {
		id: 'simple-majority',
		name: '简单多数：同意票超过投票数的一半',
		passage: { num: 1, den: 2 },
		passageStrict: true,
		base: 'cast',
		source: '表决时约定'
	},
	'two-thirds': {
		id: 'two-thirds',
		name: '三分之二多数：同意票达到全体代表的三分之二',
		passage: { num: 2, den: 3 },
		passageStrict: false,
		base: 'all',
		source: '表决时约定'
	}
} as const satisfies Record<string, VoteRule>;
export type VoteRuleId = keyof typeof VOTE_RULES;

export const tallySchema = z
	.object({
		delegates: z.number().int().min(1, '代表总数至少为 1'),
		present: z.number().int().min(0),
		yes: z.number().int().min(0),
		no: z.number().int().min(0).default(0),
		abstain: z.number().int().min(0).default(0)
	})
	.strict()
	.superRefine((t, ctx) => {
		if (t.present > t.delegates)
			ctx.addIssue({
				code: 'custom',
				path: ['present'],
				message: `出席人数 ${t.present} 超过代表总数 ${t.delegates}`
			});
		if (t.yes + t.no + t.abstain > t.present)
			ctx.addIssue({
				code: 'custom',
				path: ['yes'],
				message: `同意、反对、弃权合计 ${t.yes + t.no + t.abstain} 超过出席人数 ${t.present}`
			});
	});
export type Tally = z.input<typeof tallySchema>;

export interface VoteOutcome {
	quorate: boolean;
	passed: boolean;
	/** Least present for a quorum, and least yes votes to pass. */
	quorumNeeded: number;
	yesNeeded: number;
	reason: string;
}

const FRACTION_WORDS: Record<string, string> = {
	'1/2': '半数',
	'2/3': '三分之二',
	'3/4': '四分之三',
	'1/1': '全部'
};

/**
 * The least number of votes that meets a rule's passage share of `baseCount` (R2): strictly more
 * than the share (⌊share × base⌋ + 1) or at least it (⌈share × base⌉), in integers.
 */
export function votesNeeded(
	baseCount: number,
	rule: Pick<VoteRule, 'passage' | 'passageStrict'>
): number {
	const exact = baseCount * rule.passage.num;
	return rule.passageStrict
		? Math.floor(exact / rule.passage.den) + 1
		: Math.ceil(exact / rule.passage.den);
}

/** Words for a fraction in a reason: 半数, 三分之二 … */
export const fractionWords = (f: { num: number; den: number }): string =>
	FRACTION_WORDS[`${f.num}/${f.den}`] ?? `${f.num}/${f.den}`;

/**
 * Decides a vote. `quorumNeeded` is the least n with n/den ≥ num/den of all (ceil); `yesNeeded`
 * is the least yes count that meets the passage rule: strictly more than the share (floor + 1),
 * or at least it (ceil).
 */
export function decideVote(input: Tally, rule: VoteRule): VoteOutcome {
	const t = tallySchema.parse(input);
	const quorumNeeded = rule.quorum
		? Math.ceil((t.delegates * rule.quorum.num) / rule.quorum.den)
		: 0;
	const quorate = t.present >= quorumNeeded;
	const baseCount =
		rule.base === 'all' ? t.delegates : rule.base === 'present' ? t.present : t.yes + t.no;
	const yesNeeded = votesNeeded(baseCount, rule);
	const passed = quorate && t.yes >= yesNeeded && baseCount > 0;
	const baseWord =
		rule.base === 'all'
			? `全体代表 ${t.delegates} 人`
			: rule.base === 'present'
				? `出席代表 ${t.present} 人`
				: `投票数 ${baseCount} 票`;
	const share = fractionWords(rule.passage);
	const parts: string[] = [];
	if (rule.quorum) {
		parts.push(
			quorate
				? `出席 ${t.present} 人，达到全体 ${t.delegates} 人的${fractionWords(rule.quorum)}（至少 ${quorumNeeded} 人），符合法定人数`
				: `出席 ${t.present} 人，不足全体 ${t.delegates} 人的${fractionWords(rule.quorum)}（至少 ${quorumNeeded} 人），不符合法定人数，表决无效`
		);
	}
	if (quorate) {
		const need = rule.passageStrict ? `超过${baseWord}的${share}` : `达到${baseWord}的${share}`;
		parts.push(
			passed
				? `同意 ${t.yes} 票，${need}（至少 ${yesNeeded} 票），通过`
				: `同意 ${t.yes} 票，未${need}（至少需 ${yesNeeded} 票），未通过`
		);
	}
	return { quorate, passed, quorumNeeded, yesNeeded, reason: parts.join('；') + '。' };
}
