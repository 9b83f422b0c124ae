import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	agreementContentHash,
	agreementHash,
	agreementSchema,
	canonicalJson,
	isFullySigned,
	sha256Hex,
	type Agreement
} from './agreement.ts';
import { agreementContent, withSigners } from './draft.ts';
import { scenario } from './fixtures.ts';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Rebuilds an object with its keys inserted in a shuffled order, recursively. */
function shuffleKeys(v: unknown, order: (keys: string[]) => string[]): unknown {
	if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, order));
	if (v && typeof v === 'object') {
		const out: Record<string, unknown> = {};
		// defineProperty, so a generated "__proto__" key stays an own property
		for (const k of order(Object.keys(v))) {
			Object.defineProperty(out, k, {
				value: shuffleKeys((v as Record<string, unknown>)[k], order),
				enumerable: true,
				writable: true,
				configurable: true
			});
		}
		return out;
	}
	return v;
}

describe('canonicalJson', () => {
	it('[N15] sorts keys at every depth, keeps array order, writes no whitespace', () => {
		expect(canonicalJson({ b: 1, a: [3, { d: true, c: null }], 中: '文' })).toBe(
			'{"a":[3,{"c":null,"d":true}],"b":1,"中":"文"}'
		);
	});

	it('[N15] sorts by UTF-16 code unit, drops undefined properties, writes numbers as JSON does', () => {
		// "B" (0x42) < "a" (0x61) < "é" (0xE9)
		expect(canonicalJson({ a: 1, é: 2, B: 3, u: undefined })).toBe('{"B":3,"a":1,"é":2}');
		expect(canonicalJson([1e21, 0.1, -0, 1.5e-7])).toBe('[1e+21,0.1,0,1.5e-7]');
		expect(canonicalJson('引号"与\n换行')).toBe('"引号\\"与\\n换行"');
	});

	it('[N15] throws on what JSON cannot carry', () => {
		expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
		expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
		expect(() => canonicalJson(undefined)).toThrow(TypeError);
		expect(() => canonicalJson([undefined])).toThrow(TypeError);
		expect(() => canonicalJson(10n)).toThrow(TypeError);
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
		const shared = { x: 1 };
		expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}'); // shared is not cyclic
	});

	it('[N15] is independent of key insertion order (property)', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
				// A seeded permutation: reverse, rotate by seed, so many orders are tried.
				const order = (keys: string[]) => {
					if (keys.length === 0) return keys;
					const r = [...keys].reverse();
					const k = Math.abs(seed) % r.length;
					return [...r.slice(k), ...r.slice(0, k)];
				};
				expect(canonicalJson(shuffleKeys(value, order))).toBe(canonicalJson(value));
				// and it is valid JSON meaning the same value
				expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
			})
		);
	});
});

describe('agreement', () => {
	const signers = [
		{ side: 'labour' as const, name: '王工会', signedAt: '2025-03-02T02:00:00Z' },
		{ side: 'management' as const, name: '李总监', signedAt: '2025-03-02T02:05:00Z' }
	];

	it('[N14] an agreement holds the signed draft resolved in full, signers labour first', () => {
		const content = agreementContent(scenario, {
			matchId: 'm1',
			finalOfferId: 'o4',
			draft: { terms: { seniority: 45 }, clauses: { extra: '新增' } }
		});
		expect(content.signers).toEqual([]);
		const a = withSigners(content, [...signers].reverse());
		expect(a).toEqual({
			matchId: 'm1',
			scenarioId: 'test-table',
			terms: {
				seniority: 45,
				increase: 0,
				premium: 1.5,
				peak: 1,
				basis: 'online',
				heat: false,
				ladder: { none: 0, mid: 150, senior: 300 }
			},
			clauses: { award: '经采纳的合理化建议酌情奖励。', extra: '新增' },
			signers,
			finalOfferId: 'o4'
		});
		expect(agreementSchema.parse(a)).toEqual(a);
		expect(isFullySigned(a)).toBe(true);
		expect(isFullySigned({ signers: signers.slice(0, 1) })).toBe(false);
		expect(agreementSchema.safeParse({ ...a, signers: [signers[0], signers[0]] }).success).toBe(
			false
		);
	});

	it('[N16] sha256Hex matches the standard test vectors', async () => {
		expect(await sha256Hex('')).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
		);
		expect(await sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(await sha256Hex('协商')).toBe(nodeSha('协商')); // UTF-8 bytes, not UTF-16
	});

	it('[N16] the hash is SHA-256 of the canonical JSON, whatever the key order', async () => {
		const a: Agreement = {
			matchId: 'm1',
			scenarioId: 's1',
			terms: { b: 2, a: 1 },
			clauses: { c: '条款' },
			signers: [],
			finalOfferId: 'o1'
		};
		const text =
			'{"clauses":{"c":"条款"},"finalOfferId":"o1","matchId":"m1","scenarioId":"s1","signers":[],"terms":{"a":1,"b":2}}';
		expect(canonicalJson(a)).toBe(text);
		const hash = await agreementHash(a);
		expect(hash).toBe(nodeSha(text));
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		const reordered = shuffleKeys(a, (k) => [...k].reverse()) as Agreement;
		expect(await agreementHash(reordered)).toBe(hash);
	});

	it('[N16] the content hash ignores signers; the full hash does not', async () => {
		const a = agreementContent(scenario, {
			matchId: 'm1',
			finalOfferId: 'o3',
			draft: { terms: { seniority: 40 }, clauses: {} }
		});
		const signed = { ...a, signers };
		expect(await agreementContentHash(signed)).toBe(await agreementContentHash(a));
		expect(await agreementHash(signed)).not.toBe(await agreementHash(a));
		expect(await agreementHash({ ...a, terms: { ...a.terms, seniority: 45 } })).not.toBe(
			await agreementHash(a)
		);
	});
});
