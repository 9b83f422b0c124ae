/**
 * Score sheets as spreadsheet rows (评分明细): one row per score, with the judge's remark on that
 * criterion beside it, then one row for the sheet's overall remark. A long table rather than one
 * row per sheet, so a spreadsheet filter by judge, team or criterion answers an appeal directly.
 * Built from the event file, so the rows match the standings exported with them.
 */
import { DEFAULT_RUBRIC, type EventExport } from '../../domain/scoring/index.ts';
import { SIDE_NAME_ZH } from '../../domain/roles.ts';

export const SHEET_HEADER = [
	'轮次',
	'对阵',
	'方',
	'队伍',
	'评委',
	'状态',
	'协商员',
	'评分项',
	'分值',
	'评语'
];

const SIDE: Record<string, string> = SIDE_NAME_ZH;
const STATUS: Record<string, string> = { draft: '草稿', submitted: '已提交' };
export const OVERALL_REMARK = '总评';

export function sheetRows(file: EventExport): (string | number)[][] {
	const rubric = file.rubric ?? DEFAULT_RUBRIC;
	const teams = new Map(file.teams.map((t) => [t.id, t]));
	const judges = new Map((file.judges ?? []).map((j) => [j.id, j.name]));
	const matches = new Map(file.matches.map((m) => [m.id, m]));
	const rows: (string | number)[][] = [];
	for (const sh of file.sheets) {
		const m = matches.get(sh.matchId);
		const team = teams.get(sh.teamId);
		const members = new Map((team?.members ?? []).map((p) => [p.id, p.name]));
		const head = [
			m?.round ?? '',
			m
				? `${teams.get(m.labourTeamId)?.name ?? m.labourTeamId} vs ${teams.get(m.managementTeamId)?.name ?? m.managementTeamId}`
				: sh.matchId,
			SIDE[sh.side] ?? sh.side,
			team?.name ?? sh.teamId,
			judges.get(sh.judgeId) ?? sh.judgeId,
			STATUS[sh.status] ?? sh.status
		];
		for (const c of rubric.criteria.filter((c) => c.appliesTo === 'team'))
			rows.push([
				...head,
				'',
				c.label,
				sh.teamScores[c.id] ?? '',
				sh.criterionComments?.[c.id] ?? ''
			]);
		for (const ct of sh.contestants) {
			for (const c of rubric.criteria.filter((c) => c.appliesTo === 'individual'))
				rows.push([
					...head,
					members.get(ct.contestantId) ?? ct.contestantId,
					c.label,
					ct.scores[c.id] ?? '',
					ct.criterionComments?.[c.id] ?? ''
				]);
		}
		if (sh.comment) rows.push([...head, '', OVERALL_REMARK, '', sh.comment]);
	}
	return rows;
}
