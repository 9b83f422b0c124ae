import type { Plugin } from 'vite';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';

/**
 * Serves /yjs/ rooms from `vite dev` with the same handler as production. It must leave other
 * upgrades alone: Vite's HMR socket shares this server.
 */
export function yjsDevServer(): Plugin {
	return {
		name: 'xieshang-yjs-dev',
		apply: 'serve',
		async configureServer(vite) {
			if (!vite.httpServer) return;
			const { openDatabase } = await import('../src/lib/server/db.ts');
			const { SqliteDocStore } = await import('../src/lib/server/doc-store.ts');
			const { provideServices } = await import('../src/lib/server/services.ts');
			const { templateFor } = await import('../src/lib/collab/templates.ts');
			const { RoomRegistry } = await import('./rooms.ts');
			const { createUpgradeHandler } = await import('./upgrade.ts');
			const { openAccess } = await import('./app.ts');
			const config = loadConfig();
			const log = createLogger(config.LOG_LEVEL);
			const db = openDatabase(config.DATABASE_PATH);
			const rooms = new RoomRegistry({
				store: new SqliteDocStore(db),
				log,
				templates: templateFor,
				compactThreshold: config.COMPACT_THRESHOLD,
				unloadAfterMs: config.ROOM_UNLOAD_MS
			});
			provideServices({
				db,
				disconnectSubject: (s) => rooms.disconnectSubject(s),
				freezeDoc: (d) => rooms.freeze(d)
			});
			const { handler } = createUpgradeHandler(
				{ rooms, authorize: openAccess, log, maxFrameBytes: config.MAX_FRAME_BYTES, origin: config.ORIGIN },
				false
			);
			vite.httpServer.on('upgrade', handler);
		}
	};
}
