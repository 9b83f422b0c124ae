import { fail, isHttpError, redirect } from '@sveltejs/kit';
import { seatFromCode } from '$lib/server/events/join.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const typed = String((await request.formData()).get('code') ?? '');
		const code = typed.trim().toLowerCase().replace(/\s+/g, '');
		if (!/^[a-z0-9]{6,64}$/.test(code)) return fail(400, { code: typed, error: '请输入入座码' });
		// Checked here, under the same limits as a link, so a mistyped code keeps what was typed
		// and says why, instead of leaving the form for an error page.
		try {
			await seatFromCode(code, getClientAddress());
		} catch (e) {
			if (isHttpError(e)) return fail(e.status, { code: typed, error: e.body.message });
			throw e;
		}
		redirect(303, `/join/${code}`);
	}
};
