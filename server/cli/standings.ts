/**
 * `xs standings FILE [--json]`: recompute an event's published standings from its exported file
 * (JSON or YAML), so an organizer or a team can check the results without the server, followed by
 * each match's outcome analysis (S28; `analysis` in `--json`), recomputed from the signed packages
 * and points tables the file carries (S29). Exit codes:
 * 0 done, 1 the file is invalid (each problem printed with its path), 2 usage or read error.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { SIDE_NAME_ZH } from '#lib/domain/roles.ts';
import {
	analyzeEventOutcomes,
	computeEventStandings,
	formatPath,
	parseEventExport,
	type EventOutcomeAnalysis,
	type EventStandings,
	type Package,
	type ScoringProblem
} from '../../src/lib/domain/scoring/index.ts';

const USAGE = 'usage: xs standings FILE [--json]';

const SIDE_LABEL: Record<string, string> = { ...SIDE_NAME_ZH, combined: '综合' };

/** Display width: CJK and full-width characters take two terminal columns. */
function width(s: string): number {
	let w = 0;
	for (const ch of s)
		w +=
			/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
				ch
			)
				? 2
				: 1;
	return w;
}
const pad = (s: string, n: number, right = false) =>
	right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s)));

function table(head: string[], rows: string[][], numeric: boolean[]): string {
	const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
	const line = (r: string[]) =>
		r
			.map((c, i) => pad(c, widths[i] ?? 0, numeric[i]))
			.join('  ')
			.trimEnd();
	return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const f2 = (x: number) => x.toFixed(2);

function render(s: EventStandings): string {
	const out: string[] = [];
	out.push(`${s.eventName} (${s.eventId})`);
	out.push(
		`method ${s.method}; weights rubric ${s.weights.rubric} / outcome ${s.weights.outcome}; tie-break ${s.tieBreak.join(' > ')}; no agreement: ${s.noAgreement}; seed ${s.seed}`
	);
	for (const p of s.pools) {
		out.push('', `== ${SIDE_LABEL[p.pool] ?? p.pool} (${p.pool}) ==`);
		out.push(
			table(
				['名次', '队伍', 'id', '评分(原始)', '评分', '结果', '总分', '奖项', 'decided by'],
				p.teams.map((t) => [
					String(t.rank),
					t.name,
					t.id,
					f2(t.rubricRaw),
					f2(t.rubric),
					f2(t.outcome),
					f2(t.total),
					t.prize ?? '',
					t.decidedBy === 'lot' ? `lot #${t.lot ?? ''}` : (t.decidedBy ?? '')
				]),
				[true, false, false, true, true, true, true, false, false]
			)
		);
		for (const l of p.lotLog) out.push(`  ${l}`);
	}
	out.push(
		'',
		s.adjustment.changesPrizes
			? `adjustment (${s.method}) changes prizes: ${s.adjustment.changes
					.filter((c) => c.rawPrize !== c.adjustedPrize)
					.map((c) => `${c.teamId} ${c.rawPrize ?? '—'} → ${c.adjustedPrize ?? '—'}`)
					.join('; ')}`
			: s.adjustment.changesOrder
				? `adjustment (${s.method}) changes the order but no prize`
				: `adjustment (${s.method}) changes neither order nor prizes`
	);
	for (const g of s.individuals) {
		out.push('', `== 个人 (${g.pool}) ==`);
		out.push(
			table(
				['名次', '姓名', 'id', '队伍', '个人分', '奖项', 'decided by'],
				g.contestants.map((c) => [
					String(c.rank),
					c.name,
					c.id,
					c.teamId,
					f2(c.score),
					c.award ?? '',
					c.decidedBy ?? ''
				]),
				[true, false, false, false, true, false, false]
			)
		);
		for (const l of g.lotLog) out.push(`  ${l}`);
	}
	out.push('', '== 评委一致性 (judge agreement) ==');
	for (const a of s.agreement) {
		const outliers = a.deviations.filter((d) => d.isOutlier);
		out.push(
			`${a.matchId}: Kendall W ${a.kendallW === null ? 'n/a' : a.kendallW.toFixed(3)}` +
				(outliers.length
					? `; outliers: ${outliers.map((d) => `${d.judgeId} on ${d.itemId} (${d.deviation > 0 ? '+' : ''}${f2(d.deviation)})`).join(', ')}`
					: '')
		);
	}
	const matchNotes = s.matches.flatMap((m) => [
		...m.outcome.notes.map((n) => `${m.matchId}: ${n}`),
		...m.sides.flatMap((sd) => sd.notes.map((n) => `${m.matchId}/${sd.side}: ${n}`))
	]);
	if (s.notes.length || matchNotes.length)
		out.push('', 'notes:', ...[...s.notes, ...matchNotes].map((n) => `  - ${n}`));
	return out.join('\n');
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const num = (x: number) => String(Number(x.toPrecision(12)));
const pkgText = (p: Package) =>
	Object.entries(p)
		.map(([k, v]) => `${k}=${String(v)}`)
		.join(', ');
const BASIS: Record<string, string> = {
	agreement: '已签协议 (agreement)',
	zero: '未达成协议 (no agreement, rule zero)',
	'last-offers': '双方最后方案 (no agreement, rule last-offers)'
};

/** S28 per match: what the outcome was worth in points, against the frontier and the Nash point. */
function renderAnalysis(list: EventOutcomeAnalysis[]): string {
	const out: string[] = ['', '== 协议结果分析 (outcome analysis) =='];
	for (const m of list) {
		const a = m.analysis;
		out.push(
			'',
			`${m.matchId}${m.round ? ` (${m.round})` : ''}: ${m.labourTeamId} vs ${m.managementTeamId}; ${BASIS[a.basis] ?? a.basis}; outcome ${f2(a.scores.labour)} / ${f2(a.scores.management)}`
		);
		if (a.kind === 'scores') {
			out.push('  recorded scores only (kind scores): no package to recompute from');
			continue;
		}
		if (a.kind === 'costing') {
			const c = a.agreement;
			if (c)
				out.push(
					`  costing: annual cost +${num(c.costDeltaAnnualYuan)} yuan of budget ${num(c.managementBudgetYuan)} (${pct(c.costDeltaAnnualYuan / c.managementBudgetYuan)}); gain ${num(c.gainPerWorkerMonthlyYuan)} yuan/worker/month of target ${num(c.labourTargetYuan)} (${pct(c.gainPerWorkerMonthlyYuan / c.labourTargetYuan)})`
				);
			else out.push('  costing: no agreement');
			continue;
		}
		const p = a.point;
		if (a.package) out.push(`  package: ${pkgText(a.package)}`);
		if (a.lastOffers?.labour) out.push(`  labour's last offer: ${pkgText(a.lastOffers.labour)}`);
		if (a.lastOffers?.management)
			out.push(`  management's last offer: ${pkgText(a.lastOffers.management)}`);
		out.push(
			table(
				['', '职工方 labour', '企业方 management', '合计 joint'],
				[
					['points', num(p.labour), num(p.management), num(p.joint)],
					['best', num(p.bestLabour), num(p.bestManagement), num(p.maxJoint)],
					[
						'share of best / efficiency',
						pct(p.labourShare),
						pct(p.managementShare),
						pct(p.efficiency)
					],
					[
						'reservation',
						num(a.reservation.labour),
						num(a.reservation.management),
						num(a.reservation.labour + a.reservation.management)
					],
					...(a.nash
						? [['Nash point', num(a.nash.labour), num(a.nash.management), num(a.nash.joint)]]
						: [])
				],
				[false, true, true, true]
			)
				.split('\n')
				.map((l) => `  ${l}`)
				.join('\n')
		);
		out.push(
			`  efficiency ${pct(p.efficiency)} (joint ${num(p.joint)} of ${num(p.maxJoint)})${p.isOnFrontier ? '; on the frontier' : ''}`
		);
		out.push(
			`  value left on the table ${num(p.valueLeftOnTable)}` +
				(p.valueLeftOnTable > 0 && p.improvement
					? ` (e.g. ${pkgText(p.improvement.package)}: ${num(p.improvement.labour)} / ${num(p.improvement.management)})`
					: '')
		);
		out.push(
			a.nash
				? `  Nash point: ${pkgText(a.nash.package)} (gains ${num(a.nash.labourGain)} × ${num(a.nash.managementGain)} = ${num(a.nash.product)})`
				: '  Nash point: none (no package meets both reservation values)'
		);
	}
	return out.join('\n');
}

function printProblems(file: string, problems: ScoringProblem[], stream: NodeJS.WriteStream) {
	for (const p of problems)
		stream.write(`${file}: ${p.severity}: ${formatPath(p.path)}: ${p.message}\n`);
}

export async function standings(argv: string[]): Promise<number> {
	const json = argv.includes('--json');
	const rest = argv.filter((a) => a !== '--json');
	const unknown = rest.filter((a) => a.startsWith('-'));
	if (rest.length !== 1 || unknown.length > 0) {
		process.stderr.write(`${USAGE}\n`);
		return 2;
	}
	const file = rest[0] as string;
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (e) {
		process.stderr.write(`${file}: cannot read: ${(e as Error).message}\n`);
		return 2;
	}
	let data: unknown;
	try {
		data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
	} catch (e) {
		process.stderr.write(
			`${file}: error: (root): not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(e as Error).message}\n`
		);
		return 1;
	}
	const parsed = parseEventExport(data);
	if (!parsed.ok) {
		printProblems(file, parsed.problems, process.stderr);
		return 1;
	}
	printProblems(file, parsed.warnings, process.stderr);
	// Whoever holds the file holds the points tables, so the analysis (S28) is printed in full.
	const result = computeEventStandings(parsed.event, { withAnalysis: true });
	const analysis = analyzeEventOutcomes(parsed.event);
	const withPackages = analysis.map((m, i) => ({
		...m,
		analysis: { ...m.analysis, packages: packageCount(parsed.event.matches[i]?.outcome) }
	}));
	process.stdout.write(
		json
			? `${JSON.stringify({ ...result, analysis: withPackages })}\n`
			: `${render(result)}\n${renderAnalysis(analysis)}\n`
	);
	return 0;
}

/**
 * The number of complete packages of a match's agenda (one option per term): Π options per term,
 * so a checker can see how large the space behind the frontier was. Null for recorded scores.
 */
export function packageCount(
	outcome: { kind: string; agenda?: { terms: { options: unknown[] }[] } } | undefined
): number | null {
	if (!outcome || !outcome.agenda) return null;
	let n = 1;
	for (const t of outcome.agenda.terms) n *= t.options.length;
	return n;
}

/** The dispatcher (server/cli.ts) calls every command's `run(argv)`. */
export const run = standings;
