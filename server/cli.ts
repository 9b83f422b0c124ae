/**
 * `xs <command> …` — the command-line face of the engine for scenario authors and scripts.
 * Each command lives in `server/cli/<command>.ts` and exports `run(argv): Promise<number> | number`
 * (the exit code). Add a command by adding one line to COMMANDS.
 */
import { pathToFileURL } from 'node:url';

type Command = {
	summary: string;
	load: () => Promise<{ run: (argv: string[]) => number | Promise<number> }>;
};

const COMMANDS: Record<string, Command> = {
	validate: {
		summary: 'validate FILE…            check scenario and jurisdiction files',
		load: () => import('./cli/validate.ts')
	},
	cost: {
		summary: 'cost SCENARIO|CASE-ID [--terms FILE] [--json]   price terms against the current ones',
		load: () => import('./cli/cost.ts')
	},
	sweep: {
		summary:
			'sweep CASE|ID[@N] --term TERM --from A --to B --step S [--target EXPR] [--json]   one result per value, goal seeking',
		load: () => import('./cli/sweep.ts')
	},
	compare: {
		summary: 'compare CASE|ID[@N] TERMS_A TERMS_B [TERMS_C …] [--json]   versions side by side',
		load: () => import('./cli/compare.ts')
	},
	case: {
		summary:
			'case import FILE [--json] | list [--json] | export ID [--version N]   cases in the database',
		load: () => import('./cli/case.ts')
	},
	demo: {
		summary: "demo [--json] [--case ID]   create a demo event and print every seat's join URL",
		load: () => import('./cli/demo.ts')
	},
	user: {
		summary: 'user add LOGIN --name NAME   create an organizer (password from XS_PASSWORD)',
		load: () => import('./cli/user.ts')
	},
	migrate: {
		summary:
			'migrate                   bring the database schema up to date (DATABASE_URL or DATABASE_PATH)',
		load: () => import('./cli/migrate.ts')
	},
	standings: {
		summary: "standings FILE [--json]   recompute an event's published standings",
		load: () => import('./cli/standings.ts')
	},
	ratify: {
		summary:
			'ratify --delegates N --present P --yes Y [--no X] [--rule ID] [--json]   decide a congress vote',
		load: () => import('./cli/ratify.ts')
	},
	procedure: {
		summary:
			'procedure --jurisdiction ID --offer-date D [--signed D] [--filed D] [--json]   procedure deadlines',
		load: () => import('./cli/procedure.ts')
	}
};

export function usage(): string {
	return [
		'usage: npm run xs -- <command> [args…]',
		'',
		'commands:',
		...Object.values(COMMANDS).map((c) => `  ${c.summary}`)
	].join('\n');
}

export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '-h' || name === '--help' || name === 'help') {
		console.log(usage());
		return name ? 0 : 2;
	}
	const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
	if (!cmd) {
		console.error(`xs: unknown command "${name}"\n\n${usage()}`);
		return 2;
	}
	const mod = await cmd.load();
	return mod.run(rest);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(err: unknown) => {
			console.error(`xs: ${err instanceof Error ? err.message : String(err)}`);
			process.exit(1);
		}
	);
}
