import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request }) => {
		const code = String((await request.formData()).get('code') ?? '').trim().toLowerCase().replace(/\s+/g, '');
		if (!/^[a-z0-9]{6,64}$/.test(code)) return fail(400, { error: '请输入入座码' });
		redirect(303, `/join/${code}`);
	}
};
