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

/** Human join codes: 8 characters without look-alikes (0/O, 1/I/L), 40 bits; always rate-limited. */
const HUMAN = '23456789abcdefghjkmnpqrstuvwxyz';
export function newShortCode(): string {
	const bytes = randomBytes(8);
	let out = '';
	for (const b of bytes) out += HUMAN[b % HUMAN.length];
	return out;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
