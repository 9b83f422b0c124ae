import { listScenarios } from '$lib/server/scenarios.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ scenarios: listScenarios() });
