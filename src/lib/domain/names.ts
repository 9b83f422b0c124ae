/**
 * Names people type (a team, a person, an event, a case): plain text only. Control characters
 * (NUL, line breaks, escapes) break exports and terminals, and the bidirectional marks (U+202E
 * RIGHT-TO-LEFT OVERRIDE and its kin) make a name display as something else than it is, e.g. a
 * team named "\u202E队工职" reads as "职工队" on every screen.
 */
import { z } from 'zod';

/** C0 and C1 controls, DEL, and the bidi marks, embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this rule
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export const UNSAFE_NAME_MESSAGE =
	'名称不能含控制字符或文字方向控制符（如换行、U+202E），请删除后重试';

export function hasUnsafeNameCharacters(text: string): boolean {
	return UNSAFE.test(text);
}

/** `schema`, refusing names with control or bidi characters (one rule for every name field). */
export function plainName<T extends z.ZodType<string, string>>(schema: T): T {
	return schema.refine((s) => !hasUnsafeNameCharacters(s), { message: UNSAFE_NAME_MESSAGE }) as T;
}
