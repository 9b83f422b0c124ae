import { error } from '@sveltejs/kit';
import { getScenario } from '$lib/server/scenarios.ts';
import { toPublic } from '$lib/scenario-public.ts';
import type { PageServerLoad } from './$types';

/**
 * A public page: anyone may open it, so the scenario goes out without its confidential part
 * (briefs, positions, points tables). Only `toPublic`'s output is returned.
 */
export const load: PageServerLoad = ({ params }) => {
	const scenario = getScenario(params.id);
	if (!scenario) error(404, 'scenario not found');
	return { id: params.id, scenario: toPublic(scenario) };
};
