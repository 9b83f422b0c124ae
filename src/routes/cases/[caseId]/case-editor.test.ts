import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { shippedJurisdictions } from '../../../../tests/helpers/shipped-scenarios.ts';
import { CaseEditor, MAX_WAIT_MS, SETTLE_MS } from './case-editor.svelte.ts';
import type { Doc } from './doc-path.ts';

const s1 = () => parse(readFileSync('scenarios/s1-qiantang-parts.yaml', 'utf8')) as Doc;
const path = ['terms', 0, 'max'] as const;

describe('case editor', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('[K50] typing is validated once per pause, and the old result is marked pending meanwhile', () => {
		const ed = new CaseEditor(s1(), shippedJurisdictions());
		expect(ed.runs).toBe(1);
		expect(ed.checked.issues).toEqual([]);
		// Six keystrokes 50 ms apart: "六十" typed into a number box, then corrected to 60.
		for (const v of ['六', '六十', '6', '60', '6', '60']) {
			ed.set([...path], v === '60' || v === '6' ? Number(v) : v);
			expect(ed.pending).toBe(true);
			vi.advanceTimersByTime(50);
		}
		// 5 × 50 = 250 ms since the first key, under MAX_WAIT_MS (600): nothing validated yet.
		expect(ed.runs).toBe(1);
		ed.set([...path], '六十');
		expect(ed.checked.issues).toEqual([]); // still the result before typing, marked pending
		vi.advanceTimersByTime(SETTLE_MS);
		expect(ed.runs).toBe(2);
		expect(ed.pending).toBe(false);
		expect(ed.issuesAt([...path]).map((i) => i.message)).toEqual(['请填写数字']);
	});

	it('[K50] typing without a pause still gets a result every MAX_WAIT_MS, and flush validates at once', () => {
		const ed = new CaseEditor(s1(), shippedJurisdictions());
		// A key every 100 ms for 1.2 s: never a 150 ms pause, yet validated at 600 ms and 1,200 ms.
		for (let t = 0; t < 12; t++) {
			ed.set([...path], 100 + t);
			vi.advanceTimersByTime(100);
		}
		expect(ed.runs).toBe(1 + Math.floor(1200 / MAX_WAIT_MS));
		ed.set([...path], '六十');
		expect(ed.pending).toBe(true);
		expect(ed.flush().issues.map((i) => i.message)).toEqual(['请填写数字']);
		expect(ed.pending).toBe(false);
	});
});
