import { error } from '@sveltejs/kit';
import { getScenario } from '$lib/server/scenarios.ts';
import type { PageServerLoad } from './$types';

/**
 * A trial host for the population import until the case editor hosts it: the time bands come
 * from the shipped food-delivery case. Public (bands and names only), not linked from navigation.
 */
export const load: PageServerLoad = () => {
	const s = getScenario('s2-qianhu-food-delivery');
	if (!s?.pieceRate) error(404, 'scenario not found');
	return {
		title: s.title,
		bands: s.pieceRate.bands.map((b) => ({ id: b.id, name: b.name, unitsPerHour: b.unitsPerHour }))
	};
};
