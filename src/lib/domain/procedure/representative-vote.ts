/**
 * Representatives' votes (代表表决): during or after a bargaining meeting a side's chief puts one
 * question, or a list of clauses (Xiaoshan 2018: 22 clauses, 14 representatives voting by phone),
 * to the side's representatives, each item with its options. The rule is chosen when the vote
 * opens and is data (the same shape as the congress rules, R2); this module only counts: which
 * option of each item, if any, meets the rule (procedure/SPEC.md Q1–Q6). Who may vote, and when,
 * is the server's.
 */
import { z } from 'zod';
import { fractionWords, votesNeeded, voteRuleSchema, type VoteRule } from './ratification.ts';

/** The choice every ballot item offers besides its options: counted as present, never as cast (Q3). */
export const ABSTAIN = 'abstain';

/** The rules a chief may choose when a vote opens (Q2). */
export const REP_VOTE_RULES = {
	'majority-cast': {
		id: 'majority-cast',
		name: '简单多数：得票超过投票数（不计弃权）的一半',
		passage: { num: 1, den: 2 },
		passageStrict: true,
		base: 'cast',
		source: '表决时约定'
	},
	'majority-all': {
		id: 'majority-all',
		name: '过半数：得票超过全体代表的一半',
		passage: { num: 1, den: 2 },
		passageStrict: true,
		base: 'all',
		source: '表决时约定'
	},
	'two-thirds-all': {
		id: 'two-thirds-all',
		name: '三分之二多数：得票达到全体代表的三分之二',
		passage: { num: 2, den: 3 },
		passageStrict: false,
		base: 'all',
		source: '表决时约定'
	}
} as const satisfies Record<string, VoteRule>;
export type RepVoteRuleId = keyof typeof REP_VOTE_RULES;
export const repVoteRuleIdSchema = z.enum(
	Object.keys(REP_VOTE_RULES) as [RepVoteRuleId, ...RepVoteRuleId[]]
);

const optionText = z.string().trim().min(1, '选项不能为空').max(60, '选项最多 60 字');
export const voteItemSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9-]{1,40}$/),
		title: z.string().trim().min(1, '表决事项不能为空').max(200, '表决事项最多 200 字'),
		options: z
			.array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), label: optionText }).strict())
			.min(2, '每项至少两个选项')
			.max(10, '每项最多 10 个选项')
	})
	.strict()
	.superRefine((item, ctx) => {
		const ids = item.options.map((o) => o.id);
		const labels = item.options.map((o) => o.label);
		if (new Set(ids).size !== ids.length || ids.includes(ABSTAIN))
			ctx.addIssue({ code: 'custom', path: ['options'], message: '选项编号重复' });
		if (new Set(labels).size !== labels.length)
			ctx.addIssue({ code: 'custom', path: ['options'], message: `「${item.title}」有重复的选项` });
	});
export type VoteItem = z.infer<typeof voteItemSchema>;

export const voteItemsSchema = z
	.array(voteItemSchema)
	.min(1, '至少一项表决事项')
	.max(50, '最多 50 项表决事项');

/**
 * Reads the chief's text into items (Q1): one item a line; a line `事项：甲/乙/丙` carries its own
 * options, any other line takes the default options. Separators `/`, `／`, `、`; a full-width or
 * ASCII colon. Blank lines are skipped.
 */
export function parseVoteItems(
	text: string,
	defaultOptions: string
): { ok: true; items: VoteItem[] } | { ok: false; errors: string[] } {
	const split = (s: string) =>
		s
			.split(/[/／、]/)
			.map((x) => x.trim())
			.filter(Boolean);
	const defaults = split(defaultOptions);
	const raw = text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean)
		.map((line, i) => {
			const m = /^(.+?)[：:](.+)$/.exec(line);
			const title = m ? m[1]!.trim() : line;
			const labels = m ? split(m[2]!) : defaults;
			return {
				id: `q${i + 1}`,
				title,
				options: labels.map((label, j) => ({ id: `o${j + 1}`, label }))
			};
		});
	const r = voteItemsSchema.safeParse(raw);
	if (r.success) return { ok: true, items: r.data };
	const errors = r.error.issues.map((iss) => {
		const at = typeof iss.path[0] === 'number' ? `第 ${iss.path[0] + 1} 项：` : '';
		return at + iss.message;
	});
	return { ok: false, errors: [...new Set(errors)] };
}

export interface ItemOutcome {
	itemId: string;
	/** Votes per option id, abstentions under ABSTAIN. */
	counts: Record<string, number>;
	/** Representatives who answered the item (options and abstentions). */
	present: number;
	/** Votes for an option (abstentions left out). */
	cast: number;
	/** Least votes an option needed under the rule. */
	needed: number;
	/** The option adopted, or null when none met the rule. */
	adopted: string | null;
	reason: string;
}

/**
 * Decides one item (Q3–Q5). The base is all representatives, those who answered, or the votes
 * cast for an option (abstentions excluded); an option is adopted when its count meets the rule's
 * passage share of that base (`votesNeeded`, R2's integer arithmetic). Should two options both
 * meet it (only possible with an inclusive share of one half or less) none is adopted.
 */
export function decideItem(
	item: VoteItem,
	ballots: readonly string[],
	representatives: number,
	rule: VoteRule
): ItemOutcome {
	voteRuleSchema.parse(rule);
	const counts: Record<string, number> = Object.fromEntries(
		[...item.options.map((o) => o.id), ABSTAIN].map((id) => [id, 0])
	);
	for (const b of ballots) if (Object.hasOwn(counts, b)) counts[b]! += 1;
	const present = ballots.filter((b) => Object.hasOwn(counts, b)).length;
	const cast = present - counts[ABSTAIN]!;
	const base = rule.base === 'all' ? representatives : rule.base === 'present' ? present : cast;
	const needed = votesNeeded(base, rule);
	const meeting = base > 0 ? item.options.filter((o) => counts[o.id]! >= needed) : [];
	const adopted = meeting.length === 1 ? meeting[0]!.id : null;
	const baseWord =
		rule.base === 'all'
			? `全体代表 ${representatives} 人`
			: rule.base === 'present'
				? `参加表决 ${present} 人`
				: `投票数 ${cast} 票（不计弃权）`;
	const need = `${rule.passageStrict ? '超过' : '达到'}${baseWord}的${fractionWords(rule.passage)}`;
	const top = [...item.options].sort((a, b) => counts[b.id]! - counts[a.id]!)[0]!;
	const label = (id: string) => item.options.find((o) => o.id === id)?.label ?? id;
	const reason =
		adopted !== null
			? `「${label(adopted)}」得 ${counts[adopted]} 票，${need}（至少 ${needed} 票），通过。`
			: meeting.length > 1
				? `${meeting.map((o) => `「${o.label}」`).join('、')}都得到 ${needed} 票以上，未形成决定。`
				: present === 0
					? '无人投票，未形成决定。'
					: `得票最多的「${top.label}」${counts[top.id]} 票，未${need}（至少需 ${needed} 票），未形成决定。`;
	return { itemId: item.id, counts, present, cast, needed, adopted, reason };
}

/** Decides every item of a vote from `ballots` (item id → the options chosen, one per voter). */
export function decideVoteItems(
	items: readonly VoteItem[],
	ballots: Readonly<Record<string, readonly string[]>>,
	representatives: number,
	rule: VoteRule
): ItemOutcome[] {
	return items.map((it) => decideItem(it, ballots[it.id] ?? [], representatives, rule));
}
