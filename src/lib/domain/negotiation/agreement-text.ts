/**
 * The words of the agreement (工资专项集体合同文本), laid out once so the Word export and the
 * match page's print view say the same thing article by article. Pure strings: the .docx
 * builder (src/lib/server/export/agreement-docx.ts) and the browser both call this and only
 * decide the typography. Rules N17–N18 in ../SPEC.md.
 *
 * ```ts
 * const text = agreementText(scenario, { terms: agreement.terms, clauses, signers: agreement.signers, isDraft: false });
 * text.articles[0]; // { label: '第一条', title: '工龄工资标准', paragraphs: ['45 元/年·月（现行标准：30 元/年·月）。'] }
 * ```
 */
import type { ResolvedScenario, Term, TermValue } from '../scenario.ts';
import { applyTerms } from '../terms.ts';
import type { Signer } from './agreement.ts';
import { chineseDate } from './dates.ts';
import { chineseNumeral, formatTermValue } from './format.ts';
import type { Side } from './offer.ts';
import { resolveOfferTerms } from './offer.ts';

export interface ClauseText {
	id: string;
	title: string;
	text: string;
}

export interface AgreementTextInput {
	/**
	 * Agreed (or draft) values of the non-clause terms, read through N2: a term left out, or a
	 * value it cannot use (a live draft may hold anything), stands at its current value.
	 */
	terms: Readonly<Record<string, unknown>>;
	/** Clause texts with their titles, printed in this order after the term articles. */
	clauses: readonly ClauseText[];
	signers: readonly Signer[];
	/** An unsigned draft: the title says 草案 and a notice says it does not bind. */
	isDraft: boolean;
}

export interface AgreementArticle {
	/** 第一条, 第二条 … */
	label: string;
	/** The term's or clause's title; the closing articles have none. */
	title?: string;
	/** The first paragraph follows the label; a clause keeps its author's further paragraphs. */
	paragraphs: string[];
}

export interface SignatureLine {
	side: Side;
	/** 甲方（企业方） / 乙方（职工方） */
	label: string;
	partyName: string;
	/** The chief representative's name, or null where unsigned (printed as a blank line). */
	signerName: string | null;
	/** 2025年3月2日 in Beijing time, or null where unsigned. */
	date: string | null;
}

export interface AgreementText {
	isDraft: boolean;
	/** Management party + instrument, with （草案） for a draft. */
	title: string;
	/** The draft's notice under the 草案 banner; null when signed. */
	draftNotice: string | null;
	/** 甲方 first, then 乙方. */
	parties: { side: Side; label: string; name: string }[];
	/** The negotiated `contract.termYears` (S1's contractTerm drives it). */
	termYears: number;
	/** 合同期限 line: `2年，自本合同生效之日起计算`. */
	termLine: string;
	preamble: string;
	articles: AgreementArticle[];
	/** 甲方 first, then 乙方. */
	signatures: SignatureLine[];
}

export const SIDE_LABEL: Record<Side, string> = {
	management: '甲方（企业方）',
	labour: '乙方（职工方）'
};
/** The fixed words around the articles, shared by every rendering (the contract is always in Chinese). */
export const AGREEMENT_LABELS = {
	draftMark: '草案',
	term: '合同期限',
	seal: '（盖章）',
	signer: '首席代表（签字）：',
	date: '日期：',
	hash: '本合同文本摘要（SHA-256）：'
} as const;
/** Where a chief has not signed yet, the lines stay blank to sign on paper. */
export const BLANK_NAME = '＿＿＿＿＿＿＿＿';
export const BLANK_DATE = '＿＿＿＿年＿＿月＿＿日';
export const DRAFT_NOTICE =
	'本文本为协商中的草案，未经职工代表大会审议和双方首席代表签字，不具有约束力。';

const PREAMBLE =
	'为建立健全工资正常增长机制，维护职工和企业的合法权益，根据《中华人民共和国劳动法》《中华人民共和国劳动合同法》《中华人民共和国工会法》《集体合同规定》和《工资集体协商试行办法》等有关规定，甲乙双方经平等协商，订立本合同。';

/**
 * The statement on taking effect (N18). Procedure from DOMAIN §1.3: ratification by the
 * workers' congress (集体合同规定 art 36, [P2]), signature by the chiefs (art 37, [P2]), filing
 * within 10 days (art 42, [P3]), effective when the labour administration raises no objection
 * within 15 days (art 47, [P3]; 劳动法 art 34, [L1]).
 */
// FIXME(jurisdiction has no filing deadline): the national 10 days are printed for every
// jurisdiction; Zhejiang and Shanghai also use 10, the 2000 wage Trial Measures say 7.
const EFFECT_TEXT =
	'本合同文本经职工代表大会或者全体职工讨论，在应到会人员三分之二以上出席的情况下，经全体职工代表半数以上或者全体职工半数以上同意后通过（《集体合同规定》第三十六条），由双方首席代表签字（第三十七条）。' +
	'甲方自双方首席代表签字之日起10日内将本合同报送劳动保障行政部门审查（第四十二条）；劳动保障行政部门自收到文本之日起15日内未提出异议的，本合同即行生效（第四十七条；《中华人民共和国劳动法》第三十四条）。';

