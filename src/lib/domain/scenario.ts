/**
 * The scenario format (案例文件, `scenarios/*.yaml`, `version: 1`). One file is one bargaining
 * case: public background, parties, jurisdiction, the workforce and its pay model (enterprise
 * wage structure, piece rates, or both), the agenda of negotiable terms (议题) and each side's
 * confidential brief. Types are inferred from the zod schemas so the file format and the code
 * cannot drift apart. Amounts in files are yuan (as authors write them); the engine converts to
 * integer fen.
 */
import { z } from 'zod';
import { plainName } from './names.ts';
import { jurisdictionSchema, payComponentSchema } from './jurisdiction.ts';
import { getPath } from './paths.ts';
import { matchFormatSchema } from './negotiation/clock.ts';

const id = z
	.string()
	.regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'ids start with a letter and use letters, digits, _ or -');
const share = z.number().min(0).max(1);
const yuan = z.number().min(0);
const hours = z.number().min(0);

/* ----------------------------------------------------------------------------------------- */
/* Enterprise wage structure (岗位技能工资制)                                                   */
/* ----------------------------------------------------------------------------------------- */

const tenureSchema = z.union([
	z
		.object({
			/** Mean years of service; seniority wage is paid pro rata on it. */
			meanYears: z.number().min(0),
			/** Shortest tenure in the group, for the lowest-pay check (default 0). */
			minYears: z.number().min(0).optional()
		})
		.strict(),
	z
		.object({
			distribution: z.array(z.object({ years: z.number().min(0), share }).strict()).min(1)
		})
		.strict()
]);

const allowanceSchema = z
	.object({
		id,
		name: z.string().min(1),
		yuan,
		/** Meal, transport, shift, hazard and heat allowances do not count toward the minimum wage ([P21]). */
		countsTowardMinimum: z.boolean().default(false)
	})
	.strict();

const overtimeHoursSchema = z
	.object({
		workday: hours.default(0),
		restDay: hours.default(0),
		holiday: hours.default(0),
		/** Longest overtime on one day (Labour Law art 41: ≤ 3 h). */
		maxPerDay: hours.optional()
	})
	.strict();

const quotaSchema = z
	.object({
		/** 劳动定额: units per standard working day. */
		unitsPerDay: z.number().positive(),
		/** Output per worker-hour, as a distribution over the group. */
		outputPerHour: z.array(z.object({ value: z.number().min(0), share }).strict()).min(1)
	})
	.strict();

/**
 * Employment status (用工形式) decides which minimum-wage test applies (C10): a full-time labour
 * contract the monthly minimum for standard hours; part-time (非全日制, 劳动合同法 art 68, 72) the
 * hourly minimum; a platform worker outside a labour relation the hourly minimum on working time
 * as the case defines it (人社部 2023 guidance art 4, P4).
 */
export const employmentStatusSchema = z.enum(['full-time', 'part-time', 'platform']);
export type EmploymentStatus = z.infer<typeof employmentStatusSchema>;

export const groupSchema = z
	.object({
		id,
		name: z.string().min(1),
		headcount: z.number().int().min(0),
		/** 基本工资 */
		base: yuan,
		/** 岗位工资 */
		post: yuan.default(0),
		/** 技能等级: a key of `enterprise.skillWage`. */
		skillLevel: z.string().default('none'),
		tenure: tenureSchema,
		/** Monthly bonus (奖金), paid on average. */
		bonus: yuan.default(0),
		allowances: z.array(allowanceSchema).default([]),
		/** Overtime hours per month by type. */
		overtime: overtimeHoursSchema.default({ workday: 0, restDay: 0, holiday: 0 }),
		/** Works at ≥ 35 °C outdoors or indoors above 33 °C in summer (防暑降温措施管理办法 2012). */
		heatExposed: z.boolean().default(false),
		quota: quotaSchema.optional(),
		/** Employment status; full-time labour contract unless the case says otherwise. */
		employment: employmentStatusSchema.default('full-time'),
		/** Hours worked a month: needed for the hourly test of part-time and platform groups. */
		hoursPerMonth: hours.optional(),
		/** Share of the group who are women (for the women's-protection terms, C23). */
		womenShare: share.optional()
	})
	.strict();
