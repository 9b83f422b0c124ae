/**
 * The module boundaries of DESIGN.md, checked on the import graph:
 * - the domain (src/lib/domain) imports nothing of ours outside itself, and no package but zod and yaml;
 * - code that runs in the browser never reaches src/lib/server or server/, directly or through
 *   another module;
 * - domain tests do not import server files.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rel = (f: string) => relative(root, f);

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		if (name === 'node_modules' || name === 'paraglide') return [];
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

/** Import specifiers of a .ts/.js file or of the <script> blocks of a .svelte file. */
function specifiers(file: string): string[] {
	let text = readFileSync(file, 'utf8');
	if (file.endsWith('.svelte')) {
		text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
	}
	return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const EXTENSIONS = ['', '.ts', '.js', '.svelte', '/index.ts', '/index.js'];

/** Our file a specifier names, or null for a package. */
function resolveOurs(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else if (spec.startsWith('$lib/') || spec.startsWith('#lib/'))
		base = join(root, 'src/lib', spec.slice(5));
	else if (spec === '$lib') base = join(root, 'src/lib');
	else return null;
	for (const ext of EXTENSIONS) {
		const p = base + ext;
		if (existsSync(p) && statSync(p).isFile()) return p;
	}
	return base;
}

const isUnder = (file: string, dir: string) => !relative(join(root, dir), file).startsWith('..');
const isServerCode = (f: string) => isUnder(f, 'src/lib/server') || isUnder(f, 'server');
const isTest = (f: string) => /\.(test|spec)\.ts$/.test(f);
const isSource = (f: string) => /\.(ts|js|svelte)$/.test(f) && !f.endsWith('.d.ts');

/** Files that SvelteKit sends to the browser: everything under src/ but the server-only modules. */
function isBrowserCode(f: string): boolean {
	if (!isUnder(f, 'src') || isServerCode(f) || isTest(f)) return false;
	return !/(\+page\.server|\+layout\.server|\+server|hooks\.server)\.ts$/.test(f);
}

describe('module boundaries', () => {
	const domainFiles = walk(join(root, 'src/lib/domain')).filter(isSource);

	it('the domain imports only itself, zod and yaml', () => {
		const offences: string[] = [];
		for (const f of domainFiles.filter((x) => !isTest(x))) {
			for (const spec of specifiers(f)) {
				const target = resolveOurs(f, spec);
				if (target === null) {
					if (!/^(zod|yaml)(\/|$)/.test(spec)) offences.push(`${rel(f)} imports package ${spec}`);
				} else if (!isUnder(target, 'src/lib/domain'))
					offences.push(`${rel(f)} imports ${rel(target)}`);
			}
		}
		expect(offences).toEqual([]);
	});

	it('domain tests import no server file', () => {
		const offences: string[] = [];
		for (const f of domainFiles.filter(isTest)) {
			for (const spec of specifiers(f)) {
				const target = resolveOurs(f, spec);
				if (target !== null && isServerCode(target))
					offences.push(`${rel(f)} imports ${rel(target)}`);
			}
		}
		expect(offences).toEqual([]);
	});

	it('browser code never reaches server code, directly or through another module', () => {
		const offences: string[] = [];
		const seen = new Set<string>();
		const visit = (f: string, path: string[]) => {
			if (seen.has(f)) return;
			seen.add(f);
			for (const spec of specifiers(f)) {
				const target = resolveOurs(f, spec);
				if (target === null || !existsSync(target)) continue;
				if (isServerCode(target)) offences.push([...path, f, target].map(rel).join(' → '));
				else if (isSource(target)) visit(target, [...path, f]);
			}
		};
		for (const f of walk(join(root, 'src')).filter(isSource).filter(isBrowserCode)) visit(f, []);
		expect(offences).toEqual([]);
	});
});
