/**
 * Where each compliance finding's rule comes from, once. `citation` is what a zh-CN screen shows
 * (the instrument in 《》 and its article in Chinese); `sourceTags` are the source keys of
 * docs/sources.md, for a details view or an export, never for the on-screen sentence.
 */
export interface Citation {
	citation: string;
	sourceTags: string[];
}

const c = (citation: string, ...sourceTags: string[]): Citation => ({ citation, sourceTags });

export const CITATIONS = {
	minWageMonthly: c('《劳动法》第四十八条；《劳动合同法》第五十五条', 'L1', 'L2'),
	minWagePartTime: c('《劳动合同法》第七十二条', 'L2'),
	minWagePlatform: c(
		'《关于维护新就业形态劳动者劳动保障权益的指导意见》（人社部发〔2021〕56号）；《新就业形态劳动者休息和劳动报酬权益保障指引》第四条',
		'P29',
		'P31',
		'P30'
	),
	wageFloor: c('《劳动合同法》第五十三条、第五十五条', 'L2', 'P53'),
	overtimeHours: c('《劳动法》第四十一条', 'L1'),
	overtimePremium: c('《劳动法》第四十四条；《工资支付暂行规定》第十三条', 'L1', 'L5'),
	quota: c(
		'《杭州市企业工资集体协商条例》第十条；《山东省企业工资集体协商条例》第二十条',
		'L15',
		'L13',
		'P35'
	),
	heatAllowance: c('《防暑降温措施管理办法》（2012）', 'P24', 'P23'),
	wageGuideline: c('当地工资指导线', 'P28'),
	contractTerm: c('《集体合同规定》第三十八条', 'P2'),
	dailyMaxHours: c('《新就业形态劳动者休息和劳动报酬权益保障指引》第五条', 'P31'),
	maternityLeave: c('《女职工劳动保护特别规定》第七条', 'L6'),
	nursingTime: c('《女职工劳动保护特别规定》第九条', 'L6'),
	pregnancy: c('《女职工劳动保护特别规定》第六条', 'L6'),
	loadLimit: c('《女职工劳动保护特别规定》第四条及附录', 'L6'),
	termDefinition: c('案例议题定义')
} as const satisfies Record<string, Citation>;