export type Group = z.infer<typeof groupSchema>;

export const enterpriseSchema = z
	.object({
		/** 工龄工资: pay per year of service, capped. */
		seniority: z.object({ yuanPerYear: yuan, capYears: z.number().min(0) }).strict(),
		/** 技能工资 by level; groups name a level. */
		skillWage: z.record(z.string(), yuan),
		/** Premium multipliers actually paid (Labour Law art 44 sets the floor). */
		overtimePremium: z
			.object({ workday: z.number(), restDay: z.number(), holiday: z.number() })
			.strict(),
		/** Components in the overtime hourly base (÷ monthlyPayHours). */
		overtimeBase: z.array(payComponentSchema).min(1),
		/** Yearly general increase and the components it applies to. */
		generalIncrease: z
			.object({ rate: z.number().min(-0.5).max(1), appliesTo: z.array(payComponentSchema).min(1) })
			.strict(),
		/** Whether the employer pays the heat allowance to heat-exposed groups. */
		paysHeatAllowance: z.boolean().default(false),
		/** 第十三个月工资, in months of (base + post); averaged over 12 months. */
		thirteenthMonth: z.number().min(0).max(3).default(0),
		/** Women's protection terms (女职工劳动保护, C23–C25); absent = the legal floor, uncosted. */
		womenProtection: z
			.object({
				/** Expected births a year per woman worker (e.g. 0.03), for costing leave and nursing time. */
				birthsPerWomanYear: z.number().min(0).max(1),
				/** Maternity leave days agreed on top of 98 days + the local extension (0 = none). */
				extraMaternityLeaveDays: z.number().min(0).default(0),
				/** Nursing time per day for a mother of an infant under one (law: ≥ 1 h, [L6] art 9). */
				nursingHoursPerDay: hours.default(1),
				/** Prenatal check-ups count as working time ([L6] art 6). */
				prenatalCheckupsInWorkingTime: z.boolean().default(true),
				/** No overtime and no night shifts from the 7th month of pregnancy ([L6] art 6). */
				noOvertimeLatePregnancy: z.boolean().default(true),
				/** No overtime and no night shifts while nursing an infant under one ([L6] art 9). */
				noOvertimeNursing: z.boolean().default(true),
				/** Heaviest load a woman lifts ≥ 6 times an hour, kg (law: ≤ 20, [L6] appendix). */
				loadLimitKg: z.number().min(0).default(20)
			})
			.strict()
			.optional(),
		groups: z.array(groupSchema).min(1)
	})
	.strict();
export type Enterprise = z.infer<typeof enterpriseSchema>;

/* ----------------------------------------------------------------------------------------- */
/* Piece rates (计件单价) for platform and delivery workers                                     */
/* ----------------------------------------------------------------------------------------- */

const rateCellSchema = z
	.object({
		id,
		name: z.string().min(1),
		/** Share of units falling in this cell (distance tier, parcel origin …). */
		share,
		/** Long-distance add-on: yuan per km beyond the tier start, times the mean km beyond. */
		perKmBeyondYuan: yuan.optional(),
		kmBeyond: z.number().min(0).optional()
	})
	.strict();

const surchargeSchema = z
	.object({
		id,
		name: z.string().min(1),
		yuan,
		/** Time bands it applies in; empty = all bands. */
		bands: z.array(z.string()).default([]),
		/** Share of units in those bands that qualify (weather, stairs …). */
		shareOfUnits: share.default(1)
	})
	.strict();

const bandSchema = z
	.object({ id, name: z.string().min(1), unitsPerHour: z.number().min(0) })
	.strict();

const patternSchema = z
	.object({ id, name: z.string().min(1), share, hours: z.record(z.string(), hours) })
	.strict();
const productivitySchema = z.object({ multiplier: z.number().min(0), share }).strict();
const daysSchema = z.object({ days: z.number().min(0).max(31), share }).strict();

const populationSchema = z
	.object({
		/** Daily hours by time band, and the share of workers working that way. */
		patterns: z.array(patternSchema).min(1),
		/** Output multiplier on every band's units per hour. */
		productivity: z.array(productivitySchema).min(1),
		daysPerMonth: z.array(daysSchema).min(1),
		/** The reference worker the derived figures talk about. */
		reference: z
			.object({ pattern: z.string(), multiplier: z.number().min(0), days: z.number().min(0) })
			.strict()
	})
	.strict();

