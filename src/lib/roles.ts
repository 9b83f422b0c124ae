import { m } from '$lib/paraglide/messages.js';

export type RoleName = 'labour-chief' | 'labour-member' | 'management-chief' | 'management-member' | 'judge' | 'observer';

/** The role's name in the current locale. */
export function roleLabel(role: RoleName): string {
	switch (role) {
		case 'labour-chief':
			return m.role_labour_chief();
		case 'labour-member':
			return m.role_labour_member();
		case 'management-chief':
			return m.role_management_chief();
		case 'management-member':
			return m.role_management_member();
		case 'judge':
			return m.role_judge();
		case 'observer':
			return m.role_observer();
	}
}

export function sideLabel(side: 'labour' | 'management'): string {
	return side === 'labour' ? m.side_labour() : m.side_management();
}
