import { describe, expect, it } from 'vitest';
import {
	caucusDocName,
	DEMO_DOC_NAME,
	formalDocName,
	isValidDocName,
	parseDocName,
	tableDocName
} from './protocol.ts';

describe('document names', () => {
	it('every name the server hands out parses back to its match and side, and is a valid name', () => {
		const names = [
			tableDocName('m1'),
			formalDocName('m1'),
			caucusDocName('m1', 'labour'),
			caucusDocName('m1', 'management'),
			DEMO_DOC_NAME
		];
		expect(names.map(parseDocName)).toEqual([
			{ kind: 'table', matchId: 'm1' },
			{ kind: 'formal', matchId: 'm1' },
			{ kind: 'caucus', matchId: 'm1', side: 'labour' },
			{ kind: 'caucus', matchId: 'm1', side: 'management' },
			{ kind: 'demo' }
		]);
		expect(names.every(isValidDocName)).toBe(true);
	});

	it('names no one serves parse to null', () => {
		expect(parseDocName('match/m1/caucus/judge')).toBeNull();
		expect(parseDocName('match/M1/table')).toBeNull();
		expect(parseDocName('proposal/X-1')).toBeNull();
		expect(parseDocName('notes/x')).toBeNull();
		expect(isValidDocName('match//table')).toBe(false);
	});
});
