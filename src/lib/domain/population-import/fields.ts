/**
 * The fields a population spreadsheet can fill, and the guess of which column holds which field
 * from its header (I1–I3 in SPEC.md). Payroll rows (工资表) describe an enterprise's workers;
 * rider rows (骑手/配送员明细) a piece-rate population. The guess is only a starting point: the
 * user confirms or changes every column in the preview before anything is built.
 */

export type ImportKind = 'rider' | 'payroll';

export type RiderField =
	| 'workerId'
	| 'name'
	| 'segment'
	| 'employer'
	| 'band'
	| 'hoursPerDay'
	| 'daysPerMonth'
	| 'unitsPerDay'
	| 'unitsPerHour';

export type PayrollField =
	| 'workerId'
	| 'name'
	| 'group'
	| 'employment'
	| 'tenureYears'
	| 'skillLevel'
	| 'hoursPerMonth'
	| 'overtimeHours'
	| 'base'
	| 'post'
	| 'skillWage'
	| 'bonus'
	| 'allowance';

export type ImportField = RiderField | PayrollField;

/** Column index → field, or null for a column that is not imported. */
export type ColumnMapping = (ImportField | null)[];

/** Chinese names of the fields, for the preview's column pickers and for row problems. */
export const FIELD_LABELS: Record<ImportField, string> = {
	workerId: '工号',
	name: '姓名',
	segment: '分组（类型）',
	employer: '用工单位',
	band: '时段',
	hoursPerDay: '日均在线时长（小时）',
	daysPerMonth: '每月出勤天数',
	unitsPerDay: '日均单量',
	unitsPerHour: '每小时单量',
	group: '班组/岗位',
	employment: '用工形式',
	tenureYears: '工龄（年）',
	skillLevel: '技能等级',
	hoursPerMonth: '月工时（小时）',
	overtimeHours: '月加班工时（小时）',
	base: '基本工资（元）',
	post: '岗位工资（元）',
	skillWage: '技能工资（元）',
	bonus: '奖金（元）',
	allowance: '津贴/补贴（元）'
};

export const RIDER_FIELDS: readonly RiderField[] = [
	'workerId',
	'name',
	'segment',
	'employer',
	'band',
	'hoursPerDay',
	'daysPerMonth',
	'unitsPerDay',
	'unitsPerHour'
];

export const PAYROLL_FIELDS: readonly PayrollField[] = [
	'workerId',
	'name',
	'group',
	'employment',
	'tenureYears',
	'skillLevel',
	'hoursPerMonth',
	'overtimeHours',
	'base',
	'post',
	'skillWage',
	'bonus',
	'allowance'
];

/** Fields several columns may map to (each allowance column is an allowance of its own). */
export const MULTI_FIELDS: ReadonlySet<ImportField> = new Set(['allowance']);

/**
 * Header patterns, tried in order on the normalised header: the more specific first, so that
 * 每小时单量 is not taken for 单量, 岗位工资 not for 岗位, 加班工时 not for 工时, 工龄工资 not
 * for 工龄 (工龄工资 is computed from tenure, C3, and is not imported).
 */
const RIDER_RULES: [RiderField | null, RegExp][] = [
	['unitsPerHour', /^(每小时|时均|小时)(单量|件量|单数|件数)|^(orders|units|parcels)perhour$/],
	[
		'hoursPerDay',
		/在线时长|在线小时|在线时间|日均时长|每日时长|每天时长|^(online)?hours(perday)?$/
	],
	['daysPerMonth', /出勤天数|出勤日|月出勤|^天数$|^出勤$|^days(permonth)?$|^workdays$/],
	['unitsPerDay', /单量|件量|订单数|单数|件数|^(orders|units|parcels|deliveries)(perday)?$/],
	['segment', /类型|类别|分组|^(segment|type|ridertype)$/],
	['employer', /用工单位|服务商|代理商|所属公司|加盟商|^(employer|agency|company)$/],
	['band', /时段|班次|时间段|^(band|shift|timeband|period)$/],
	['workerId', /工号|编号|^(骑手)?id$|^(worker|rider|staff|employee)(id|no)$|^no$/],
	['name', /姓名|^骑手$|^配送员$|^(name|ridername|workername)$/]
];

