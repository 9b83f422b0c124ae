/**
 * Procedure steps a competition may require of its teams (server/SPEC.md E47): the workers'
 * congress passing the signed draft, and the labour side's representatives voting on it. Names
 * are the ones judges read on their sheets.
 */
import { z } from 'zod';

export const PROCEDURE_STEPS = {
	ratification: '职代会审议通过',
	'rep-vote': '职工方代表表决'
} as const;
export type ProcedureStepId = keyof typeof PROCEDURE_STEPS;
export const procedureStepSchema = z.enum(
	Object.keys(PROCEDURE_STEPS) as [ProcedureStepId, ...ProcedureStepId[]]
);
export const requiredStepsSchema = z
	.array(procedureStepSchema)
	.refine((s) => new Set(s).size === s.length, '程序要求重复');
