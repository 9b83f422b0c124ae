import { describe, expect, it } from 'vitest';
import { splitRule } from './finding-text.ts';

describe('finding rule text on screen', () => {
	it('takes source tags out of the rule and keeps them apart', () => {
		expect(splitRule('《杭州市企业工资集体协商条例》第十条 [L15][P35]')).toEqual({
			text: '《杭州市企业工资集体协商条例》第十条',
			sources: ['[L15]', '[P35]']
		});
		expect(splitRule('《劳动法》第四十一条')).toEqual({
			text: '《劳动法》第四十一条',
			sources: []
		});
	});
});
