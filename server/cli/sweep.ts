/**
 * `xs sweep CASE --term TERM --from A --to B --step S [--target EXPR] [--greatest]
 * [--terms FILE] [--json]` — prices one numeric term over a range (G1–G6): one row per value,
 * and with --target the least (or, with --greatest, the greatest) value meeting it.
 */
import {
	parseTarget,
	resolveSweepTerm,
	seekGoal,
	sweep,
	type SweepRow
} from '../../src/lib/domain/sweep/index.ts';
import { commandArgs, loadCaseArg, readTermsFile } from './case-arg.ts';
import { renderTable } from './table.ts';

const USAGE =
	'xs sweep CASE|ID[@N] --term TERM --from A --to B --step S [--target EXPR] [--greatest] [--terms FILE] [--json]';

export async function run(argv: string[]): Promise<number> {
	const a = commandArgs(
		'sweep',
		argv,
		{
			term: { type: 'string' },
			from: { type: 'string' },
			to: { type: 'string' },
			step: { type: 'string' },
			target: { type: 'string' },
			greatest: { type: 'boolean' },
			terms: { type: 'string' },
			json: { type: 'boolean' }
		},
		USAGE
	);
	if (!a) return 2;
	const v = a.values;
	const [from, to, step] = [v.from, v.to, v.step].map(Number);
	if (a.positionals.length !== 1 || !v.term || ![from, to, step].every(Number.isFinite)) {
		console.error(`usage: ${USAGE}`);
		return 2;
	}
	if (!((step as number) > 0) || (to as number) < (from as number)) {
		console.error('xs sweep: need --step > 0 and --to ≥ --from');
		return 2;
	}
	const target = v.target !== undefined ? parseTarget(v.target) : undefined;
	if (target === null) {
		console.error(
			`xs sweep: --target "${v.target}" is not METRIC<=N (or <, >=, >), e.g. shareBelowHourlyMinimum<=0.1`
		);
		return 2;
	}
	const s = await loadCaseArg('sweep', a.positionals[0] as string);
	if (!s) return 1;
	const term = resolveSweepTerm(s, v.term);
	if (!term) {
		console.error(
			`xs sweep: "${v.term}" is no numeric term, table cell or model number of ${s.id}`
		);
		return 2;
	}
	let base = {};
	if (v.terms) {
		const t = readTermsFile(v.terms);
		if (typeof t === 'string') {
			console.error(t);
			return 1;
		}
		base = t;
	}
	const rows = sweep(s, base, term, {
		from: from as number,
		to: to as number,
		step: step as number
	});
	const goal = target ? seekGoal(rows, target, v.greatest ? 'greatest' : 'least') : undefined;
	if (v.json) {
		console.log(
			JSON.stringify({
				rows,
				...(goal
					? {
							answer: goal.answer?.value ?? null,
							result: goal.answer,
							missedAt: goal.missedAt?.value ?? null,
							missedResult: goal.missedAt,
							isMonotone: goal.isMonotone,
							meetingRanges: goal.meetingRanges
						}
					: {})
			})
		);
		return 0;
	}
	const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
	const lines = renderTable(
		[v.term, '低于小时最低工资', '月成本增减（元）', '增幅', 'P10 小时收入'],
		rows.map((r: SweepRow) => [
			String(r.value),
			pct(r.shareBelowHourlyMinimum),
			r.monthlyCostDelta.toFixed(2),
			pct(r.monthlyCostDeltaShare),
			r.hourlyP10.toFixed(2)
		]),
		[true, true, true, true, true]
	);
	console.log(lines.join('\n'));
	if (goal) {
		console.log(
			goal.answer
				? `满足 ${v.target} 的${v.greatest ? '最大' : '最小'}值：${goal.answer.value}` +
						(goal.missedAt ? `（${goal.missedAt.value} 不满足）` : '') +
						(goal.isMonotone ? '' : '；结果不单调，满足区间见 --json 的 meetingRanges')
				: `范围内没有满足 ${v.target} 的值`
		);
	}
	return 0;
}
