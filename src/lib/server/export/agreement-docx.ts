/**
 * The agreement as a Word document (工资专项集体合同文本), for printing, the workers' congress
 * and filing. Built from the stored agreement row (or, for a draft, the current draft values),
 * never from live document state. Rules N17–N18 in src/lib/domain/SPEC.md.
 *
 * ```ts
 * const buf = await buildAgreementDocx({ scenario, terms: agreement.terms, clauses, signers: agreement.signers, isDraft: false, hash });
 * return new Response(new Uint8Array(buf), { headers: { 'content-type': DOCX_MIME } });
 * ```
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	Header,
	Packer,
	PageNumber,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IFontAttributesProperties,
	type IRunOptions
} from 'docx';
import {
	applyTerms,
	chineseNumeral,
	formatTermValue,
	resolveOfferTerms,
	type ResolvedScenario,
	type Side,
	type Signer,
	type TermValue
} from '../../domain/index.ts';
import { chineseDate } from './dates.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ClauseText {
	id: string;
	title: string;
	text: string;
}

export interface AgreementDocxInput {
	scenario: ResolvedScenario;
	/** Agreed (or draft) values of the non-clause terms; a term left out stands at its current value (N2). */
	terms: Readonly<Record<string, TermValue>>;
	/** Clause texts with their titles, printed in this order after the term articles. */
	clauses: readonly ClauseText[];
	signers: readonly Signer[];
	/** An unsigned draft: marked 草案 in the title, a banner, the header and the footer. */
	isDraft: boolean;
	/** `agreementHash` of the stored agreement; printed when not a draft. */
	hash?: string;
}

// Body in 宋体, headings in 黑体 (the usual typefaces of Chinese official documents); Latin
// text in Times New Roman. Word picks the East Asian font from w:eastAsia, not from w:ascii.
const BODY_FONT: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '宋体' };
const HEADING_FONT: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '黑体' };
const BODY_SIZE = 24; // half-points: 12 pt, 小四
const TITLE_SIZE = 36; // 18 pt, 小二
const DRAFT_RED = 'C00000';

const SIDE_LABEL: Record<Side, string> = { management: '甲方（企业方）', labour: '乙方（职工方）' };
const BLANK_NAME = '＿＿＿＿＿＿＿＿';
const BLANK_DATE = '＿＿＿＿年＿＿月＿＿日';

const run = (text: string, opts: IRunOptions = {}) => new TextRun({ text, ...opts });
const heading = (text: string, opts: IRunOptions = {}) => run(text, { font: HEADING_FONT, ...opts });

const para = (children: TextRun[], opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number; before?: number } = {}) =>
	new Paragraph({
		children,
		alignment: opts.align ?? AlignmentType.JUSTIFIED,
		// Two-character first-line indent: 2 × 12 pt = 480 twips.
		indent: opts.indent ? { firstLine: 480 } : undefined,
		spacing: { line: 360, after: opts.after ?? 120, before: opts.before ?? 0 }
	});

/** One article per term, in scenario order (N17). */
function termArticles(scenario: ResolvedScenario, values: Record<string, TermValue>): { title: string; body: string }[] {
	const out: { title: string; body: string }[] = [];
	for (const term of scenario.terms) {
		if (term.kind === 'clause') continue;
		const value = values[term.id];
		const agreed = formatTermValue(term, value);
		const current = formatTermValue(term, term.current);
		const reference = agreed === current ? '（维持现行标准）' : `（现行标准：${current}）`;
		out.push({ title: term.title, body: `${agreed}${reference}。` });
	}
	return out;
}

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

const PREAMBLE =
	'为建立健全工资正常增长机制，维护职工和企业的合法权益，根据《中华人民共和国劳动法》《中华人民共和国劳动合同法》《中华人民共和国工会法》《集体合同规定》和《工资集体协商试行办法》等有关规定，甲乙双方经平等协商，订立本合同。';

function signatureTable(scenario: ResolvedScenario, signers: readonly Signer[]): Table {
	const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
	const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
	const column = (side: Side) => {
		const s = signers.find((x) => x.side === side);
		const partyName = scenario.parties[side].name;
		return new TableCell({
			width: { size: 50, type: WidthType.PERCENTAGE },
			borders: { top: none, bottom: none, left: none, right: none },
			children: [
				para([heading(SIDE_LABEL[side])], { align: AlignmentType.LEFT }),
				para([run(`${partyName}（盖章）`)], { align: AlignmentType.LEFT }),
				para([run('首席代表（签字）：'), run(s ? s.name : BLANK_NAME)], { align: AlignmentType.LEFT, before: 240 }),
				para([run('日期：'), run(s ? chineseDate(s.signedAt) : BLANK_DATE)], { align: AlignmentType.LEFT })
			]
		});
	};
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders,
		rows: [new TableRow({ children: [column('management'), column('labour')] })]
	});
}