/**
 * A segment of a piece-rate population (P40): 专送 full-time riders, 众包 crowd riders,
 * part-timers … or one individual worker (headcount 1, one value per distribution). Its hours,
 * output and days are its own, so hours and volume go together.
 */
export const segmentSchema = z
	.object({
		id,
		name: z.string().min(1),
		headcount: z.number().int().min(0),
		/** The minimum-wage test it gets (C10). */
		status: employmentStatusSchema,
		/** A labour contract: on-costs (P7) and the overtime caps (P9). Default: not platform. */
		hasLabourContract: z.boolean().optional(),
		/** The employer (platform, service provider, firm) it works for (P60). */
		employer: id.optional(),
		/** Segments with the same cohort are reported together (individual records of one kind, P43). */
		cohort: z.string().min(1).optional(),
		patterns: z.array(patternSchema).min(1),
		productivity: z
			.array(productivitySchema)
			.min(1)
			.default([{ multiplier: 1, share: 1 }]),
		daysPerMonth: z.array(daysSchema).min(1)
	})
	.strict();
export type SegmentInput = z.input<typeof segmentSchema>;

/**
 * An employer bound by an industry agreement (P60). Its own current rates replace the case's
 * where given (rate cells by id, take rate, uplift); the agreed floor, surcharges, guarantees and
 * working-time rules apply to every employer.
 */
export const employerSchema = z
	.object({
		id,
		name: z.string().min(1),
		/** Share of the segments without an employer that work for it (shares add up to 1). */
		share: share.optional(),
		/** Its own rates per unit by rate cell (yuan); cells it omits pay the case's rate. */
		rateYuan: z.record(z.string(), yuan).optional(),
		takeRate: z.number().min(0).max(0.95).optional(),
		upliftYuan: yuan.optional()
	})
	.strict();

/**
 * Platform terms (平台规则, P64–P68): the commission cap (抽成上限), the fatigue rule (连续在线
 * 强制休息), the delivery-time allowance (送达时间, 算法取中), late-delivery deductions (超时扣款)
 * and rules without a cost (order distribution, entry and exit, appeals …) as typed values.
 */
const platformSchema = z
	.object({
		commissionCap: z
			.object({
				/** Most the taker may keep of an order's price (0 = no cap), e.g. 0.27. */
				perUnitMax: share.default(0),
				/** Most it may keep on average over a month for busy workers (0 = none), e.g. 0.25. */
				monthlyAverageMax: share.default(0),
				/** Units a month from which the monthly average cap applies (e.g. 50 orders). */
				monthlyMinUnits: z.number().min(0).default(50)
			})
			.strict()
			.optional(),
		fatigue: z
			.object({
				/** Continuous online hours that trigger a forced stop (0 = no rule), e.g. 4. */
				continuousHours: hours.default(0),
				/** Minutes of the forced stop without dispatch, e.g. 20. */
				restMinutes: z.number().min(0).max(120).default(0)
			})
			.strict()
			.optional(),
		deliveryTime: z
			.object({
				/** How delivery-time limits are set: the strictest algorithm or 算法取中 (median). */
				basis: z.enum(['strictest', 'median']).default('strictest'),
				/** Minutes a unit's counted order time grows by (looser limits count more time). */
				extraMinutesPerUnit: z.number().min(0).max(60).default(0)
			})
			.strict()
			.optional(),
		lateDeduction: z
			.object({
				/** Share of units delivered late. */
				shareOfUnitsLate: share.default(0),
				/** Share of the unit's fee deducted when late (0 = abolished). */
				deductionShareOfFee: share.default(0)
			})
			.strict()
			.optional(),
		/** Rules without a cost, by id: choices, yes/no and bounded numbers terms drive. */
		rules: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({})
	})
	.strict();

