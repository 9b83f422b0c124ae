/**
 * `xs procedure --jurisdiction ID --offer-date YYYY-MM-DD [--signed YYYY-MM-DD] [--filed YYYY-MM-DD] [--json]`
 * — the procedure's deadlines (reply, congress, filing, review, effective) counted as the Civil
 * Code counts periods, over the shipped holiday calendar.
 */
import { z } from 'zod';
import { commandOptions } from './options.ts';
import { procedure } from '../../src/lib/domain/index.ts';
import { loadCalendar, loadJurisdictionsFor, SCENARIO_DIR } from '../scenario-files.ts';
import { join } from 'node:path';

const date = (name: string) =>
	z.string().refine((s) => procedure.fromIso(s) !== null, `--${name} must be a date YYYY-MM-DD`);

const argsSchema = z.object({
	jurisdiction: z.string({ error: '--jurisdiction is required' }),
	'offer-date': date('offer-date').optional(),
	signed: date('signed').optional(),
	filed: date('filed').optional(),
	json: z.boolean().default(false)
});

export function run(argv: string[]): number {
	const args = commandOptions(
		'procedure',
		argv,
		{
			jurisdiction: { type: 'string' },
			'offer-date': { type: 'string' },
			signed: { type: 'string' },
			filed: { type: 'string' },
			json: { type: 'boolean' }
		},
		argsSchema,
		'xs procedure --jurisdiction ID --offer-date YYYY-MM-DD [--signed YYYY-MM-DD] [--filed YYYY-MM-DD] [--json]'
	);
	if (!args.ok) return args.code;
	const a = args.value;
	const { jurisdictions } = loadJurisdictionsFor(join(SCENARIO_DIR, 'any.yaml'));
	const j = a.jurisdiction === 'national' ? undefined : jurisdictions[a.jurisdiction];
	const rules = a.jurisdiction === 'national' ? {} : j?.procedure;
	if (!rules) {
		console.error(
			`xs procedure: unknown jurisdiction "${a.jurisdiction}" (known: national, ${Object.keys(jurisdictions).join(', ')})`
		);
		return 2;
	}
	const cal = procedure.indexCalendar(loadCalendar());
	const steps = procedure.procedureSteps(
		{ offerDate: a['offer-date'], signed: a.signed, filed: a.filed },
		rules,
		cal,
		j?.name
	);
	if (a.json) console.log(JSON.stringify({ steps }));
	else {
		for (const s of steps)
			console.log(
				`${s.due ?? '（待定）'}  ${s.name}  ${s.rule}${s.uncovered ? '  ⚠ 节假日安排未收录，仅按周末计算' : ''}`
			);
	}
	return 0;
}
