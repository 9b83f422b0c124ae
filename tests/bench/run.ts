/**
 * `npm run bench -- NAME [args…]` runs tests/bench/NAME.bench.ts. Each benchmark prints one JSON
 * line with its figures on stdout; progress goes to stderr. Without a name it lists the
 * benchmarks with the first sentence of each file's doc comment, and runs none: some take
 * minutes or need a build first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
	.filter((f) => f.endsWith('.bench.ts'))
	.map((f) => f.replace(/\.bench\.ts$/, ''))
	.sort();

/** The first sentence of a benchmark's opening doc comment, on one line. */
export function summaryOf(source: string): string {
	const doc = /^\/\*\*([\s\S]*?)\*\//.exec(source.trimStart())?.[1] ?? '';
	const text = doc
		.split('\n')
		.map((l) => l.replace(/^\s*\*\s?/, '').trim())
		.filter((l) => l !== '' && !l.startsWith('npm run bench'))
		.join(' ')
		.replace(/`npm run bench -- \w+`:\s*/, '');
	const end = text.search(/\.(\s|$)/);
	const first = end === -1 ? text : text.slice(0, end + 1);
	return first.charAt(0).toUpperCase() + first.slice(1);
}

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
	console.log('usage: npm run bench -- NAME [options]   (one JSON line of figures on stdout)\n');
	const width = Math.max(...available.map((n) => n.length));
	for (const n of available)
		console.log(
			`  ${n.padEnd(width)}  ${summaryOf(readFileSync(join(here, `${n}.bench.ts`), 'utf8'))}`
		);
	process.exit(0);
}
if (!available.includes(name)) {
	console.error(`unknown benchmark "${name}"; available: ${available.join(', ')}`);
	process.exit(2);
}
const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as {
	run: (args: string[]) => Promise<void>;
};
await mod.run(rest);
