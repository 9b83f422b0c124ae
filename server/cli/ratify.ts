/**
 * `xs ratify --delegates N --present P --yes Y [--no X] [--abstain A] [--rule ID] [--json]` —
 * decides a workers' congress vote (or a representatives' vote) by the chosen rule and says why.
 */
import { z } from 'zod';
import { commandOptions } from './options.ts';
import { procedure } from '../../src/lib/domain/index.ts';

const count = (name: string) =>
	z
		.string({ error: `--${name} is required` })
		.regex(/^\d+$/, `--${name} must be a whole number`)
		.transform(Number);

const argsSchema = z.object({
	delegates: count('delegates'),
	present: count('present'),
	yes: count('yes'),
	no: count('no').optional(),
	abstain: count('abstain').optional(),
	rule: z
		.string()
		.default('national')
		.refine((r) => Object.hasOwn(procedure.VOTE_RULES, r), {
			message: `--rule must be one of ${Object.keys(procedure.VOTE_RULES).join(', ')}`
		}),
	json: z.boolean().default(false)
});

export function run(argv: string[]): number {
	const args = commandOptions(
		'ratify',
		argv,
		{
			delegates: { type: 'string' },
			present: { type: 'string' },
			yes: { type: 'string' },
			no: { type: 'string' },
			abstain: { type: 'string' },
			rule: { type: 'string' },
			json: { type: 'boolean' }
		},
		argsSchema,
		'xs ratify --delegates N --present P --yes Y [--no X] [--abstain A] [--rule ID] [--json]'
	);
	if (!args.ok) return args.code;
	const a = args.value;
	const tally = procedure.tallySchema.safeParse({
		delegates: a.delegates,
		present: a.present,
		yes: a.yes,
		no: a.no,
		abstain: a.abstain
	});
	if (!tally.success) {
		for (const i of tally.error.issues) console.error(`xs ratify: ${i.message}`);
		return 2;
	}
	const rule = procedure.VOTE_RULES[a.rule as procedure.VoteRuleId];
	const out = procedure.decideVote(tally.data, rule);
	if (a.json)
		console.log(
			JSON.stringify({
				quorate: out.quorate,
				passed: out.passed,
				reason: out.reason,
				rule: rule.id,
				quorumNeeded: out.quorumNeeded,
				yesNeeded: out.yesNeeded
			})
		);
	else console.log(`${out.passed ? '通过' : '未通过'}（${rule.name}）\n${out.reason}`);
	return 0;
}