const PAYROLL_RULES: [PayrollField | null, RegExp][] = [
	[null, /工龄工资|司龄工资|^seniority(wage|pay)$/],
	['post', /岗位工资|职务工资|^post(wage|pay)$/],
	['skillWage', /技能工资|^skill(wage|pay)$/],
	['base', /基本工资|底薪|基础工资|^base(wage|pay|salary)?$/],
	['bonus', /奖金|绩效|^bonus$/],
	['allowance', /津贴|补贴|补助|^allowance/],
	['overtimeHours', /加班/],
	['hoursPerMonth', /工时|出勤小时|^hours(permonth)?$/],
	['tenureYears', /工龄|司龄|^tenure(years)?$|^years$/],
	['skillLevel', /技能等级|等级|^(skill(level)?|grade)$/],
	['employment', /用工形式|用工类型|^employment$/],
	['group', /班组|岗位|车间|部门|工种|^(group|post|team|position|department)$/],
	['workerId', /工号|编号|^id$|^(worker|staff|employee)(id|no)$|^no$/],
	['name', /姓名|^(name|workername|employeename)$/]
];

/** Lower-case, without spaces, punctuation or a unit in brackets: "日均在线时长(小时)" → "日均在线时长". */
export function normaliseHeader(h: string): string {
	return h
		.replace(/^\uFEFF/, '')
		.replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
		.replace(/[\s_\-./·:：]/g, '')
		.toLowerCase();
}

function ruleFor<F extends ImportField>(rules: [F | null, RegExp][], header: string): F | null {
	const n = normaliseHeader(header);
	if (n === '') return null;
	for (const [field, re] of rules) if (re.test(n)) return field;
	return null;
}

/**
 * I1: each column's field from its header; a field goes to the first column that claims it
 * (except allowances, which may be many), later claimants stay unmapped.
 */
export function guessMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
	const rules = kind === 'rider' ? RIDER_RULES : PAYROLL_RULES;
	const taken = new Set<ImportField>();
	return headers.map((h) => {
		const f = ruleFor<ImportField>(rules, h);
		if (f === null || (taken.has(f) && !MULTI_FIELDS.has(f))) return null;
		taken.add(f);
		return f;
	});
}

/** Fields that only a payroll sheet has: pay components, tenure, skill level, group. */
const PAYROLL_ONLY: ReadonlySet<ImportField> = new Set([
	'post',
	'skillWage',
	'base',
	'bonus',
	'allowance',
	'tenureYears',
	'skillLevel',
	'group'
]);

/** I2: a payroll sheet when a column names a pay component, tenure, skill level or group; else riders. */
export function guessKind(headers: readonly string[]): ImportKind {
	const payroll = headers.filter((h) => {
		const f = ruleFor<ImportField>(PAYROLL_RULES, h);
		return f !== null && PAYROLL_ONLY.has(f);
	}).length;
	const rider = headers.filter((h) => {
		const f = ruleFor<ImportField>(RIDER_RULES, h);
		return f === 'hoursPerDay' || f === 'unitsPerDay' || f === 'unitsPerHour' || f === 'band';
	}).length;
	return payroll > rider ? 'payroll' : 'rider';
}

/** I3: what a mapping lacks before rows can be read, as Chinese sentences (empty = complete). */
export function mappingProblems(kind: ImportKind, mapping: ColumnMapping): string[] {
	const has = (f: ImportField) => mapping.includes(f);
	const out: string[] = [];
	const need = (f: ImportField) => {
		if (!has(f)) out.push(`请指定「${FIELD_LABELS[f]}」所在的列`);
	};
	if (kind === 'rider') {
		need('hoursPerDay');
		need('daysPerMonth');
		if (!has('unitsPerDay') && !has('unitsPerHour'))
			out.push('请指定「日均单量」或「每小时单量」所在的列');
		if (has('unitsPerDay') && has('unitsPerHour'))
			out.push('「日均单量」和「每小时单量」只能选一个');
	} else {
		need('group');
		need('base');
	}
	const seen = new Set<ImportField>();
	for (const f of mapping) {
		if (f === null || MULTI_FIELDS.has(f)) continue;
		if (seen.has(f)) out.push(`「${FIELD_LABELS[f]}」被指定给了多列`);
		seen.add(f);
	}
	return out;
}
