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
	AGREEMENT_LABELS as L,
	agreementText,
	BLANK_DATE,
	BLANK_NAME,
	DRAFT_NOTICE,
	type AgreementText,
	type ClauseText,
	type ResolvedScenario,
	type SignatureLine,
	type Signer,
	type TermValue
} from '../../domain/index.ts';

export type { ClauseText };

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

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
	/** The event the match belongs to: the document's author (Word's 作者 field). */
	author?: string;
}

// Body in 宋体, headings in 黑体 (the usual typefaces of Chinese official documents); Latin
// text in Times New Roman. Word picks the East Asian font from w:eastAsia, not from w:ascii.
const BODY_FONT: IFontAttributesProperties = {
	ascii: 'Times New Roman',
	hAnsi: 'Times New Roman',
	cs: 'Times New Roman',
	eastAsia: '宋体'
};
const HEADING_FONT: IFontAttributesProperties = {
	ascii: 'Times New Roman',
	hAnsi: 'Times New Roman',
	cs: 'Times New Roman',
	eastAsia: '黑体'
};
const BODY_SIZE = 24; // half-points: 12 pt, 小四
export const TITLE_SIZE = 36; // 18 pt, 小二
const DRAFT_RED = 'C00000';

/** Every document's default run: 宋体 小四, Chinese proofing. */
export const DOCUMENT_STYLES = {
	default: {
		document: {
			run: { font: BODY_FONT, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } }
		}
	}
};
/** Page margins in twips: 25.4 mm top and bottom, 28 mm left (binding side), 26 mm right. */
export const PAGE_PROPERTIES = {
	page: { margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } }
};

export const run = (text: string, opts: IRunOptions = {}) => new TextRun({ text, ...opts });
export const heading = (text: string, opts: IRunOptions = {}) =>
	run(text, { font: HEADING_FONT, ...opts });

export const para = (
	children: TextRun[],
	opts: {
		align?: (typeof AlignmentType)[keyof typeof AlignmentType];
		indent?: boolean;
		after?: number;
		before?: number;
	} = {}
) =>
	new Paragraph({
		children,
		alignment: opts.align ?? AlignmentType.JUSTIFIED,
		// Two-character first-line indent: 2 × 12 pt = 480 twips.
		indent: opts.indent ? { firstLine: 480 } : undefined,
		spacing: { line: 360, after: opts.after ?? 120, before: opts.before ?? 0 }
	});

function signatureTable(lines: AgreementText['signatures']): Table {
	const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
	const borders = {
		top: none,
		bottom: none,
		left: none,
		right: none,
		insideHorizontal: none,
		insideVertical: none
	};
	const column = (line: SignatureLine) =>
		new TableCell({
			width: { size: 50, type: WidthType.PERCENTAGE },
			borders: { top: none, bottom: none, left: none, right: none },
			children: [
				para([heading(line.label)], { align: AlignmentType.LEFT }),
				para([run(`${line.partyName}${L.seal}`)], { align: AlignmentType.LEFT }),
				para([run(L.signer), run(line.signerName ?? BLANK_NAME)], {
					align: AlignmentType.LEFT,
					before: 240
				}),
				para([run(L.date), run(line.date ?? BLANK_DATE)], { align: AlignmentType.LEFT })
			]
		});
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders,
		rows: [new TableRow({ children: lines.map(column) })]
	});
}

/**
 * Builds the .docx (N17–N18) from `agreementText`, the words the print view shows too: title,
 * parties, contract term, preamble, one numbered article per term (agreed figure with unit,
 * current value for reference), the clauses, the statement on taking effect, and a signature
 * block for both chief representatives, blank where unsigned. A draft says 草案 in the title, a
 * red banner, the page header and the footer; a signed agreement never contains the word, and
 * prints its hash at the end and in the footer.
 */
export async function buildAgreementDocx(input: AgreementDocxInput): Promise<Buffer> {
	const { scenario, isDraft } = input;
	const text = agreementText(scenario, input);
	const title = `${scenario.parties.management.name}${scenario.instrument}`;

	const children: (Paragraph | Table)[] = [];
	if (isDraft) {
		children.push(
			para([heading(L.draftMark, { bold: true, size: 44, color: DRAFT_RED })], {
				align: AlignmentType.CENTER,
				after: 0
			}),
			para([run(DRAFT_NOTICE, { color: DRAFT_RED, bold: true })], {
				align: AlignmentType.CENTER,
				after: 240
			})
		);
	}
	const [management, labour] = text.parties;
	children.push(
		para([heading(text.title, { bold: true, size: TITLE_SIZE })], {
			align: AlignmentType.CENTER,
			after: 360
		}),
		para([heading(management!.label), run(`：${management!.name}`)], {
			align: AlignmentType.LEFT,
			after: 0
		}),
		para([heading(labour!.label), run(`：${labour!.name}`)], {
			align: AlignmentType.LEFT,
			after: 0
		}),
		para([heading(L.term), run(`：${text.termLine}`)], { align: AlignmentType.LEFT, after: 240 }),
		para([run(text.preamble)], { indent: true })
	);

	for (const a of text.articles) {
		const [first = '', ...rest] = a.paragraphs;
		children.push(
			para(
				[
					heading(`${a.label}　`, { bold: true }),
					...(a.title ? [heading(`${a.title}：`)] : []),
					run(first)
				],
				{ indent: true }
			),
			// A clause's further paragraphs keep the author's line breaks.
			...rest.map((l) => para([run(l)], { indent: true }))
		);
	}

	children.push(para([], { after: 480 }), signatureTable(text.signatures));
	if (!isDraft && input.hash) {
		children.push(
			para([run(L.hash, { size: 18 }), run(input.hash, { size: 18, font: 'Consolas' })], {
				align: AlignmentType.LEFT,
				before: 480
			})
		);
	}

	const footerText = isDraft
		? '草案 — 仅供协商使用，不具有约束力'
		: input.hash
			? `文本摘要 SHA-256：${input.hash}`
			: '';
	const doc = new Document({
		title,
		creator: input.author ?? scenario.parties.management.name,
		lastModifiedBy: input.author ?? scenario.parties.management.name,
		description: '协商 Xieshang',
		styles: DOCUMENT_STYLES,
		sections: [
			{
				properties: PAGE_PROPERTIES,
				headers: {
					default: new Header({
						children: isDraft
							? [
									para([heading(L.draftMark, { bold: true, color: DRAFT_RED })], {
										align: AlignmentType.RIGHT
									})
								]
							: []
					})
				},
				footers: {
					default: new Footer({
						children: [
							para([run(footerText, { size: 16, color: isDraft ? DRAFT_RED : '666666' })], {
								align: AlignmentType.CENTER,
								after: 0
							}),
							para(
								[
									run('第 ', { size: 18 }),
									new TextRun({ children: [PageNumber.CURRENT], size: 18 }),
									run(' 页', { size: 18 })
								],
								{ align: AlignmentType.CENTER }
							)
						]
					})
				},
				children
			}
		]
	});
	return Packer.toBuffer(doc);
}