export const pieceRateSchema = z
	.object({
		unitName: z.string().min(1),
		/** Legacy form: the whole population's headcount and its employee share (P40). */
		workforce: z
			.object({
				headcount: z.number().int().min(0),
				/** Share with a labour contract: on-costs, overtime and monthly minimum wage apply to them. */
				employeeShare: share,
				/** Status of the employee segment (C10): full-time by default. */
				employeeStatus: z.enum(['full-time', 'part-time']).default('full-time'),
				/** Status of everyone else: platform workers outside a labour relation by default. */
				otherStatus: z.enum(['platform', 'part-time']).default('platform')
			})
			.strict()
			.optional(),
		bands: z.array(bandSchema).min(1),
		rateTable: z
			.object({
				dimension: z.string().min(1),
				cells: z.array(rateCellSchema).min(1),
				/** Rate per unit by cell id (yuan): one table, so a term can drive a cell or the whole table. */
				yuan: z.record(z.string(), yuan)
			})
			.strict(),
		surcharges: z.array(surchargeSchema).default([]),
		/** Negotiated floor per unit: every cell pays at least this. */
		floorYuan: yuan.default(0),
		/** Flat uplift on every unit, passed to the worker. */
		upliftYuan: yuan.default(0),
		/** Share of the payer's budget kept by the intermediary (service provider) or platform. */
		takeRate: z.number().min(0).max(0.95).default(0),
		/** Costs per unit borne by the payer (occupational-injury premium …). */
		perUnitCosts: z.array(z.object({ id, name: z.string().min(1), yuan }).strict()).default([]),
		workingTime: z
			.object({
				/** online_time: every online hour counts; order_plus_allowance: 接单时间 + 宽放时间 ([P31] art 4). */
				basis: z.enum(['online_time', 'order_plus_allowance']),
				/** Accepted-order time as a share of online time. */
				orderTimeShare: share,
				/** 宽放: allowance time as a share of order time … */
				allowanceShare: share.default(0),
				/** … but at least this many hours per day. */
				allowanceMinHours: hours.default(0)
			})
			.strict(),
		guarantee: z
			.object({
				/** Hourly floor on working time, topped up per day (0 = none). */
				hourlyYuan: yuan.default(0),
				/** Monthly floor for workers doing normal work (0 = none). */
				monthlyYuan: yuan.default(0),
				/** Days per month that count as normal (full-time) work for the monthly floor. */
				monthlyMinDays: z.number().min(0).default(22)
			})
			.strict()
			.default({ hourlyYuan: 0, monthlyYuan: 0, monthlyMinDays: 22 }),
		/** Negotiated maximum online hours per day (0 = none). */
		dailyMaxHours: hours.default(0),
		/** Platform terms (P64–P68): costed where they have a cost, typed where they have none. */
		platform: platformSchema.optional(),
		/** One-off payments per worker in the contract year (P69). */
		lumpSums: z
			.array(z.object({ id, name: z.string().min(1), yuanPerWorker: yuan }).strict())
			.default([]),
		/** Daily quota in units, checked against the 90 % rule (0 = none). */
		quotaUnitsPerDay: z.number().min(0).default(0),
		/**
		 * The legacy one-population form (P1): everyone shares these distributions and
		 * `workforce.employeeShare` splits them into two segments (P40). Give either this and
		 * `workforce`, or `segments`.
		 */
		population: populationSchema.optional(),
		/**
		 * Employers in an industry case (P60): platforms, service providers or firms, each with
		 * its share of the segments that name no employer, and its own current rates.
		 */
		employers: z.array(employerSchema).min(1).optional(),
		/** The population as segments (P40), each with its own status, hours, output and days. */
		segments: z.array(segmentSchema).min(1).optional(),
		/** The reference worker of the segment form (default: P41). */
		reference: z
			.object({ segment: id, pattern: id, multiplier: z.number().min(0), days: z.number().min(0) })
			.strict()
			.optional()
	})
	.strict();
export type PieceRate = z.infer<typeof pieceRateSchema>;

/* ----------------------------------------------------------------------------------------- */
/* Terms (议题) and confidential briefs                                                        */
/* ----------------------------------------------------------------------------------------- */

/** A term value is JSON-simple so the shared draft can store it: number, string, boolean or a table of numbers. */
export const termValueSchema = z.union([
	z.number(),
	z.string(),
	z.boolean(),
	z.record(z.string(), z.number())
]);
export type TermValue = z.infer<typeof termValueSchema>;