/**
 * Builds the .docx (N17–N18): title, parties, contract term, preamble, one numbered article per
 * term (agreed figure with unit, current value for reference), the clauses, the statement on
 * taking effect, and a signature block for both chief representatives, blank where unsigned.
 * A draft says 草案 in the title, a red banner, the page header and the footer; a signed
 * agreement never contains the word, and prints its hash at the end and in the footer.
 */
export async function buildAgreementDocx(input: AgreementDocxInput): Promise<Buffer> {
	const { scenario, isDraft } = input;
	const values = resolveOfferTerms(scenario, input.terms);
	// The contract term may itself be negotiated (S1's contractTerm drives contract.termYears).
	const termYears = applyTerms(scenario, values).scenario.contract.termYears;
	const management = scenario.parties.management.name;
	const labour = scenario.parties.labour.name;
	const title = `${management}${scenario.instrument}`;

	const children: (Paragraph | Table)[] = [];
	if (isDraft) {
		children.push(
			para([heading('草案', { bold: true, size: 44, color: DRAFT_RED })], { align: AlignmentType.CENTER, after: 0 }),
			para([run('本文本为协商中的草案，未经职工代表大会审议和双方首席代表签字，不具有约束力。', { color: DRAFT_RED, bold: true })], {
				align: AlignmentType.CENTER,
				after: 240
			})
		);
	}
	children.push(
		para([heading(isDraft ? `${title}（草案）` : title, { bold: true, size: TITLE_SIZE })], { align: AlignmentType.CENTER, after: 360 }),
		para([heading(SIDE_LABEL.management), run(`：${management}`)], { align: AlignmentType.LEFT, after: 0 }),
		para([heading(SIDE_LABEL.labour), run(`：${labour}`)], { align: AlignmentType.LEFT, after: 0 }),
		para([heading('合同期限'), run(`：${termYears}年，自本合同生效之日起计算`)], { align: AlignmentType.LEFT, after: 240 }),
		para([run(PREAMBLE)], { indent: true })
	);

	const articles: { title?: string; body: string }[] = [
		...termArticles(scenario, values),
		...input.clauses.map((c) => ({ title: c.title, body: c.text })),
		{ body: `本合同期限为${termYears}年。期满前三个月内，任何一方均可向对方提出重新签订或者续订的要求（《集体合同规定》第三十八条）。` },
		{ body: EFFECT_TEXT },
		{ body: '本合同未尽事宜，由双方协商解决。履行本合同发生争议的，双方应当协商解决；协商不成的，依法申请仲裁或者提起诉讼。' }
	];
	articles.forEach((a, i) => {
		const label = `第${chineseNumeral(i + 1)}条`;
		const lines = a.body.split(/\r?\n/);
		children.push(
			para([heading(`${label}　`, { bold: true }), ...(a.title ? [heading(`${a.title}：`)] : []), run(lines[0] ?? '')], { indent: true }),
			// A clause's further paragraphs keep the author's line breaks.
			...lines.slice(1).filter((l) => l.trim() !== '').map((l) => para([run(l)], { indent: true }))
		);
	});

	children.push(para([], { after: 480 }), signatureTable(scenario, input.signers));
	if (!isDraft && input.hash) {
		children.push(para([run('本合同文本摘要（SHA-256）：', { size: 18 }), run(input.hash, { size: 18, font: 'Consolas' })], { align: AlignmentType.LEFT, before: 480 }));
	}

	const footerText = isDraft ? '草案 — 仅供协商使用，不具有约束力' : input.hash ? `文本摘要 SHA-256：${input.hash}` : '';
	const doc = new Document({
		title,
		creator: '协商 Xieshang',
		styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
		sections: [
			{
				properties: { page: { margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } },
				headers: {
					default: new Header({
						children: isDraft ? [para([heading('草案', { bold: true, color: DRAFT_RED })], { align: AlignmentType.RIGHT })] : []
					})
				},
				footers: {
					default: new Footer({
						children: [
							para([run(footerText, { size: 16, color: isDraft ? DRAFT_RED : '666666' })], { align: AlignmentType.CENTER, after: 0 }),
							para([run('第 ', { size: 18 }), new TextRun({ children: [PageNumber.CURRENT], size: 18 }), run(' 页', { size: 18 })], { align: AlignmentType.CENTER })
						]
					})
				},
				children
			}
		]
	});
	return Packer.toBuffer(doc);
}
