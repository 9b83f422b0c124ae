/**
 * The signed agreement (集体合同文本) and its fingerprint. A hash of a canonical serialisation
 * lets anyone holding the exported document check it against the stored row: the same agreement
 * always yields the same bytes, whatever order its keys were built in.
 *
 * ```ts
 * const agreement = withSigners(agreementContent(scenario, { matchId, finalOfferId, draft }), signers);   // draft.ts
 * const hash = await agreementHash(agreement);   // 64 hex digits, printed in the document footer
 * ```
 */
import { z } from 'zod';
import { termValuesSchema } from '../scenario.ts';
import { clauseTextsSchema, sideSchema } from './offer.ts';

export const signerSchema = z
	.object({
		side: sideSchema,
		/** The chief representative's (首席代表) name as signed. */
		name: z.string().min(1),
		signedAt: z.iso.datetime({ offset: true })
	})
	.strict();
export type Signer = z.infer<typeof signerSchema>;

export const agreementSchema = z
	.object({
		matchId: z.string().min(1),
		scenarioId: z.string().min(1),
		/** Every non-clause term's agreed value (N2 resolved: nothing left implicit). */
		terms: termValuesSchema,
		clauses: clauseTextsSchema,
		/** At most one signer per side. */
		signers: z
			.array(signerSchema)
			.max(2)
			.refine((s) => new Set(s.map((x) => x.side)).size === s.length, '每方只能有一名签字人'),
		finalOfferId: z.string().min(1)
	})
	.strict();
export type Agreement = z.infer<typeof agreementSchema>;

/** Both chiefs have signed (N14). */
export function isFullySigned(agreement: Pick<Agreement, 'signers'>): boolean {
	const sides = new Set(agreement.signers.map((s) => s.side));
	return sides.has('labour') && sides.has('management');
}

/**
 * Deterministic JSON (N15): object keys sorted by UTF-16 code unit (as `Array.prototype.sort`
 * and RFC 8785 do), no whitespace, arrays in order, numbers and strings as `JSON.stringify`
 * writes them, object properties whose value is `undefined` left out (as JSON does). Throws a
 * TypeError on what JSON cannot carry faithfully: non-finite numbers, bigints, functions,
 * symbols, `undefined` outside an object, and cycles.
 */
export function canonicalJson(value: unknown): string {
	return write(value, new Set());
}

function write(value: unknown, stack: Set<object>): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'number':
			if (!Number.isFinite(value))
				throw new TypeError(`canonicalJson: ${value} is not a finite number`);
			return JSON.stringify(value);
		case 'object': {
			if (stack.has(value)) throw new TypeError('canonicalJson: cyclic value');
			stack.add(value);
			let out: string;
			if (Array.isArray(value)) {
				out = `[${value.map((v) => write(v, stack)).join(',')}]`;
			} else {
				const entries = Object.keys(value)
					.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
					.sort()
					.map(
						(k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], stack)}`
					);
				out = `{${entries.join(',')}}`;
			}
			stack.delete(value);
			return out;
		}
		default:
			throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
	}
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes, with the platform's Web Crypto (browser, Node ≥ 20). */
export async function sha256Hex(text: string): Promise<string> {
	const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of the canonical JSON of the whole agreement, signers included (N16). */
export function agreementHash(agreement: Agreement): Promise<string> {
	return sha256Hex(canonicalJson(agreement));
}

/**
 * SHA-256 of what is agreed, without the signers (N16): the same for the first and the second
 * chief's signature, so each can see that both signed the same text.
 */
export function agreementContentHash(agreement: Agreement): Promise<string> {
	const { signers: _signers, ...content } = agreement;
	return sha256Hex(canonicalJson(content));
}