/** The values a draft or offer sets, by term id. */
export const termValuesSchema = z.record(z.string(), termValueSchema);
export type TermValues = z.infer<typeof termValuesSchema>;

const termBase = {
	id,
	title: z.string().min(1),
	/** Topic from 集体合同规定 art 8 (劳动报酬, 工作时间 …). */
	topic: z.string().optional(),
	description: z.string().optional(),
	/** Dotted path of the model parameter it drives; arrays are addressed by element id. */
	drives: z.string().optional()
};

/** A number with unit and bounds: a single term, or one cell of a rate table. */
const numericTermFields = {
	unit: z.string(),
	min: z.number().optional(),
	max: z.number().optional(),
	step: z.number().positive().optional(),
	current: z.number()
};

export const termSchema = z.discriminatedUnion('kind', [
	z
		.object({
			...termBase,
			kind: z.literal('number'),
			...numericTermFields
		})
		.strict(),
	z
		.object({
			...termBase,
			kind: z.literal('choice'),
			options: z.array(z.object({ value: z.string(), label: z.string() }).strict()).min(2),
			current: z.string()
		})
		.strict(),
	z.object({ ...termBase, kind: z.literal('boolean'), current: z.boolean() }).strict(),
	z
		.object({
			...termBase,
			kind: z.literal('cell'),
			...numericTermFields
		})
		.strict(),
	z
		.object({
			...termBase,
			kind: z.literal('table'),
			unit: z.string(),
			min: z.number().optional(),
			max: z.number().optional(),
			current: z.record(z.string(), z.number()),
			/**
			 * A Chinese name per cell key, in display order. A key named here but absent from
			 * `current` is a cell the parties may add (a new grade in a skill ladder). Tables that
			 * drive a piece-rate table take the rate cells' names unless they name them here.
			 */
			labels: z.record(z.string(), z.string().min(1)).optional()
		})
		.strict(),
	z.object({ ...termBase, kind: z.literal('clause'), current: z.string() }).strict()
]);
export type Term = z.infer<typeof termSchema>;

/** Points per option (choice / yes-no terms) or per numeric band (min inclusive, max exclusive). */
export const pointsEntrySchema = z.union([
	z.object({ options: z.record(z.string(), z.number()) }).strict(),
	z
		.object({
			bands: z
				.array(
					z
						.object({ min: z.number().optional(), max: z.number().optional(), points: z.number() })
						.strict()
				)
				.min(1)
		})
		.strict()
]);
export type PointsEntry = z.infer<typeof pointsEntrySchema>;

const sideSchema = z
	.object({
		brief: z.string().min(1),
		/** Target (期望) and reservation (底线) value per term. */
		positions: z
			.record(
				z.string(),
				z.object({ target: termValueSchema, reservation: termValueSchema }).strict()
			)
			.default({}),
		points: z.record(z.string(), pointsEntrySchema).optional()
	})
	.strict();

const scenarioBase = z
	.object({
		version: z.literal(1),
		id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and hyphens'),
		title: plainName(z.string().min(1)),
		/** Public background (markdown). */
		background: z.string().min(1),
		/** 集体合同 / 工资专项集体合同 / 行业性工资专项集体合同 / 协议 … ([P32]). */
		instrument: z.string().min(1),
		jurisdiction: z.string().min(1),
		jurisdictionOverrides: z.record(z.string(), z.unknown()).optional(),
		parties: z
			.object({
				labour: z
					.object({ name: plainName(z.string().min(1)), description: z.string().optional() })
					.strict(),
				management: z
					.object({ name: plainName(z.string().min(1)), description: z.string().optional() })
					.strict()
			})
			.strict(),
		contract: z
			.object({
				termYears: z.number().int(),
				/** Month of the contract year the proposed terms take effect (1 = the whole year, P70). */
				effectiveMonth: z.number().int().min(1).max(12).optional()
			})
			.strict(),
		/**
		 * Context a union cites in talks (P71): local average wage, wage guideline, CPI, industry
		 * minimum wage …, each with its source.
		 */
		context: z
			.array(
				z
					.object({
						id,
						name: z.string().min(1),
						value: z.number(),
						unit: z.string(),
						year: z.number().int().optional(),
						source: z.string().min(1)
					})
					.strict()
			)
			.optional(),
		/** The match format (赛制) for competitions on this case; an event may override it. */
		format: matchFormatSchema.optional(),
		/**
		 * An industry or enterprise minimum wage agreed above the legal one (行业/企业最低工资,
		 * e.g. Taixing forklift industry 2,200 yuan, C26). Checked like the legal minimum.
		 */
		wageFloor: z
			.object({
				kind: z.enum(['industry', 'enterprise']),
				monthlyYuan: yuan,
				/** For part-time and platform workers (0 = none). */
				hourlyYuan: yuan.default(0)
			})
			.strict()
			.optional(),
		finance: z
			.object({ revenueYuan: yuan.optional(), netProfitYuan: z.number().optional() })
			.strict()
			.optional(),
		enterprise: enterpriseSchema.optional(),
		pieceRate: pieceRateSchema.optional(),
		terms: z.array(termSchema).min(1),
		confidential: z.object({ labour: sideSchema, management: sideSchema }).strict()
	})
	.strict();

