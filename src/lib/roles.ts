import { m } from '$lib/paraglide/messages.js';

import type { Role, Side } from '$lib/domain/roles.ts';

/** The values are the domain's (src/lib/domain/roles.ts); this file holds their screen labels. */
export type RoleName = Role;

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

export function sideLabel(side: Side): string {
	return side === 'labour' ? m.side_labour() : m.side_management();
}
