/**
 * `xs cost SCENARIO [--terms FILE] [--json]` — prices a set of terms (JSON or YAML; only the terms
 * that differ from current) against the scenario's current terms. A readable table by default,
 * one JSON object with `--json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
	cost,
	formatProblem,
	formatYuan,
	reportToJson,
	sortProblems,
	type CostReport,
	type ResolvedScenario
} from '../../src/lib/domain/index.ts';
import { loadFile } from '../scenario-files.ts';
import { CASE_REF, caseFromDatabase } from './case-db.ts';
import { cliLocale, renderTable, type CliLocale } from './table.ts';

const USAGE =
	'usage: xs cost SCENARIO [--terms FILE] [--json]   (SCENARIO: a file, or a case id[@version] in the database; XS_LOCALE=en for English headers)';

export async function run(argv: string[]): Promise<number> {
	let termsFile: string | undefined;
	let json = false;
	const files: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i] as string;
		if (a === '--json') json = true;
		else if (a === '--terms') termsFile = argv[++i];
		else if (a.startsWith('--terms=')) termsFile = a.slice('--terms='.length);
		else if (a.startsWith('-')) {
			console.error(`xs cost: unknown option ${a}\n${USAGE}`);
			return 2;
		} else files.push(a);
	}
	if (files.length !== 1 || (argv.includes('--terms') && !termsFile)) {
		console.error(USAGE);
		return 2;
	}
	const source = files[0] as string;
	let scenario: ResolvedScenario;
	if (!existsSync(source) && CASE_REF.test(source)) {
		const fromDb = await caseFromDatabase(source);
		if (!fromDb) {
			console.error(`xs cost: no file or case "${source}"`);
			return 1;
		}
		scenario = fromDb;
	} else {
		const loaded = loadFile(source);
		if (!loaded.ok) {
			for (const p of sortProblems(loaded.problems)) console.error(formatProblem(p));
			return 1;
		}
		if (loaded.kind !== 'scenario') {
			console.error(`xs cost: ${source} is a jurisdiction file, not a scenario`);
			return 2;
		}
		scenario = loaded.value as ResolvedScenario;
	}
	let terms: Record<string, unknown> = {};
	if (termsFile) {
		try {
			const raw: unknown = parse(readFileSync(termsFile, 'utf8'));
			if (raw !== null && raw !== undefined) {
				if (typeof raw !== 'object' || Array.isArray(raw))
					throw new Error('expected a mapping of term id → value');
				terms = raw as Record<string, unknown>;
			}
		} catch (e) {
			console.error(`${termsFile}: ${(e as Error).message.split('\n')[0]}`);
			return 1;
		}
	}
	const report = cost(scenario, terms);
	if (json) console.log(JSON.stringify(reportToJson(report)));
	else console.log(table(scenario, report, cliLocale()));
	return 0;
}

/** A change: signed, and 无变化 when nothing moves. */
const change = (x: number) =>
	Math.abs(x) < 5e-5 ? '无变化' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
/** A share or a rate that is not a change: no sign. */
const share2 = (x: number) => `${(x * 100).toFixed(2)}%`;
const share1 = (x: number) => `${(x * 100).toFixed(1)}%`;
const sign = (fen: number) => (fen === 0 ? '无变化' : (fen > 0 ? '+' : '') + formatYuan(fen));
const yuan2 = (fenPerHour: number) => (fenPerHour / 100).toFixed(2);

const HEAD = {
	zh: [
		'群体',
		'人数',
		'现行月均',
		'方案月均',
		'增减',
		'增幅',
		'现行最低',
		'方案最低',
		'计入最低工资'
	],
	en: [
		'group',
		'headcount',
		'current mean',
		'proposed mean',
		'change',
		'change %',
		'current lowest',
		'proposed lowest',
		'counted for minimum'
	]
} as const;
const PIECE_HEAD = {
	zh: ['计件', '现行', '方案'],
	en: ['piece rate', 'current', 'proposed']
} as const;

function groupTable(r: CostReport, locale: CliLocale): string[] {
	return renderTable(
		[...HEAD[locale]],
		r.groups.map((g) => [
			`${g.id} ${g.name}`,
			String(g.headcount),
			formatYuan(g.current.meanPayFen),
			formatYuan(g.proposed.meanPayFen),
			sign(g.deltaMeanPayFen),
			change(g.deltaPct),
			formatYuan(g.current.lowestPayFen),
			formatYuan(g.proposed.lowestPayFen),
			formatYuan(g.proposed.lowestCountedFen)
		]),
		[false, true, true, true, true, true, true, true, true]
	);
}

