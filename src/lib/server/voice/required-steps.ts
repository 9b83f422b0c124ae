/**
 * The procedure steps a competition requires of its teams, and whether a match carried them out
 * (server/SPEC.md E47): a ratification vote that passed, a representatives' vote of the labour
 * side that was closed.
 */
import { sql, type Kysely } from 'kysely';
import type { SqlSchema } from '../sql/schema.ts';
import {
	PROCEDURE_STEPS,
	requiredStepsSchema,
	type ProcedureStepId
} from '../../domain/procedure/required-steps.ts';

type K = Kysely<SqlSchema>;

export async function requiredStepsOf(k: K, eventId: string): Promise<ProcedureStepId[]> {
	const r = await k
		.selectFrom('event_procedure_steps')
		.select('steps')
		.where('event_id', '=', eventId)
		.executeTakeFirst();
	const parsed = requiredStepsSchema.safeParse(r ? JSON.parse(r.steps) : []);
	return parsed.success ? parsed.data : [];
}

export async function saveRequiredSteps(
	k: K,
	eventId: string,
	steps: ProcedureStepId[]
): Promise<void> {
	const row = { event_id: eventId, steps: JSON.stringify(steps), updated_at: Date.now() };
	await k
		.insertInto('event_procedure_steps')
		.values(row)
		.onConflict((oc) =>
			oc.column('event_id').doUpdateSet({ steps: row.steps, updated_at: row.updated_at })
		)
		.execute();
}

export interface StepState {
	id: ProcedureStepId;
	name: string;
	done: boolean;
}

/** Each of `steps` for one match, with whether the match has done it. */
export async function stepStates(
	k: K,
	matchId: string,
	steps: readonly ProcedureStepId[]
): Promise<StepState[]> {
	if (steps.length === 0) return [];
	const passed = await sql<{
		n: number;
	}>`SELECT COUNT(*) AS n FROM ratifications WHERE match_id = ${matchId} AND passed = 1`.execute(k);
	const votes = await k
		.selectFrom('rep_votes')
		.select('id')
		.where('match_id', '=', matchId)
		.where('side', '=', 'labour')
		.where('closed_at', 'is not', null)
		.execute();
	const done: Record<ProcedureStepId, boolean> = {
		ratification: Number(passed.rows[0]?.n ?? 0) > 0,
		'rep-vote': votes.length > 0
	};
	return steps.map((id) => ({ id, name: PROCEDURE_STEPS[id], done: done[id] }));
}
