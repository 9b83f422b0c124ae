/**
 * `npm start`: builds the web app when the build is missing or older than its sources, then runs
 * the server. A newcomer's `npm install && npm start` needs nothing else.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app.ts';
import { main } from './index.ts';

const SOURCES = [
	'src',
	'static',
	'project.inlang',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
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
	// One line instead of Vite's few hundred; the full output is shown only when the build fails.
	console.log('正在构建前端，首次约需 40 秒… (building the web app, about 40 s on first start)');
	const t0 = Date.now();
	const r = spawnSync('npm', ['run', 'build'], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (r.status !== 0) {
		process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
		console.error(
			`build failed (npm run build exited with ${r.status ?? r.signal}): see the messages above`
		);
		process.exit(r.status ?? 1);
	}
	console.log(`构建完成，用时 ${Math.round((Date.now() - t0) / 1000)} 秒 (built)`);
}
await main();
