/**
 * `xs cost SCENARIO [--terms FILE] [--json]` — prices a set of terms (JSON or YAML; only the terms
 * that differ from current) against the scenario's current terms. A readable table by default,
 * one JSON object with `--json`.
 */
import { readFileSync } from 'node:fs';
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

const USAGE = 'usage: xs cost SCENARIO [--terms FILE] [--json]';

export function run(argv: string[]): number {
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
	const loaded = loadFile(files[0] as string);
	if (!loaded.ok) {
		for (const p of sortProblems(loaded.problems)) console.error(formatProblem(p));
		return 1;
	}
	if (loaded.kind !== 'scenario') {
		console.error(`xs cost: ${files[0]} is a jurisdiction file, not a scenario`);
		return 2;
	}
	let terms: Record<string, unknown> = {};
	if (termsFile) {
		try {
			const raw: unknown = parse(readFileSync(termsFile, 'utf8'));
			if (raw !== null && raw !== undefined) {
				if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('expected a mapping of term id → value');
				terms = raw as Record<string, unknown>;
			}
		} catch (e) {
			console.error(`${termsFile}: ${(e as Error).message.split('\n')[0]}`);
			return 1;
		}
	}
	const report = cost(loaded.value as ResolvedScenario, terms);
	if (json) console.log(JSON.stringify(reportToJson(report)));
	else console.log(table(loaded.value as ResolvedScenario, report));
	return 0;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
const share = (x: number) => `${(x * 100).toFixed(1)}%`;
const sign = (fen: number) => (fen > 0 ? '+' : '') + formatYuan(fen);
const yuan2 = (fenPerHour: number) => (fenPerHour / 100).toFixed(2);

/** Pads by display width so Chinese names line up (CJK characters take two columns). */
function pad(s: string, w: number, right = false): string {
	const width = [...s].reduce((a, ch) => a + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
	const fill = ' '.repeat(Math.max(0, w - width));
	return right ? fill + s : s + fill;
}

function table(s: ResolvedScenario, r: CostReport): string {
	const out: string[] = [];
	out.push(`${s.title}`);
	out.push(`法域 ${s.rules.name}；合同期限 ${r.termYears} 年；人数 ${r.headcount}`);
	out.push('');
	if (r.changes.length === 0) out.push('议题变化：无（按现行条件测算）');
	else {
		out.push('议题变化：');
		for (const c of r.changes) out.push(`  ${c.title}: ${JSON.stringify(c.current)} → ${JSON.stringify(c.proposed)}`);
	}
	out.push('');
	out.push(
		[pad('群体', 24), pad('人数', 8, true), pad('现行月均', 12, true), pad('方案月均', 12, true), pad('增减', 11, true), pad('%', 8, true), pad('现行最低', 12, true), pad('方案最低', 12, true)].join(' ')
	);
	for (const g of r.groups) {
		out.push(
			[
				pad(`${g.id} ${g.name}`, 24),
				pad(String(g.headcount), 8, true),
				pad(formatYuan(g.current.meanPayFen), 12, true),
				pad(formatYuan(g.proposed.meanPayFen), 12, true),
				pad(sign(g.deltaMeanPayFen), 11, true),
				pad(pct(g.deltaPct), 8, true),
				pad(formatYuan(g.current.lowestPayFen), 12, true),
				pad(formatYuan(g.proposed.lowestPayFen), 12, true)
			].join(' ')
		);
	}
	out.push('');
	out.push(`月工资总额    现行 ${formatYuan(r.monthly.current.wageBillFen)}  方案 ${formatYuan(r.monthly.proposed.wageBillFen)}  增减 ${sign(r.monthly.deltaWageBillFen)} (${pct(r.monthly.deltaPct)})`);
	out.push(`月用工成本    现行 ${formatYuan(r.monthly.current.employerCostFen)}  方案 ${formatYuan(r.monthly.proposed.employerCostFen)}  增减 ${sign(r.monthly.deltaEmployerCostFen)}`);
	out.push(`年度成本增加（含社保等）${sign(r.annual.costDeltaFen)}`);
	const a = r.averageRaise;
	out.push(`平均增资 ${pct(a.pct)}；工资指导线 下线 ${pct(a.lower)} / 基准线 ${pct(a.baseline)} / 上线 ${pct(a.upper)}`);
	if (r.finance) {
		const f = r.finance;
		if (f.currentLabourCostShareOfRevenue !== undefined) out.push(`人工成本占营业收入 ${pct(f.currentLabourCostShareOfRevenue)} → ${pct(f.proposedLabourCostShareOfRevenue ?? 0)}`);
		if (f.costDeltaShareOfProfit !== undefined) out.push(`年度成本增加占上年净利润 ${pct(f.costDeltaShareOfProfit)}`);
	}
	if (r.projection.length > 1) {
		out.push('多年测算（年）：');
		for (const p of r.projection) out.push(`  第 ${p.year} 年  现行 ${formatYuan(p.currentEmployerCostFen)}  方案 ${formatYuan(p.proposedEmployerCostFen)}  增加 ${sign(p.employerCostDeltaFen)}`);
	}
	const pr = r.pieceRate;
	if (pr) {
		out.push('');
		out.push(`计件（每${pr.unitName}）       现行            方案`);
		const row = (label: string, c: string, p: string) => out.push(`  ${pad(label, 22)} ${pad(c, 14, true)} ${pad(p, 14, true)}`);
		row('平均单价', (pr.current.meanRatePerUnitFen / 100).toFixed(4), (pr.proposed.meanRatePerUnitFen / 100).toFixed(4));
		row('参照劳动者日收入', formatYuan(pr.current.reference.payFen), formatYuan(pr.proposed.reference.payFen));
		row('参照劳动者工作时间', pr.current.reference.workingHours.toFixed(2), pr.proposed.reference.workingHours.toFixed(2));
		row('参照劳动者小时收入', yuan2(pr.current.reference.hourlyFen), yuan2(pr.proposed.reference.hourlyFen));
		row('参照劳动者月收入', formatYuan(pr.current.reference.monthlyFen), formatYuan(pr.proposed.reference.monthlyFen));
		row('小时收入 P10', yuan2(pr.current.hourlyFen.p10), yuan2(pr.proposed.hourlyFen.p10));
		row('小时收入 P50', yuan2(pr.current.hourlyFen.p50), yuan2(pr.proposed.hourlyFen.p50));
		row('小时收入 P90', yuan2(pr.current.hourlyFen.p90), yuan2(pr.proposed.hourlyFen.p90));
		row('低于小时最低工资比例', share(pr.current.shareBelowHourlyMinimum), share(pr.proposed.shareBelowHourlyMinimum));
		row('保障补足（月）', formatYuan(pr.current.topUpFen), formatYuan(pr.proposed.topUpFen));
		row('付费方月成本', formatYuan(pr.current.employerCostFen), formatYuan(pr.proposed.employerCostFen));
		out.push(`  付费方月成本增减 ${sign(pr.employerMonthlyCostDeltaFen)}`);
	}
	out.push('');
	if (r.findings.length === 0) out.push('合规提示：无');
	else {
		out.push('合规提示：');
		const label = { violation: '违法', warning: '警示', info: '提示', input: '输入' } as const;
		for (const f of r.findings) out.push(`  [${label[f.severity]}] ${f.message}（${f.citation}）${f.alsoCurrent ? ' 〔现行已存在〕' : ''}`);
	}
	return out.join('\n');
}
