import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasUnsafeNameCharacters, plainName, UNSAFE_NAME_MESSAGE } from './names.ts';

describe('names', () => {
	it('refuses control and bidirectional-override characters', () => {
		for (const bad of [
			'职工\u0000队',
			'\u202E队工职',
			'a\nb',
			'x\u2066y',
			'\u200Fz',
			'del\u007f',
			'c1\u0085'
		]) {
			expect(hasUnsafeNameCharacters(bad), JSON.stringify(bad)).toBe(true);
		}
	});

	it('accepts ordinary Chinese, Latin, punctuation and emoji names', () => {
		for (const ok of ['钱塘零部件职工队', 'Team A-1 (2026)', '王小明·阿依古丽', '👩‍🔧 工会']) {
			expect(hasUnsafeNameCharacters(ok), ok).toBe(false);
		}
	});

	it('keeps the schema’s own rules and adds the message in Chinese', () => {
		const schema = plainName(z.string().trim().min(1, '请填写队名').max(60));
		expect(schema.parse('  职工队 ')).toBe('职工队');
		expect(schema.safeParse('').error?.issues[0]?.message).toBe('请填写队名');
		expect(schema.safeParse('\u202E队工职').error?.issues[0]?.message).toBe(UNSAFE_NAME_MESSAGE);
	});
});
