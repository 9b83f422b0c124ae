import { describe, expect, it } from 'vitest';
import { newId, newSecret, newShortCode, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH } from './ids.ts';

/** A random source that hands out the given bytes in order, `n` at a time. */
function scripted(bytes: number[]): (n: number) => Uint8Array {
	let i = 0;
	return (n) => {
		const out = new Uint8Array(n);
		for (let k = 0; k < n; k++) out[k] = bytes[i++ % bytes.length]!;
		return out;
	};
}

describe('short join codes', () => {
	it('are 8 characters from the 31-character alphabet without look-alikes', () => {
		expect(SHORT_CODE_ALPHABET).toHaveLength(31);
		expect(SHORT_CODE_ALPHABET).not.toMatch(/[01ilo]/);
		expect(new Set(SHORT_CODE_ALPHABET).size).toBe(31);
		for (let i = 0; i < 200; i++)
			expect(newShortCode()).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{8}$/);
		expect(SHORT_CODE_LENGTH).toBe(8);
	});

	it('give every character the same chance: bytes 248–255 are drawn again', () => {
		// Each accepted byte 0–247 comes after one of the rejected 248–255. With rejection the accepted
		// ones cover each character exactly 8 times (248 = 31 × 8); a plain modulo would take the
		// rejected bytes as characters too and the counts would come out uneven.
		const all = Array.from({ length: 248 }, (_, b) => [248 + (b % 8), b]).flat();
		const random = scripted(all);
		const counts = new Map<string, number>();
		for (let i = 0; i < 248 / 8; i++)
			for (const ch of newShortCode(random)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
		expect(counts.size).toBe(31);
		expect([...counts.values()].every((c) => c === 8)).toBe(true);
		// 255 and 248 would be '9' and '2' under a plain modulo; they are skipped: 0 → '2', 30 → 'z', 31 → '2', 1 → '3' …
		expect(newShortCode(scripted([255, 248, 0, 30, 31, 1, 2, 3, 4, 5]))).toBe('2z234567');
	});
});

describe('ids and secrets', () => {
	it('are lowercase base32 of 80 and 160 bits', () => {
		expect(newId()).toMatch(/^[a-z2-7]{16}$/);
		expect(newSecret()).toMatch(/^[a-z2-7]{32}$/);
	});
});
