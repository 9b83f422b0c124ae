/**
 * The written offer (要约书) of a proposal version (rule WS23 in SPEC.md): who offers to whom,
 * the proposed time and place, the topics, the version's terms, and the date by which the other
 * side must answer under the case's jurisdiction. Pure text; the Word file is drawn from it
 * (src/lib/server/export/proposal-docx.ts) and tests read it without unzipping anything.
 *
 * ```ts
 * const text = offerLetterText(scenario, { values, rationale, versionName: '方案 B' }, details, reply);
 * ```
 */
import { formatTermValue } from './negotiation/format.ts';
import type { ResolvedScenario, TermValue } from './scenario.ts';
import { currentTerms } from './terms.ts';

export interface OfferDetails {
	/** The day the offer is sent (ISO date). */
	offerDate: string;
	/** Proposed meeting time and place, as the union writes them; blank lines when empty. */
	meeting: string;
	place: string;
}

export interface ReplyDeadline {
	/** Last day of the reply period (ISO), or null when it cannot be counted. */
	due: string | null;
	/** The rule in words, with its article (procedure/deadlines.ts). */
	rule: string;
}

export interface OfferTermLine {
	title: string;
	/** The proposed value as a contract prints it. */
	proposed: string;
	/** The current value, when the proposal changes it; null when it keeps it. */
	current: string | null;
}

export interface OfferLetter {
	title: string;
	addressee: string;
	opening: string;
	parties: { label: string; name: string }[];
	meeting: string;
	place: string;
	topics: string[];
	versionName: string;
	terms: OfferTermLine[];
	clauses: { title: string; text: string }[];
	rationale: string;
	reply: string;
	signature: { party: string; date: string };
}

const BLANK = '＿＿＿＿＿＿＿＿＿＿';

/** `2027-01-05` → `2027年1月5日`, as Chinese official letters date themselves. */
export function chineseDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export function offerLetterText(
	scenario: ResolvedScenario,
	version: { versionName: string; values: Readonly<Record<string, unknown>>; rationale: string },
	details: OfferDetails,
	reply: ReplyDeadline
): OfferLetter {
	const { labour, management } = scenario.parties;
	const current = currentTerms(scenario);
	const terms: OfferTermLine[] = [];
	const clauses: { title: string; text: string }[] = [];
	for (const t of scenario.terms) {
		const v = (version.values[t.id] ?? current[t.id]) as TermValue | undefined;
		if (t.kind === 'clause') {
			clauses.push({ title: t.title, text: typeof v === 'string' ? v : t.current });
			continue;
		}
		const proposed = formatTermValue(t, v);
		const was = formatTermValue(t, current[t.id]);
		terms.push({ title: t.title, proposed, current: proposed === was ? null : was });
	}
	const topics = [...new Set(scenario.terms.map((t) => t.topic ?? t.title))];
	return {
		title: '集体协商要约书',
		addressee: `${management.name}：`,
		opening:
			`根据《中华人民共和国劳动法》《中华人民共和国工会法》和《集体合同规定》，${labour.name}` +
			`代表职工一方，就${scenario.instrument}事宜向贵方提出集体协商要约，并提出我方协商方案如下。`,
		parties: [
			{ label: '要约方', name: labour.name },
			{ label: '受约方', name: management.name }
		],
		meeting: details.meeting.trim() || BLANK,
		place: details.place.trim() || BLANK,
		topics,
		versionName: version.versionName,
		terms,
		clauses,
		rationale: version.rationale.trim(),
		reply: reply.due
			? `请贵方自收到本要约书之日起依法书面答复（${reply.rule}），` +
				`即最迟于${chineseDate(reply.due)}前答复；无正当理由不得拒绝协商。`
			: `请贵方自收到本要约书之日起依法书面答复（${reply.rule}）；无正当理由不得拒绝协商。`,
		signature: { party: labour.name, date: chineseDate(details.offerDate) }
	};
}
