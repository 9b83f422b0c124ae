/**
 * The shipped cases for domain tests, read through Vite's raw imports so that domain tests need
 * neither `node:` modules nor the server's file loader (the boundary test holds them to that).
 */
import {
	parseJurisdiction,
	parseScenario,
	type JurisdictionFile,
	type ResolvedScenario
} from '../../src/lib/domain/index.ts';

const scenarioTexts = import.meta.glob<string>('../../scenarios/*.yaml', {
	query: '?raw',
	import: 'default',
	eager: true
});
const jurisdictionTexts = import.meta.glob<string>('../../scenarios/jurisdictions/*.yaml', {
	query: '?raw',
	import: 'default',
	eager: true
});

export function shippedJurisdictions(): Record<string, JurisdictionFile> {
	const out: Record<string, JurisdictionFile> = {};
	for (const [path, text] of Object.entries(jurisdictionTexts)) {
		const r = parseJurisdiction(text, path);
		if (!r.ok) throw new Error(`shipped jurisdiction ${path} does not validate`);
		out[r.value.id] = r.value;
	}
	return out;
}

/** A case from its YAML text, against the shipped jurisdictions; throws with the problems if it does not validate. */
export function scenarioFromText(text: string, file: string): ResolvedScenario {
	const r = parseScenario(text, file, shippedJurisdictions());
	if (!r.ok) throw new Error(r.problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n'));
	return r.value;
}

/** A shipped case's text by file name without `.yaml`. */
export function shippedScenarioText(name: string): string {
	const text = scenarioTexts[`../../scenarios/${name}.yaml`];
	if (text === undefined) throw new Error(`no shipped scenario ${name}`);
	return text;
}

/** A shipped case by file name without `.yaml` (e.g. `s1-qiantang-parts`); throws if it does not validate. */
export function shippedScenario(name: string): ResolvedScenario {
	const text = scenarioTexts[`../../scenarios/${name}.yaml`];
	if (text === undefined) throw new Error(`no shipped scenario ${name}`);
	return scenarioFromText(text, `scenarios/${name}.yaml`);
}
