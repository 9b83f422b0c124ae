/**
 * Initial JavaScript of key pages, gzipped: SvelteKit's two entry chunks, the root layout and the
 * page, with everything they import statically. Modules loaded on demand (chart.js and the clause
 * editor, imported inside onMount) are not initial and are reported apart. Needs `npm run build`.
 *
 *   npm run bench -- bundle
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../integration/harness.ts';

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean };

export async function run(): Promise<void> {
	const manifest = JSON.parse(
		readFileSync(join(ROOT, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8')
	) as Record<string, Chunk>;
	const nodesDir = join(ROOT, '.svelte-kit/generated/client-optimized/nodes');
	const nodeFor = (route: string) => {
		const f = readdirSync(nodesDir).find((n) =>
			readFileSync(join(nodesDir, n), 'utf8').includes(`src/routes/${route}`)
		);
		if (!f) throw new Error(`no client node for ${route}`);
		return `.svelte-kit/generated/client-optimized/nodes/${f}`;
	};
	const closure = (keys: string[], follow: (c: Chunk) => string[]) => {
		const seen = new Set<string>();
		const walk = (k: string) => {
			if (seen.has(k) || !manifest[k]) return;
			seen.add(k);
			for (const i of follow(manifest[k]!)) walk(i);
		};
		keys.forEach(walk);
		return seen;
	};
	const kb = (keys: Iterable<string>) =>
		Math.round(
			([...keys].reduce(
				(s, k) =>
					s +
					gzipSync(readFileSync(join(ROOT, '.svelte-kit/output/client', manifest[k]!.file))).length,
				0
			) /
				1024) *
				10
		) / 10;
	const entries = Object.keys(manifest).filter(
		(k) =>
			(manifest[k]!.isEntry && /entry\/(start|app)/.test(k)) ||
			/client-optimized\/app\.js$|runtime\/client\/entry\.js$/.test(k)
	);
	const layout = nodeFor('+layout.svelte');
	const out: Record<string, number> = {};
	for (const [name, route] of [
		['match', 'match/[matchId]/+page.svelte'],
		['home', '+page.svelte'],
		['scenarioExplorer', 'scenarios/[id]/+page.svelte'],
		['judge', 'judge/+page.svelte']
	] as const) {
		const initial = closure([...entries, layout, nodeFor(route)], (c) => c.imports ?? []);
		// What this page loads later by itself (the entries' dynamic imports are the other routes).
		const own = [...closure([layout, nodeFor(route)], (c) => c.imports ?? [])];
		const onDemand = closure(
			own.flatMap((k) => manifest[k]!.dynamicImports ?? []),
			(c) => [...(c.imports ?? []), ...(c.dynamicImports ?? [])]
		);
		for (const k of initial) onDemand.delete(k);
		out[`${name}InitialJsGzipKb`] = kb(initial);
		out[`${name}OnDemandJsGzipKb`] = kb(onDemand);
	}
	console.log(JSON.stringify({ bench: 'bundle', ...out }));
}
