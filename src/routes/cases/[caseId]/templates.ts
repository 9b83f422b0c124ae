/**
 * Starting points for what the studio adds (a group, a term, a points band): valid by themselves,
 * so adding a row never shows an error until the author changes something.
 */
import { m } from '$lib/paraglide/messages.js';

const nextId = (prefix: string, rows: unknown[] | undefined) => {
	const ids = new Set((rows ?? []).map((r) => (r as { id?: unknown }).id));
	let n = (rows?.length ?? 0) + 1;
	while (ids.has(`${prefix}${n}`)) n++;
	return `${prefix}${n}`;
};

export function newGroup(rows: unknown[] | undefined, level: string) {
	return {
		id: nextId('G', rows),
		name: m.studio_new_group(),
		headcount: 10,
		base: 2490,
		post: 0,
		skillLevel: level,
		tenure: { meanYears: 3 },
		bonus: 0
	};
}

export function newEnterprise() {
	return {
		seniority: { yuanPerYear: 30, capYears: 10 },
		skillWage: { none: 0 },
		overtimePremium: { workday: 1.5, restDay: 2, holiday: 3 },
		overtimeBase: ['base', 'post', 'skill', 'seniority'],
		generalIncrease: { rate: 0, appliesTo: ['base', 'post'] },
		groups: [newGroup([], 'none')]
	};
}

export function newTerm(rows: unknown[] | undefined) {
	return { id: nextId('t', rows), title: m.studio_new_term(), kind: 'clause', current: '' };
}

export function newRow(
	prefix: string,
	rows: unknown[] | undefined,
	fields: Record<string, unknown>
) {
	return { id: nextId(prefix, rows), ...fields };
}

/** A record with one key renamed in place (order kept); a clash or an empty name changes nothing. */
export function renameKey<T>(r: Record<string, T>, from: string, to: string): Record<string, T> {
	if (to === '' || to === from || Object.hasOwn(r, to)) return r;
	return Object.fromEntries(Object.entries(r).map(([k, v]) => [k === from ? to : k, v]));
}
