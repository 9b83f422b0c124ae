import { error, fail, redirect } from '@sveltejs/kit';
import {
	answerFormSchema,
	answersFromForm,
	DEVICE_COOKIE,
	hasDeviceAnswered,
	newDeviceToken,
	submitAnswer,
	surveyForCode
} from '$lib/server/voice/surveys.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const ALL = 'all';

/**
 * The survey a code opens. Unknown codes count against the same server-wide and per-address
 * failure limits as short seat codes (join.ts), so guessing invitation codes is bounded too.
 */
async function lookUp(e: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { limits } = e.locals.services;
	const { db } = e.locals.services.sql;
	const ip = e.getClientAddress();
	if (
		(await limits.shortCodeFailuresPerIp.isExhausted(ip)) ||
		(await limits.shortCodeFailures.isExhausted(ALL))
	)
		error(429, '错误次数过多，请稍后再试，或重新扫描问卷二维码');
	const found = await surveyForCode(db, e.params.code.trim());
	if (!found) {
		await limits.shortCodeFailuresPerIp.attempt(ip);
		await limits.shortCodeFailures.attempt(ALL);
		error(404, '没有这个问卷，请检查链接或邀请码');
	}
	return found;
}

/** Per-device surveys remember the phone by a random cookie; a year is longer than any survey. */
function deviceToken(e: RequestEvent | Parameters<PageServerLoad>[0]): string {
	let token = e.cookies.get(DEVICE_COOKIE);
	if (!token || !/^[a-z2-7]{32}$/.test(token)) {
		token = newDeviceToken();
		e.cookies.set(DEVICE_COOKIE, token, {
			path: '/s',
			httpOnly: true,
			sameSite: 'lax',
			secure: e.url.protocol === 'https:',
			maxAge: 365 * 24 * 3600
		});
	}
	return token;
}

export type SurveyPageState =
	'form' | 'done' | 'closed' | 'not-open' | 'used' | 'device-used' | 'needs-code';

export const load: PageServerLoad = async (e) => {
	const { survey, invite } = await lookUp(e);
	const token = survey.mode === 'device' ? deviceToken(e) : undefined;
	const answered = invite
		? invite.used
		: await hasDeviceAnswered(e.locals.services.sql.db, survey.id, token);
	let state: SurveyPageState = 'form';
	if (e.url.searchParams.has('done') && answered) state = 'done';
	else if (survey.status === 'closed') state = 'closed';
	else if (survey.status !== 'open') state = 'not-open';
	else if (survey.mode === 'code' && !invite) state = 'needs-code';
	else if (answered) state = survey.mode === 'code' ? 'used' : 'device-used';
	return {
		state,
		survey: {
			title: survey.title,
			intro: survey.intro,
			questions: state === 'form' ? survey.questions : []
		}
	};
};

export const actions: Actions = {
	default: async (e) => {
		const { survey } = await lookUp(e);
		const body = answerFormSchema.safeParse(
			Object.fromEntries(
				[...(await e.request.formData()).entries()].map(([k, v]) => [k, String(v)])
			)
		);
		if (!body.success)
			return fail(400, {
				errors: body.error.issues.map((i) => i.message),
				values: {} as Record<string, string>
			});
		const token = survey.mode === 'device' ? e.cookies.get(DEVICE_COOKIE) : undefined;
		const r = await submitAnswer(
			e.locals.services.sql.db,
			e.params.code.trim(),
			token,
			answersFromForm(survey.questions, body.data)
		);
		if (r.ok) redirect(303, `/s/${e.params.code.trim()}?done`);
		if (r.reason === 'invalid') return fail(400, { errors: r.errors, values: body.data });
		if (r.reason === 'not-found') error(404, '没有这个问卷，请检查链接或邀请码');
		const status = r.reason === 'used' || r.reason === 'device-used' ? 409 : 403;
		return fail(status, { refused: r.reason, values: body.data });
	}
};
