import type { Plugin } from 'vite';

/** Placeholder until the room server lands: attaches the /yjs upgrade handler to Vite's dev server. */
export function yjsDevServer(): Plugin {
	return { name: 'xieshang-yjs-dev' };
}
