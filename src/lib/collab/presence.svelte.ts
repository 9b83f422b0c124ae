import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import { z } from 'zod';

const PeerSchema = z.object({
	name: z.string().min(1).max(40),
	color: z.string().regex(/^#[0-9a-f]{6}$/i)
});
export type Peer = z.infer<typeof PeerSchema> & { clientId: number; isSelf: boolean };

const PALETTE = [
	'#b91c1c',
	'#c2410c',
	'#a16207',
	'#15803d',
	'#0e7490',
	'#1d4ed8',
	'#7e22ce',
	'#be185d'
];

/** A stable colour per name, so a person keeps their colour across reloads. */
export function colorFor(name: string): string {
	let h = 0;
	for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
	return PALETTE[h % PALETTE.length]!;
}

/** Who is at the table, from awareness; remote states are validated before they are shown. */
export class Presence {
	readonly #subscribe: () => void;

	constructor(private readonly awareness: Awareness) {
		this.#subscribe = createSubscriber((update) => {
			awareness.on('change', update);
			return () => awareness.off('change', update);
		});
	}

	setUser(name: string): void {
		this.awareness.setLocalStateField('user', { name, color: colorFor(name) });
	}

	get peers(): Peer[] {
		this.#subscribe();
		const out: Peer[] = [];
		for (const [clientId, state] of this.awareness.getStates()) {
			const user = PeerSchema.safeParse((state as { user?: unknown }).user);
			if (user.success)
				out.push({ ...user.data, clientId, isSelf: clientId === this.awareness.clientID });
		}
		return out.sort(
			(a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'zh-CN')
		);
	}
}