function totals(r: CostReport): string[] {
	const out: string[] = [];
	const m = r.monthly;
	out.push(
		`月工资总额    现行 ${formatYuan(m.current.wageBillFen)}  方案 ${formatYuan(m.proposed.wageBillFen)}  增减 ${sign(m.deltaWageBillFen)} (${change(m.deltaPct)})`
	);
	out.push(
		`月用工成本    现行 ${formatYuan(m.current.employerCostFen)}  方案 ${formatYuan(m.proposed.employerCostFen)}  增减 ${sign(m.deltaEmployerCostFen)}`
	);
	out.push(`年度成本增加（含社保等）${sign(r.annual.costDeltaFen)}`);
	const a = r.averageRaise;
	out.push(
		`平均增资 ${change(a.pct)}；工资指导线 下线 ${share2(a.lower)} / 基准线 ${share2(a.baseline)} / 上线 ${share2(a.upper)}`
	);
	if (r.finance) {
		const f = r.finance;
		if (f.currentLabourCostShareOfRevenue !== undefined)
			out.push(
				`人工成本占营业收入 ${share2(f.currentLabourCostShareOfRevenue)} → ${share2(f.proposedLabourCostShareOfRevenue ?? 0)}`
			);
		if (f.costDeltaShareOfProfit !== undefined)
			out.push(`年度成本增加占上年净利润 ${share2(f.costDeltaShareOfProfit)}`);
	}
	if (r.womenProtection)
		out.push(
			`女职工特殊保护年度成本  现行 ${formatYuan(r.womenProtection.current.annualFen)}  方案 ${formatYuan(r.womenProtection.proposed.annualFen)}`
		);
	if (r.projection.length > 1) {
		out.push('多年测算（年）：');
		for (const p of r.projection)
			out.push(
				`  第 ${p.year} 年  现行 ${formatYuan(p.currentEmployerCostFen)}  方案 ${formatYuan(p.proposedEmployerCostFen)}  增加 ${sign(p.employerCostDeltaFen)}`
			);
	}
	return out;
}

function pieceTable(pr: NonNullable<CostReport['pieceRate']>, locale: CliLocale): string[] {
	const c = pr.current;
	const p = pr.proposed;
	const rows: [string, string, string][] = [
		['平均单价', (c.meanRatePerUnitFen / 100).toFixed(4), (p.meanRatePerUnitFen / 100).toFixed(4)],
		['参照劳动者日收入', formatYuan(c.reference.payFen), formatYuan(p.reference.payFen)],
		[
			'参照劳动者工作时间',
			c.reference.workingHours.toFixed(2),
			p.reference.workingHours.toFixed(2)
		],
		['参照劳动者小时收入', yuan2(c.reference.hourlyFen), yuan2(p.reference.hourlyFen)],
		['参照劳动者月收入', formatYuan(c.reference.monthlyFen), formatYuan(p.reference.monthlyFen)],
		['小时收入 P10', yuan2(c.hourlyFen.p10), yuan2(p.hourlyFen.p10)],
		['小时收入 P50', yuan2(c.hourlyFen.p50), yuan2(p.hourlyFen.p50)],
		['小时收入 P90', yuan2(c.hourlyFen.p90), yuan2(p.hourlyFen.p90)],
		['低于小时最低工资比例', share1(c.shareBelowHourlyMinimum), share1(p.shareBelowHourlyMinimum)],
		['保障补足（月）', formatYuan(c.topUpFen), formatYuan(p.topUpFen)],
		['付费方月成本', formatYuan(c.employerCostFen), formatYuan(p.employerCostFen)]
	];
	const [first, ...rest] = PIECE_HEAD[locale];
	const head = [`${first}（每${pr.unitName}）`, ...rest];
	return [
		...renderTable(head, rows, [false, true, true], '  '),
		`  付费方月成本增减 ${sign(pr.employerMonthlyCostDeltaFen)}`
	];
}

function findingLines(r: CostReport): string[] {
	if (r.findings.length === 0) return ['合规提示：无'];
	const label = { violation: '违法', warning: '警示', info: '提示', input: '输入' } as const;
	return [
		'合规提示：',
		...r.findings.map(
			(f) =>
				`  [${label[f.severity]}] ${f.message}（${f.citation}）${f.alsoCurrent ? ' 〔现行已存在〕' : ''}`
		)
	];
}

function table(s: ResolvedScenario, r: CostReport, locale: CliLocale): string {
	const out: string[] = [
		`${s.title}`,
		`法域 ${s.rules.name}；合同期限 ${r.termYears} 年；人数 ${r.headcount}`,
		''
	];
	if (r.changes.length === 0) out.push('议题变化：无（按现行条件测算）');
	else {
		out.push('议题变化：');
		for (const c of r.changes)
			out.push(`  ${c.title}: ${JSON.stringify(c.current)} → ${JSON.stringify(c.proposed)}`);
	}
	out.push('', ...groupTable(r, locale), '', ...totals(r));
	if (r.pieceRate) out.push('', ...pieceTable(r.pieceRate, locale));
	out.push('', ...findingLines(r));
	return out.join('\n');
}