const DISPUTES_TEXT =
	'本合同未尽事宜，由双方协商解决。履行本合同发生争议的，双方应当协商解决；协商不成的，依法申请仲裁或者提起诉讼。';

/** A clause's wording split into paragraphs: the first always exists, blank lines after it are dropped. */
function paragraphsOf(text: string): string[] {
	const [first = '', ...rest] = text.split(/\r?\n/);
	return [first, ...rest.filter((l) => l.trim() !== '')];
}

/** A table value without its zero cells: a grade paid nothing (无等级 0 元/月) is no row of a contract. */
function withoutZeroCells(term: Term, value: unknown): unknown {
	if (term.kind !== 'table' || typeof value !== 'object' || value === null) return value;
	// In the order the scenario names the cells (初级工 before 中级工), whatever order the value has.
	const order = Object.keys(term.labels ?? {});
	const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
	return Object.fromEntries(
		Object.entries(value as Record<string, number>)
			.filter(([, v]) => v !== 0)
			.sort(([a], [b]) => rank(a) - rank(b))
	);
}

/**
 * One term's article: the agreed figure with its unit, then 现行标准 or 维持现行标准; a yes/no
 * term as a sentence saying whether the enterprise applies it and whether that is new.
 */
function articleBody(term: Term, value: unknown): string {
	if (term.kind === 'boolean' && typeof value === 'boolean') {
		const was = term.current === true;
		if (value)
			return was ? '甲方继续执行本项待遇。' : '甲方自本合同生效之日起执行本项待遇（现行未执行）。';
		return was ? '本合同不再约定本项待遇（现行执行）。' : '本合同期内不作约定（现行未执行）。';
	}
	const agreed = formatTermValue(term, withoutZeroCells(term, value) as TermValue);
	const current = formatTermValue(term, withoutZeroCells(term, term.current) as TermValue);
	const reference = agreed === current ? '（维持现行标准）' : `（现行标准：${current}）`;
	return `${agreed}${reference}。`;
}

/**
 * The agreement's text (N17–N18): title, parties, contract term, preamble, then one numbered
 * article per non-clause term in scenario order (the agreed figure with its unit, then
 * 现行标准 for reference or 维持现行标准 when unchanged), one per clause, and the closing
 * articles on term and renewal (集体合同规定 art 38), taking effect and disputes; a signature
 * line per side, blank where unsigned. Values are read through N2, so a term left out stands
 * at its current value.
 */
export function agreementText(
	scenario: ResolvedScenario,
	input: AgreementTextInput
): AgreementText {
	const values = resolveOfferTerms(scenario, input.terms);
	// The contract term may itself be negotiated (S1's contractTerm drives contract.termYears).
	const termYears = applyTerms(scenario, values).scenario.contract.termYears;
	const management = scenario.parties.management.name;
	const title = `${management}${scenario.instrument}`;

	const bodies: { title?: string; text: string }[] = [];
	for (const term of scenario.terms) {
		// The contract term is stated once, in the 合同期限 line under the parties.
		if (term.kind === 'clause' || term.drives === 'contract.termYears') continue;
		bodies.push({ title: term.title, text: articleBody(term, values[term.id]) });
	}
	for (const c of input.clauses) bodies.push({ title: c.title, text: c.text });
	bodies.push(
		{
			text: '本合同期满前三个月内，任何一方均可向对方提出重新签订或者续订的要求（《集体合同规定》第三十八条）。'
		},
		{ text: EFFECT_TEXT },
		{ text: DISPUTES_TEXT }
	);

	const sides: Side[] = ['management', 'labour'];
	return {
		isDraft: input.isDraft,
		title: input.isDraft ? `${title}（草案）` : title,
		draftNotice: input.isDraft ? DRAFT_NOTICE : null,
		parties: sides.map((side) => ({
			side,
			label: SIDE_LABEL[side],
			name: scenario.parties[side].name
		})),
		termYears,
		termLine: `${termYears}年，自本合同生效之日起计算`,
		preamble: PREAMBLE,
		articles: bodies.map((b, i) => ({
			label: `第${chineseNumeral(i + 1)}条`,
			...(b.title !== undefined ? { title: b.title } : {}),
			paragraphs: paragraphsOf(b.text)
		})),
		signatures: sides.map((side) => {
			const s = input.signers.find((x) => x.side === side);
			return {
				side,
				label: SIDE_LABEL[side],
				partyName: scenario.parties[side].name,
				signerName: s?.name ?? null,
				date: s ? chineseDate(s.signedAt) : null
			};
		})
	};
}
