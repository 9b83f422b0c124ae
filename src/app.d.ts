import type { Principal } from '$lib/server/access.ts';
import type { Services } from '$lib/server/services.ts';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** Who is asking: their session, organizer account and seat, each possibly null. */
			principal: Principal;
			/** The per-process services (database, rooms…) server/ created, set by hooks.server.ts. */
			services: Services;
		}
	}
}

export {};
