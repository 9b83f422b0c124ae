/**
 * `npm start`: builds the web app when the build is missing or older than its sources, then runs
 * the server. A newcomer's `npm install && npm start` needs nothing else.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app.ts';
import { main } from './index.ts';

const SOURCES = ['src', 'static', 'project.inlang', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const GENERATED = new Set(['paraglide', 'node_modules']);

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (GENERATED.has(entry)) continue;
		newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

const built = join(ROOT, 'build', 'handler.js');
const stale =
	!existsSync(built) ||
	statSync(built).mtimeMs < Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
if (stale) {
	console.log('正在构建前端… (building the web app, about 10 s)');
	const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) {
		console.error('build failed: see the messages above');
		process.exit(r.status ?? 1);
	}
}
await main();
