import { fail, redirect } from '@sveltejs/kit';
import { blankCaseDocument } from '$lib/server/cases/blank.ts';
import {
	CaseRefused,
	createCaseFor,
	importCaseFor,
	listCasesFor,
	shareCaseFor,
	type ImportError
} from '$lib/server/cases/service.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The studio's list (K2): built-ins, the organizer's own cases, and cases shared with them. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.principal.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const cases = await listCasesFor(locals.services.sql.db, user.id);
	return {
		builtIn: cases.filter((c) => c.builtIn),
		mine: cases.filter((c) => c.mine),
		shared: cases.filter((c) => !c.builtIn && !c.mine),
		made: url.searchParams.get('made') ?? ''
	};
};

function userOf(e: RequestEvent): string {
	const user = e.locals.principal.user;
	if (!user) redirect(303, '/login?next=/cases');
	return user.id;
}

/** Runs an act; a refusal becomes `fail(status, {message, …})`, success goes back to the list. */
async function act(e: RequestEvent, run: () => Promise<{ id: string } | void>, extra = {}) {
	let made: { id: string } | void;
	try {
		made = await run();
	} catch (err) {
		if (err instanceof CaseRefused)
			return fail(err.status, { message: err.message, ...extra, ...err.body });
		throw err;
	}
	redirect(303, made ? `/cases?made=${made.id}#case-${made.id}` : '/cases');
}

const field = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
	blank: (e) =>
		act(e, () =>
			createCaseFor(e.locals.services.sql.db, userOf(e), {
				document: blankCaseDocument(),
				note: '新建空白案例'
			})
		),
	copy: async (e) => {
		const id = field(await e.request.formData(), 'caseId');
		return act(e, () => createCaseFor(e.locals.services.sql.db, userOf(e), { copyOf: { id } }));
	},
	share: async (e) => {
		const form = await e.request.formData();
		return act(e, () =>
			shareCaseFor(
				e.locals.services.sql.db,
				userOf(e),
				field(form, 'caseId'),
				field(form, 'shared') === '1'
			)
		);
	},
	/** YAML pasted or uploaded (an upload wins); the pasted text comes back with the errors (K11). */
	import: async (e) => {
		const form = await e.request.formData();
		const pasted = field(form, 'yaml');
		const file = form.get('file');
		const uploaded = file instanceof File && file.size > 0 ? file : null;
		const text = uploaded ? await uploaded.text() : pasted;
		const name = uploaded?.name || 'case.yaml';
		if (!text.trim())
			return fail(400, {
				message: '请粘贴或上传 YAML 案例文件',
				yaml: pasted,
				errors: [] as ImportError[],
				file: ''
			});
		return act(e, () => importCaseFor(e.locals.services.sql.db, userOf(e), text, name), {
			yaml: uploaded ? text : pasted,
			file: uploaded ? name : ''
		});
	}
};