export const scenarioSchema = scenarioBase
	// Cross-field checks run even when the shape has problems, so an author sees everything at
	// once; each section guards itself because the data may be malformed.
	.superRefine(
		(s, ctx) => {
			const section = (f: () => void) => {
				try {
					f();
				} catch {
					/* the shape problem is already reported by the field schemas */
				}
			};
			section(() => refineScenario(s, ctx, section));
		},
		{ when: () => true }
	)
	.transform(nameRateCells);

/** Gives a table term that drives the piece-rate table the rate cells' names (R-labels). */
function nameRateCells<S extends z.output<typeof scenarioBase>>(s: S): S {
	const cells = s.pieceRate?.rateTable.cells;
	if (!cells) return s;
	const names = Object.fromEntries(cells.map((c) => [c.id, c.name]));
	return {
		...s,
		terms: s.terms.map((t) =>
			t.kind === 'table' && t.drives?.startsWith('pieceRate.rateTable.')
				? { ...t, labels: { ...names, ...t.labels } }
				: t
		)
	};
}

/** The cell keys of a table term in display order: named cells first, then any others. */
export function tableKeys(
	term: Extract<Term, { kind: 'table' }>,
	...values: Record<string, number>[]
): string[] {
	return [
		...new Set([
			...Object.keys(term.labels ?? {}),
			...Object.keys(term.current),
			...values.flatMap((v) => Object.keys(v))
		])
	];
}

