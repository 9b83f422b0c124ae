/**
 * The edge where fen become yuan: a cost report as a plain JSON object in yuan, used by
 * `xs cost --json` and by anything that exports a report. Rounded to the fen (2 decimals) for
 * money, 4 decimals for shares.
 */
import type { CostReport, PayTotals } from './cost.ts';
import type { Percentiles } from './piece-rate.ts';

const y = (fen: number) => Math.round(fen) / 100;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const pctl = (p: Percentiles) => ({
	p10: y(p.p10),
	p50: y(p.p50),
	p90: y(p.p90),
	min: y(p.min),
	max: y(p.max)
});
const totals = (t: PayTotals) => ({
	meanPay: y(t.meanPayFen),
	lowestPay: y(t.lowestPayFen),
	wageBill: y(t.wageBillFen),
	employerCost: y(t.employerCostFen)
});

export function reportToJson(r: CostReport) {
	const pr = r.pieceRate;
	return {
		scenario: r.scenarioId,
		termYears: r.termYears,
		headcount: r.headcount,
		changes: r.changes,
		monthly: {
			current: y(r.monthly.current.wageBillFen),
			proposed: y(r.monthly.proposed.wageBillFen),
			wageBillDelta: y(r.monthly.deltaWageBillFen),
			currentEmployerCost: y(r.monthly.current.employerCostFen),
			proposedEmployerCost: y(r.monthly.proposed.employerCostFen),
			employerCostDelta: y(r.monthly.deltaEmployerCostFen),
			deltaPct: r4(r.monthly.deltaPct),
			currentTotals: totals(r.monthly.current),
			proposedTotals: totals(r.monthly.proposed)
		},
		annual: {
			costDelta: y(r.annual.costDeltaFen),
			wageBillDelta: y(r.annual.wageBillDeltaFen),
			currentEmployerCost: y(r.annual.currentEmployerCostFen),
			proposedEmployerCost: y(r.annual.proposedEmployerCostFen)
		},
		groups: r.groups.map((g) => ({
			id: g.id,
			name: g.name,
			kind: g.kind,
			headcount: g.headcount,
			currentMonthlyPay: y(g.current.meanPayFen),
			proposedMonthlyPay: y(g.proposed.meanPayFen),
			currentLowestPay: y(g.current.lowestPayFen),
			proposedLowestPay: y(g.proposed.lowestPayFen),
			// C10: the least-paid worker's payslip (proposed terms) and the part counting toward the minimum wage
			lowestMonthlyPay: y(g.proposed.lowestPayFen),
			lowestCountedForMinimum: y(g.proposed.lowestCountedFen),
			currentLowestMonthlyPay: y(g.current.lowestPayFen),
			currentLowestCountedForMinimum: y(g.current.lowestCountedFen),
			currentAnnualWageBill: y(g.current.annualWageBillFen),
			proposedAnnualWageBill: y(g.proposed.annualWageBillFen),
			monthlyPayDelta: y(g.deltaMeanPayFen),
			deltaPct: r4(g.deltaPct),
			wageBillDelta: y(g.deltaWageBillFen),
			employerCostDelta: y(g.deltaEmployerCostFen)
		})),
		averageRaise: { ...r.averageRaise, pct: r4(r.averageRaise.pct) },
		...(r.finance
			? {
					finance: {
						...(r.finance.revenueFen !== undefined ? { revenue: y(r.finance.revenueFen) } : {}),
						...(r.finance.netProfitFen !== undefined
							? { netProfit: y(r.finance.netProfitFen) }
							: {}),
						...(r.finance.currentLabourCostShareOfRevenue !== undefined
							? {
									currentLabourCostShareOfRevenue: r4(r.finance.currentLabourCostShareOfRevenue),
									proposedLabourCostShareOfRevenue: r4(
										r.finance.proposedLabourCostShareOfRevenue ?? 0
									)
								}
							: {}),
						...(r.finance.costDeltaShareOfProfit !== undefined
							? { costDeltaShareOfProfit: r4(r.finance.costDeltaShareOfProfit) }
							: {})
					}
				}
			: {}),
		...(r.womenProtection
			? {
					womenProtection: {
						birthsPerYear: r4(r.womenProtection.proposed.birthsPerYear),
						currentAnnualCost: y(r.womenProtection.current.annualFen),
						proposedAnnualCost: y(r.womenProtection.proposed.annualFen),
						items: r.womenProtection.proposed.items.map((i) => ({
							id: i.id,
							annualCost: y(i.annualFen)
						}))
					}
				}
			: {}),
		projection: r.projection.map((p) => ({
			year: p.year,
			currentWageBill: y(p.currentWageBillFen),
			proposedWageBill: y(p.proposedWageBillFen),
			currentEmployerCost: y(p.currentEmployerCostFen),
			proposedEmployerCost: y(p.proposedEmployerCostFen),
			employerCostDelta: y(p.employerCostDeltaFen)
		})),
		...(pr
			? {
					hourlyEarnings: pctl(pr.proposed.hourlyFen),
					hourlyEarningsCurrent: pctl(pr.current.hourlyFen),
					shareBelowHourlyMinimum: r4(pr.proposed.shareBelowHourlyMinimum),
					shareBelowHourlyMinimumCurrent: r4(pr.current.shareBelowHourlyMinimum),
					pieceRate: {
						unitName: pr.unitName,
						employerMonthlyCostDelta: y(pr.employerMonthlyCostDeltaFen),
						...(pr.employers
							? {
									employers: pr.employers.map((e) => ({
										id: e.id,
										name: e.name,
										headcount: r4(e.proposed.headcount),
										currentEmployerCost: y(e.current.employerCostFen),
										proposedEmployerCost: y(e.proposed.employerCostFen),
										employerCostDelta: y(e.proposed.employerCostFen - e.current.employerCostFen),
										currentWageBill: y(e.current.wageBillFen),
										proposedWageBill: y(e.proposed.wageBillFen),
										meanMonthlyPay: y(e.proposed.meanMonthlyFen),
										shareBelowHourlyMinimum: r4(e.proposed.shareBelowHourlyMinimum)
									}))
								}
							: {}),
						current: pieceJson(pr.current),
						proposed: pieceJson(pr.proposed)
					}
				}
			: {}),
		findings: r.findings.map((f) => ({
			severity: f.severity,
			citation: f.citation,
			sourceTags: f.sourceTags,
			rule: f.rule,
			...(f.test ? { test: f.test } : {}),
			message: f.message,
			code: f.code,
			...(f.groupId ? { groupId: f.groupId } : {}),
			...(f.termId ? { termId: f.termId } : {}),
			...(f.alsoCurrent !== undefined ? { alsoCurrent: f.alsoCurrent } : {}),
			figures: f.figures
		}))
	};
}

