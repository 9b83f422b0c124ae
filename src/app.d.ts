import type { Principal } from '$lib/server/access.ts';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** Who is asking: their session, organizer account and seat, each possibly null. */
			principal: Principal;
		}
	}
}

export {};