function refineScenario(
	s: z.output<typeof scenarioBase>,
	ctx: z.RefinementCtx,
	section: (f: () => void) => void
): void {
	if (!s.enterprise && !s.pieceRate) {
		ctx.addIssue({
			code: 'custom',
			path: [],
			message: 'a scenario needs an enterprise wage structure, piece rates, or both'
		});
	}
	const seen = new Set<string>();
	section(() =>
		s.terms.forEach((t, i) => {
			if (seen.has(t.id))
				ctx.addIssue({
					code: 'custom',
					path: ['terms', i, 'id'],
					message: `term id "${t.id}" is used twice`
				});
			seen.add(t.id);
			if (t.kind === 'choice' && !t.options.some((o) => o.value === t.current)) {
				ctx.addIssue({
					code: 'custom',
					path: ['terms', i, 'current'],
					message: `"${t.current}" is not one of the options`
				});
			}
			if (
				(t.kind === 'number' || t.kind === 'cell') &&
				((t.min !== undefined && t.current < t.min) || (t.max !== undefined && t.current > t.max))
			) {
				ctx.addIssue({
					code: 'custom',
					path: ['terms', i, 'current'],
					message: `current value ${t.current} is outside ${t.min ?? '−∞'}…${t.max ?? '∞'}`
				});
			}
			if (t.drives === undefined) {
				if (
					t.kind !== 'clause' &&
					['number', 'choice', 'boolean', 'cell', 'table'].includes(t.kind)
				)
					ctx.addIssue({
						code: 'custom',
						path: ['terms', i, 'drives'],
						message: 'only clause terms may drive no model parameter'
					});
				return;
			}
			const found = getPath(s, t.drives);
			if (!found.ok) {
				ctx.addIssue({
					code: 'custom',
					path: ['terms', i, 'drives'],
					message: `"${t.drives}" does not name a model parameter (${found.reason})`
				});
				return;
			}
			if (!sameValue(found.value, t.current)) {
				ctx.addIssue({
					code: 'custom',
					path: ['terms', i, 'current'],
					message: `current value ${JSON.stringify(t.current)} differs from ${t.drives} = ${JSON.stringify(found.value)}`
				});
			}
		})
	);
	section(() =>
		(['labour', 'management'] as const).forEach((side) => {
			const c = s.confidential[side];
			for (const k of Object.keys(c.positions)) {
				if (!seen.has(k))
					ctx.addIssue({
						code: 'custom',
						path: ['confidential', side, 'positions', k],
						message: `no term with id "${k}"`
					});
			}
			for (const k of Object.keys(c.points ?? {})) {
				if (!seen.has(k))
					ctx.addIssue({
						code: 'custom',
						path: ['confidential', side, 'points', k],
						message: `no term with id "${k}"`
					});
			}
		})
	);
	if (s.enterprise)
		section(() => {
			if (!s.enterprise) return;
			const levels = s.enterprise.skillWage;
			const gids = new Set<string>();
			s.enterprise.groups.forEach((g, i) => {
				if (gids.has(g.id))
					ctx.addIssue({
						code: 'custom',
						path: ['enterprise', 'groups', i, 'id'],
						message: `group id "${g.id}" is used twice`
					});
				gids.add(g.id);
				if (!(g.skillLevel in levels)) {
					ctx.addIssue({
						code: 'custom',
						path: ['enterprise', 'groups', i, 'skillLevel'],
						message: `skill level "${g.skillLevel}" is not in enterprise.skillWage`
					});
				}
				if ('distribution' in g.tenure)
					checkShares(ctx, g.tenure.distribution, [
						'enterprise',
						'groups',
						i,
						'tenure',
						'distribution'
					]);
				if (g.quota)
					checkShares(ctx, g.quota.outputPerHour, [
						'enterprise',
						'groups',
						i,
						'quota',
						'outputPerHour'
					]);
			});
		});
	if (s.pieceRate)
		section(() => {
			if (!s.pieceRate) return;
			const p = s.pieceRate;
			checkShares(ctx, p.rateTable.cells, ['pieceRate', 'rateTable', 'cells']);
			p.rateTable.cells.forEach((c, i) => {
				if (!(c.id in p.rateTable.yuan))
					ctx.addIssue({
						code: 'custom',
						path: ['pieceRate', 'rateTable', 'cells', i, 'id'],
						message: `no rate for cell "${c.id}" in pieceRate.rateTable.yuan`
					});
			});
			const bandIds = new Set(p.bands.map((b) => b.id));
			refinePopulation(p, bandIds, ctx, section);
			p.surcharges.forEach((sc, i) => {
				sc.bands.forEach((b, j) => {
					if (!bandIds.has(b))
						ctx.addIssue({
							code: 'custom',
							path: ['pieceRate', 'surcharges', i, 'bands', j],
							message: `no time band "${b}"`
						});
				});
			});
		});
}

type PieceRateOut = z.output<typeof pieceRateSchema>;

