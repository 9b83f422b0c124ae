/**
 * A proposal version's 要约书 as a Word document (server/SPEC.md WS8), drawn from the pure text
 * of `offerLetterText` in the same typefaces as the agreement (宋体 body, 黑体 headings). The
 * draft 行业集体合同 / 工资专项集体合同 is the agreement document itself, marked 草案
 * (`buildAgreementDocx` with `isDraft`).
 *
 * ```ts
 * const buf = await buildOfferDocx(offerLetterText(scenario, version, details, reply), '千湖市…工会');
 * ```
 */
import { AlignmentType, Document, Packer, type Paragraph } from 'docx';
import type { OfferLetter } from '../../domain/proposal-offer.ts';
import {
	DOCUMENT_STYLES,
	heading,
	PAGE_PROPERTIES,
	para,
	run,
	TITLE_SIZE
} from './agreement-docx.ts';

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八'];

export async function buildOfferDocx(letter: OfferLetter, author: string): Promise<Buffer> {
	const children: Paragraph[] = [];
	let n = 0;
	const section = (title: string) =>
		children.push(para([heading(`${NUMBERS[n++]}、${title}`, { bold: true })], { before: 120 }));

	children.push(
		para([heading(letter.title, { bold: true, size: TITLE_SIZE })], {
			align: AlignmentType.CENTER,
			after: 360
		}),
		para([run(letter.addressee)], { align: AlignmentType.LEFT }),
		para([run(letter.opening)], { indent: true })
	);
	section('协商双方');
	for (const p of letter.parties)
		children.push(para([heading(`${p.label}：`), run(p.name)], { indent: true, after: 0 }));
	section('建议协商时间和地点');
	children.push(
		para([heading('时间：'), run(letter.meeting)], { indent: true, after: 0 }),
		para([heading('地点：'), run(letter.place)], { indent: true })
	);
	section('协商议题');
	children.push(para([run(letter.topics.join('；') + '。')], { indent: true }));
	section(`我方协商方案（${letter.versionName}）`);
	letter.terms.forEach((t, i) =>
		children.push(
			para(
				[
					run(`${i + 1}. `),
					heading(`${t.title}：`),
					run(t.proposed),
					...(t.current ? [run(`（现行：${t.current}）`, { color: '555555' })] : [])
				],
				{ indent: true, after: 60 }
			)
		)
	);
	for (const c of letter.clauses) {
		const [first = '', ...rest] = c.text.split('\n');
		children.push(
			para([heading(`${c.title}：`), run(first)], { indent: true, after: 60 }),
			...rest.map((l) => para([run(l)], { indent: true, after: 60 }))
		);
	}
	if (letter.rationale) {
		section('方案理由');
		for (const l of letter.rationale.split('\n')) children.push(para([run(l)], { indent: true }));
	}
	section('答复期限');
	children.push(para([run(letter.reply)], { indent: true }));
	children.push(
		para([], { after: 480 }),
		para([run(`要约方：${letter.signature.party}（盖章）`)], { align: AlignmentType.RIGHT }),
		para([run('首席代表（签字）：＿＿＿＿＿＿＿＿')], { align: AlignmentType.RIGHT }),
		para([run(letter.signature.date)], { align: AlignmentType.RIGHT })
	);

	const doc = new Document({
		title: letter.title,
		creator: author,
		lastModifiedBy: author,
		description: '协商 Xieshang',
		styles: DOCUMENT_STYLES,
		sections: [{ properties: PAGE_PROPERTIES, children }]
	});
	return Packer.toBuffer(doc);
}
