import type { Plugin } from 'vite';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';

/**
 * Serves /yjs/ rooms from `vite dev` with the same runtime as production. It must leave other
 * upgrades alone: Vite's HMR socket shares this server.
 */
export function yjsDevServer(): Plugin {
	return {
		name: 'xieshang-yjs-dev',
		apply: 'serve',
		async configureServer(vite) {
			if (!vite.httpServer) return;
			const { createRuntime } = await import('./runtime.ts');
			const { createUpgradeHandler } = await import('./upgrade.ts');
			const config = loadConfig();
			const log = createLogger(config.LOG_LEVEL);
			const runtime = createRuntime(config, log);
			await runtime.ready;
			const { handler } = createUpgradeHandler(
				{
					rooms: runtime.rooms,
					authorize: runtime.authorize,
					log,
					maxFrameBytes: config.MAX_FRAME_BYTES,
					origin: config.ORIGIN
				},
				false
			);
			vite.httpServer.on('upgrade', handler);
		}
	};
}
