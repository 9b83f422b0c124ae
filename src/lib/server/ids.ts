import { createHash, randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
	let out = '';
	let bits = 0;
	let value = 0;
	for (const b of bytes) {
		value = (value << 8) | b;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
	return out;
}

/** Record ids: 80 random bits, lowercase so they fit the doc-name grammar (`match/<id>/table`). */
export const newId = (): string => base32(randomBytes(10));

/** Secrets (session tokens, join codes): 160 random bits. */
export const newSecret = (): string => base32(randomBytes(20));

/** The short human code's alphabet: no look-alikes (0/O, 1/I/L), 31 characters. */
export const SHORT_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const SHORT_CODE_LENGTH = 8;
/**
 * Bytes at or above 248 (= 8 × 31) are drawn again: `byte % 31` over all 256 values would give
 * the first 8 characters 9 chances in 256 and the rest 8, so some codes would be likelier guesses.
 */
const UNBIASED_BELOW = 256 - (256 % SHORT_CODE_ALPHABET.length);

/**
 * Human join codes: 8 characters, 31⁸ ≈ 8.5 × 10¹¹ codes (39.6 bits), each equally likely. Too
 * few to stand alone, so every lookup is rate-limited per IP and per code, and failed short-code
 * lookups also count against one limit for the whole server (`join.ts`). `random` is for tests.
 */
export function newShortCode(random: (n: number) => Uint8Array = randomBytes): string {
	let out = '';
	while (out.length < SHORT_CODE_LENGTH) {
		for (const b of random(SHORT_CODE_LENGTH)) {
			if (b < UNBIASED_BELOW && out.length < SHORT_CODE_LENGTH)
				out += SHORT_CODE_ALPHABET[b % SHORT_CODE_ALPHABET.length];
		}
	}
	return out;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
