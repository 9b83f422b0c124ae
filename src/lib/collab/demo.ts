import type { DocTemplate } from './schema.ts';

/** The document the home page opens (its name: DEMO_DOC_NAME in protocol.ts). */
export { DEMO_DOC_NAME } from './protocol.ts';

export const demoTemplate: DocTemplate = {
	kind: 'demo',
	title: '演示：某制造企业工资专项集体协商',
	agenda: [
		{
			id: 'baseWage',
			title: '月基本工资',
			kind: 'number',
			unit: '元/月',
			min: 2000,
			max: 8000,
			step: 10,
			current: 2520
		},
		{
			id: 'seniorityPerYear',
			title: '工龄工资（每满一年）',
			kind: 'number',
			unit: '元/年',
			min: 0,
			max: 100,
			step: 1,
			current: 30
		},
		{
			id: 'pieceRate',
			title: '计件单价（每单）',
			kind: 'number',
			unit: '元/单',
			min: 0,
			max: 20,
			step: 0.01,
			current: 4.5
		},
		{
			id: 'heatAllowance',
			title: '高温津贴',
			kind: 'choice',
			options: [
				{ value: '300', label: '300 元/月' },
				{ value: '400', label: '400 元/月' }
			],
			current: '300'
		},
		{
			id: 'femaleProtection',
			title: '女职工特殊保护',
			kind: 'clause',
			current: '企业应按照《女职工劳动保护特别规定》为女职工提供经期、孕期、产期、哺乳期保护。'
		}
	]
};