function pieceJson(s: NonNullable<CostReport['pieceRate']>['current']) {
	return {
		meanRatePerUnit: r4(s.meanRatePerUnitFen / 100),
		reference: {
			onlineHours: s.reference.onlineHours,
			workingHours: r4(s.reference.workingHours),
			unitsPerDay: r4(s.reference.unitsPerDay),
			grossPerDay: y(s.reference.grossFen),
			payPerDay: y(s.reference.payFen),
			hourly: r4(s.reference.hourlyFen / 100),
			days: s.reference.days,
			monthly: y(s.reference.monthlyFen)
		},
		perUnit: pctl(s.perUnitFen),
		daily: pctl(s.dailyFen),
		hourly: pctl(s.hourlyFen),
		monthly: pctl(s.monthlyFen),
		shareBelowHourlyMinimum: r4(s.shareBelowHourlyMinimum),
		shareBelowHourlyMinimumBeforeTopUp: r4(s.shareBelowHourlyMinimumBeforeTopUp),
		topUp: y(s.topUpFen),
		unitsPerMonth: Math.round(s.unitsPerMonth),
		perUnitCosts: y(s.perUnitCostsFen),
		onCosts: y(s.onCostsFen),
		wageBill: y(s.wageBillFen),
		employerCost: y(s.employerCostFen)
	};
}
