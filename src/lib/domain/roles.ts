/**
 * Sides and roles at the table, defined once: the two sides (职工方, 企业方) and the seats a match
 * has. Screens take their labels from i18n (src/lib/roles.ts); the Chinese names here are for the
 * documents the server writes (agreement, exports, refusal reasons), which are Chinese whatever
 * the reader's locale.
 */
import { z } from 'zod';

export const SIDES = ['labour', 'management'] as const;
export const sideSchema = z.enum(SIDES);
/** 职工方 / 企业方 */
export type Side = z.infer<typeof sideSchema>;

export const ROLES = [
	'labour-chief',
	'labour-member',
	'management-chief',
	'management-member',
	'judge',
	'observer'
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** The chief representative (首席代表) of each side: the one role that may table, accept and sign (N9). */
export const CHIEF_ROLES = {
	labour: 'labour-chief',
	management: 'management-chief'
} as const satisfies Record<Side, Role>;

/** The side a role sits on, or null (judges, observers). */
export function sideOf(role: string): Side | null {
	if (role.startsWith('labour-')) return 'labour';
	if (role.startsWith('management-')) return 'management';
	return null;
}

/** The side whose chief `role` is, or null for every other role. */
export function chiefSide(role: string): Side | null {
	return role === CHIEF_ROLES.labour
		? 'labour'
		: role === CHIEF_ROLES.management
			? 'management'
			: null;
}

export const isChief = (role: string): boolean => chiefSide(role) !== null;

export const otherSide = (side: Side): Side => (side === 'labour' ? 'management' : 'labour');

/** A side's name in the documents the server writes (not on screens: see src/lib/roles.ts). */
export const SIDE_NAME_ZH: Record<Side, string> = { labour: '职工方', management: '企业方' };