/** P40: the legacy population or segments (not both), each distribution's shares summing to 1. */
function refinePopulation(
	p: PieceRateOut,
	bandIds: Set<string>,
	ctx: z.RefinementCtx,
	section: (f: () => void) => void
): void {
	const issue = (path: (string | number)[], message: string) =>
		ctx.addIssue({ code: 'custom', path: ['pieceRate', ...path], message });
	const patterns = (
		pats: ReadonlyArray<{ hours: Record<string, number> }>,
		path: (string | number)[]
	) =>
		pats.forEach((pat, i) => {
			for (const b of Object.keys(pat.hours))
				if (!bandIds.has(b)) issue([...path, i, 'hours', b], `no time band "${b}"`);
		});
	const legacy = p.population !== undefined || p.workforce !== undefined;
	if (legacy && p.segments)
		issue(['segments'], 'give either segments or workforce + population, not both');
	else if (!p.segments && !(p.population && p.workforce))
		issue([], 'piece rates need segments, or workforce and population');
	if (p.population)
		section(() => {
			const pop = p.population!;
			checkShares(ctx, pop.patterns, ['pieceRate', 'population', 'patterns']);
			checkShares(ctx, pop.productivity, ['pieceRate', 'population', 'productivity']);
			checkShares(ctx, pop.daysPerMonth, ['pieceRate', 'population', 'daysPerMonth']);
			patterns(pop.patterns, ['population', 'patterns']);
			if (!pop.patterns.some((x) => x.id === pop.reference.pattern))
				issue(['population', 'reference', 'pattern'], `no pattern "${pop.reference.pattern}"`);
		});
	if (p.segments)
		section(() => {
			const ids = new Set<string>();
			p.segments!.forEach((sg, i) => {
				const at = ['pieceRate', 'segments', i];
				if (ids.has(sg.id)) issue(['segments', i, 'id'], `segment id "${sg.id}" is used twice`);
				ids.add(sg.id);
				checkShares(ctx, sg.patterns, [...at, 'patterns']);
				checkShares(ctx, sg.productivity, [...at, 'productivity']);
				checkShares(ctx, sg.daysPerMonth, [...at, 'daysPerMonth']);
				patterns(sg.patterns, ['segments', i, 'patterns']);
				if (sg.status === 'platform' && sg.hasLabourContract)
					issue(
						['segments', i, 'hasLabourContract'],
						'a platform worker (outside a labour relation) has no labour contract'
					);
			});
			const ref = p.reference;
			if (ref) {
				const sg = p.segments!.find((x) => x.id === ref.segment);
				if (!sg) issue(['reference', 'segment'], `no segment "${ref.segment}"`);
				else if (!sg.patterns.some((x) => x.id === ref.pattern))
					issue(['reference', 'pattern'], `no pattern "${ref.pattern}" in segment "${sg.id}"`);
			}
		});
	else if (p.reference) issue(['reference'], 'the legacy form names its reference in population');
	if (p.employers)
		section(() => {
			const emps = p.employers!;
			const eids = new Set<string>();
			emps.forEach((e, i) => {
				if (eids.has(e.id)) issue(['employers', i, 'id'], `employer id "${e.id}" is used twice`);
				eids.add(e.id);
				for (const c of Object.keys(e.rateYuan ?? {}))
					if (!(c in p.rateTable.yuan))
						issue(['employers', i, 'rateYuan', c], `no rate cell "${c}"`);
			});
			const withShare = emps.filter((e) => e.share !== undefined);
			if (withShare.length > 0)
				checkShares(ctx, withShare as { share: number }[], ['pieceRate', 'employers']);
			(p.segments ?? []).forEach((sg, i) => {
				if (sg.employer !== undefined && !eids.has(sg.employer))
					issue(['segments', i, 'employer'], `no employer "${sg.employer}"`);
			});
			const unassigned = p.segments ? p.segments.some((sg) => sg.employer === undefined) : true;
			if (unassigned && withShare.length === 0)
				issue(['employers'], 'segments without an employer need employer shares');
		});
	else
		(p.segments ?? []).forEach((sg, i) => {
			if (sg.employer !== undefined)
				issue(['segments', i, 'employer'], `no employer "${sg.employer}" (pieceRate.employers)`);
		});
}

export type Scenario = z.infer<typeof scenarioSchema>;
/** What the scenario file contains before defaults are applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** A scenario with its jurisdiction merged in: what the engine reads. */
export type ResolvedScenario = Scenario & { rules: z.infer<typeof jurisdictionSchema> };

function checkShares(
	ctx: z.RefinementCtx,
	items: ReadonlyArray<{ share: number }>,
	path: (string | number)[]
): void {
	const total = items.reduce((a, x) => a + x.share, 0);
	if (Math.abs(total - 1) > 1e-6)
		ctx.addIssue({ code: 'custom', path, message: `shares add up to ${round6(total)}, not 1` });
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function sameValue(a: unknown, b: unknown): boolean {
	if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
		const ka = Object.keys(a);
		const kb = Object.keys(b);
		return (
			ka.length === kb.length &&
			ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
		);
	}
	return a === b;
}
