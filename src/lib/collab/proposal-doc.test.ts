import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addVersion,
	initProposalDoc,
	rationaleText,
	readLog,
	readProposalMeta,
	readSweeps,
	readVersions,
	removeSweep,
	replaceText,
	saveSweep,
	setVersionName,
	setVersionTerm,
	versionClauseText,
	versionValues
} from './proposal-doc.ts';
import type { AgendaItem } from './schema.ts';

const agenda = [
	{ id: 'uplift', title: '加价', kind: 'number', unit: '元/单', min: 0, max: 3, current: 0 },
	{ id: 'guarantee', title: '保障', kind: 'number', unit: '元/小时', min: 0, max: 40, current: 0 },
	{ id: 'late', title: '超时扣款', kind: 'clause', current: '原文' }
] as AgendaItem[];

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function fresh() {
	const a = new Y.Doc();
	initProposalDoc(a, { title: '骑手单价', caseId: 's2', agenda, by: '张' });
	const b = new Y.Doc();
	sync(a, b);
	return { a, b };
}

describe('proposal workspace document (WS1–WS3)', () => {
	it('[WS1] starts with its meta and one version, 方案 A, at the current values', () => {
		const { a } = fresh();
		expect(readProposalMeta(a)).toMatchObject({
			kind: 'proposal',
			title: '骑手单价',
			caseId: 's2'
		});
		const [v] = readVersions(a);
		expect(v).toMatchObject({ name: '方案 A', createdBy: '张', rationale: '' });
		expect(versionValues(v!)).toEqual({ uplift: 0, guarantee: 0, late: '原文' });
	});

	it('[WS2] a copy takes the source version’s terms, wording and rationale, named with the next letter', () => {
		const { a } = fresh();
		const first = readVersions(a)[0]!.id;
		setVersionTerm(a, first, 'uplift', 0.8, '张');
		replaceText(rationaleText(a, first)!, '提高单价');
		const b = addVersion(a, { from: first, by: '李' });
		const v = readVersions(a).find((x) => x.id === b)!;
		expect(v.name).toBe('方案 B');
		expect(v.terms.uplift!.value).toBe(0.8);
		expect(v.rationale).toBe('提高单价');
		expect(v.clauses.late).toBe('原文');
	});

	it('[WS2] offline edits of two colleagues merge: both versions, both terms, both typed texts', () => {
		const { a, b } = fresh();
		const id = readVersions(a)[0]!.id;
		// Offline: 张 types at the start of the rationale, 李 at its end, each changes another term.
		replaceText(rationaleText(a, id)!, '理由');
		sync(a, b);
		replaceText(rationaleText(a, id)!, '甲理由');
		replaceText(rationaleText(b, id)!, '理由乙');
		setVersionTerm(a, id, 'uplift', 0.5, '张');
		setVersionTerm(b, id, 'guarantee', 24, '李');
		replaceText(versionClauseText(b, id, 'late')!, '原文，取消');
		addVersion(a, { by: '张' });
		addVersion(b, { by: '李' });
		sync(a, b);
		const va = readVersions(a);
		expect(va).toEqual(readVersions(b));
		expect(va).toHaveLength(3);
		expect(va[0]!.rationale).toBe('甲理由乙');
		expect(va[0]!.terms.uplift).toMatchObject({ value: 0.5, by: '张' });
		expect(va[0]!.terms.guarantee).toMatchObject({ value: 24, by: '李' });
		expect(va[0]!.clauses.late).toBe('原文，取消');
	});

	it('[WS3] every term and name change is logged with who made it', () => {
		const { a } = fresh();
		const id = readVersions(a)[0]!.id;
		setVersionTerm(a, id, 'uplift', 0.8, '李');
		setVersionName(a, id, '工会首轮方案', '王');
		const log = readLog(a).map((e) => [e.by, e.field, e.value]);
		expect(log).toEqual([
			['张', 'version', '方案 A'],
			['李', 'uplift', 0.8],
			['王', 'name', '工会首轮方案']
		]);
		expect(readVersions(a)[0]).toMatchObject({ name: '工会首轮方案', nameBy: '王' });
	});

	it('[WS2] a malformed term value written by a client reads as missing, never as a crash', () => {
		const { a } = fresh();
		const v = a.getArray<Y.Map<unknown>>('versions').get(0);
		(v.get('terms') as Y.Map<Y.Map<unknown>>).get('uplift')!.set('value', { bad: [1] });
		expect(readVersions(a)[0]!.terms.uplift).toBeUndefined();
		expect(readVersions(a)[0]!.terms.guarantee!.value).toBe(0);
	});

	it('[WS30] sweeps kept by two colleagues at once are both kept; a malformed entry reads as none', () => {
		const { a, b } = fresh();
		const v = readVersions(a)[0]!.id;
		const x = { term: 'uplift', from: 0, to: 2, step: 0.5 };
		saveSweep(a, {
			name: '加价区间',
			versionId: v,
			x,
			target: 'shareBelowHourlyMinimum<=0.1',
			by: '张'
		});
		const heat = saveSweep(b, {
			name: '加价×保障',
			versionId: v,
			x,
			y: { term: 'guarantee', from: 20, to: 26, step: 2 },
			metric: 'monthlyCostDelta',
			by: '李'
		});
		b.getArray('sweeps').push([{ id: 'bad', name: '' }]);
		sync(a, b);
		expect(readSweeps(a)).toEqual(readSweeps(b));
		expect(
			readSweeps(a)
				.map((s) => s.name)
				.sort()
		).toEqual(['加价区间', '加价×保障'].sort());
		expect(readSweeps(a).find((s) => s.id === heat)?.y).toEqual({
			term: 'guarantee',
			from: 20,
			to: 26,
			step: 2
		});
		removeSweep(a, heat);
		sync(a, b);
		expect(readSweeps(b).map((s) => s.name)).toEqual(['加价区间']);
	});
});
