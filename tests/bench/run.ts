/**
 * `npm run bench -- NAME [args…]` runs tests/bench/NAME.bench.ts. Each benchmark prints one JSON
 * line with its figures on stdout; progress goes to stderr.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
	.filter((f) => f.endsWith('.bench.ts'))
	.map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
const names = name ? [name] : available;
for (const n of names) {
	if (!available.includes(n)) {
		console.error(`unknown benchmark "${n}"; available: ${available.join(', ')}`);
		process.exit(2);
	}
	const mod = (await import(pathToFileURL(join(here, `${n}.bench.ts`)).href)) as {
		run: (args: string[]) => Promise<void>;
	};
	await mod.run(rest);
}
