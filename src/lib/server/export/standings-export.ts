/**
 * The standings as spreadsheets: CSV (UTF-8 with BOM, so Excel opens Chinese text correctly) and
 * XLSX (exceljs, loaded lazily: it is large and server-only). One row per ranked team, then one
 * per ranked contestant; the figures are the ones the scoreboard shows.
 */
import type { EventExport, EventStandings } from '../../domain/scoring/index.ts';
import { SIDE_NAME_ZH } from '../../domain/roles.ts';
import { m } from '../../paraglide/messages.js';
import { tieKeyLabel, tieSentences } from '../../components/judging/tie-sentences.ts';
import type { UnscoredMatch } from '../../components/judging/unscored.ts';

// Exports are in Chinese whatever the organizer's screen language.
const ZH = { locale: 'zh-CN' } as const;
const POOL: Record<string, string> = { ...SIDE_NAME_ZH, combined: '综合' };
const methodLabel = (x: string) =>
	x === 'trimmed'
		? m.rubric_method_trimmed({}, ZH)
		: x === 'severity'
			? m.rubric_method_severity({}, ZH)
			: m.rubric_method_mean({}, ZH);
const noAgreementLabel = (x: string) =>
	x === 'last-offers' ? m.rubric_no_agreement_last({}, ZH) : m.rubric_no_agreement_zero({}, ZH);
const r2 = (x: number) => Math.round(x * 100) / 100;

export const TEAM_HEADER = [
	'组别',
	'名次',
	'队伍',
	'评分(原始)',
	'评分(调整后)',
	'结果分',
	'总分(原始)',
	'总分',
	'原始名次',
	'决定依据',
	'奖项'
];
export const INDIVIDUAL_HEADER = [
	'组别',
	'名次',
	'协商员',
	'队伍',
	'个人分(原始)',
	'个人分',
	'个人奖项'
];

/**
 * Standings with nobody ranked yet (no match fully scored): the files still open, with their
 * headers and the rules sheet listing the matches left out, rather than a ranking of zeros.
 */
export function emptyStandings(file: EventExport): EventStandings {
	return {
		eventId: file.event.id,
		eventName: file.event.name,
		method: file.method,
		weights: file.weights,
		tieBreak: file.tieBreak,
		noAgreement: file.noAgreement,
		seed: file.seed,
		pools: [],
		rawPools: [],
		adjustment: { changesPrizes: false, changesOrder: false, changes: [] },
		individuals: [],
		matches: [],
		agreement: [],
		aggregation: { judges: [], eventMean: 0, eventSd: 0 },
		notes: []
	};
}

export function teamRows(s: EventStandings): (string | number)[][] {
	return s.pools.flatMap((p) =>
		p.teams.map((t) => [
			POOL[p.pool] ?? p.pool,
			t.rank,
			t.name,
			r2(t.rubricRaw),
			r2(t.rubric),
			r2(t.outcome),
			r2(t.totalRaw),
			r2(t.total),
			s.rawPools.find((rp) => rp.pool === p.pool)?.teams.find((x) => x.id === t.id)?.rank ?? '',
			t.decidedBy ? tieKeyLabel(t.decidedBy, 'zh-CN') : '',
			t.prize ?? ''
		])
	);
}

export function individualRows(s: EventStandings): (string | number)[][] {
	const teamName = new Map(s.pools.flatMap((p) => p.teams.map((t) => [t.id, t.name] as const)));
	return s.individuals.flatMap((g) =>
		g.contestants.map((c) => [
			POOL[g.pool] ?? g.pool,
			c.rank,
			c.name,
			teamName.get(c.teamId) ?? c.teamId,
			r2(c.scoreRaw),
			r2(c.score),
			c.award ?? ''
		])
	);
}

export const csvCell = (v: string | number) => {
	const s = String(v);
	// Quote when needed; a leading =,+,-,@ is prefixed so a spreadsheet never runs it as a formula.
	const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Rows as CSV text, UTF-8 with a BOM and CRLF, as Excel expects. */
export function toCsv(rows: (string | number)[][]): string {
	return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function standingsCsv(s: EventStandings): string {
	return toCsv([TEAM_HEADER, ...teamRows(s), [], INDIVIDUAL_HEADER, ...individualRows(s)]);
}

/** A worksheet added after the standings (the score sheets with their remarks, for one). */
export interface ExtraSheet {
	name: string;
	header: string[];
	rows: (string | number)[][];
}

/**
 * The rules sheet (规则): every setting in words (平均分, not `mean`), how each tie was broken,
 * and the matches left out of the ranking.
 */
export function rulesRows(
	s: EventStandings,
	unscored: readonly UnscoredMatch[] = []
): (string | number)[][] {
	const rows: (string | number)[][] = [
		['活动', s.eventName],
		['汇总方法', methodLabel(s.method)],
		['权重（评分/结果）', `${s.weights.rubric} / ${s.weights.outcome}`],
		['并列决胜顺序', s.tieBreak.map((k) => tieKeyLabel(k, 'zh-CN')).join(' → ')],
		['未达成协议', noAgreementLabel(s.noAgreement)],
		['抽签种子', s.seed]
	];
	for (const p of s.pools)
		for (const line of tieSentences(p.teams, s.tieBreak, s.seed, 'zh-CN'))
			rows.push([`同分排序（${POOL[p.pool] ?? p.pool}）`, line]);
	for (const u of unscored)
		rows.push([
			'未计入排名',
			u.isPlayed
				? m.org_unscored_missing(
						{
							match: m.org_match_label(
								{
									round: String(u.round),
									table: String(u.table),
									labour: u.labour,
									management: u.management
								},
								ZH
							),
							sides: u.missing.map((x) => POOL[x]).join('、')
						},
						ZH
					)
				: m.org_unscored_unplayed(
						{
							match: m.org_match_label(
								{
									round: String(u.round),
									table: String(u.table),
									labour: u.labour,
									management: u.management
								},
								ZH
							)
						},
						ZH
					)
		]);
	return rows;
}

export async function standingsXlsx(
	s: EventStandings,
	extra: ExtraSheet[] = [],
	unscored: readonly UnscoredMatch[] = []
): Promise<Buffer> {
	const { default: ExcelJS } = await import('exceljs');
	const wb = new ExcelJS.Workbook();
	wb.creator = s.eventName;
	const sheet = (name: string, header: string[], rows: (string | number)[][]) => {
		const ws = wb.addWorksheet(name);
		ws.addRow(header).font = { bold: true };
		for (const r of rows) ws.addRow(r);
		ws.columns.forEach((c, i) => (c.width = i === 2 ? 24 : 12));
		ws.views = [{ state: 'frozen', ySplit: 1 }];
	};
	sheet('团体排名', TEAM_HEADER, teamRows(s));
	sheet('个人排名', INDIVIDUAL_HEADER, individualRows(s));
	for (const x of extra) sheet(x.name, x.header, x.rows);
	const info = wb.addWorksheet('规则');
	info.addRows(rulesRows(s, unscored));
	info.getColumn(1).width = 20;
	info.getColumn(2).width = 80;
	return Buffer.from(await wb.xlsx.writeBuffer());
}
