import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { organizedEvent } from '$lib/server/events/organizer.ts';
import { audit } from '$lib/server/audit.ts';
import { formatOf, setEventFormat, startedClocks } from '$lib/server/negotiation/match-format.ts';
import { matchFormatSchema } from '$lib/domain/negotiation/clock.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (e) => {
	const event = await organizedEvent(e);
	const { db } = e.locals.services.sql;
	return {
		event: { id: event.id, name: event.name },
		...(await formatOf(db, event.id)),
		started: await startedClocks(db, event.id)
	};
};

/** Form fields `phase.<i>.id|label|minutes`, `caucusCount`, `caucusMinutes`, as numbers where numeric. */
const numberField = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
	z.number({ error: '请填写数字' })
);
const FormSchema = z.object({
	phases: z.array(z.object({ id: z.string().trim(), label: z.string(), minutes: numberField })),
	caucusCount: numberField,
	caucusMinutes: numberField
});

function readForm(form: FormData) {
	const rows = new Map<number, Record<string, string>>();
	for (const [k, v] of form) {
		const m = /^phase\.(\d{1,2})\.(id|label|minutes)$/.exec(k);
		if (!m || typeof v !== 'string') continue;
		const i = Number(m[1]);
		rows.set(i, { ...rows.get(i), [m[2]!]: v });
	}
	const phases = [...rows.entries()]
		.sort(([a], [b]) => a - b)
		.map(([i, r]) => ({
			id: r.id?.trim() || `phase_${i + 1}`,
			label: r.label ?? '',
			minutes: r.minutes ?? ''
		}))
		// A row left wholly empty is a row the organizer did not use.
		.filter((r) => r.label.trim() !== '' || String(r.minutes).trim() !== '');
	return { phases, caucusCount: form.get('caucusCount'), caucusMinutes: form.get('caucusMinutes') };
}

/** The organizer's message for the first problem, in Chinese, by where it is. */
function sayIssue(path: PropertyKey[]): string {
	const [a, i, field] = path;
	if (a === 'phases' && typeof i === 'number') {
		const n = i + 1;
		if (field === 'label') return `第 ${n} 个环节：请填写名称（不超过 40 字）`;
		if (field === 'minutes') return `第 ${n} 个环节：时长应为大于 0、不超过 600 的分钟数`;
		return `第 ${n} 个环节有误`;
	}
	if (a === 'phases') return '请至少保留一个环节（最多 20 个），环节不能重复';
	if (a === 'caucusCount' || (a === 'caucus' && i === 'count'))
		return '每方休会次数应为 0–10 的整数';
	if (a === 'caucusMinutes' || (a === 'caucus' && i === 'minutes'))
		return '每次休会应为大于 0、不超过 60 的分钟数';
	return '赛制有误，请检查各项';
}

export const actions: Actions = {
	save: async (e) => {
		const event = await organizedEvent(e);
		const raw = readForm(await e.request.formData());
		const shaped = FormSchema.safeParse(raw);
		const parsed = shaped.success
			? matchFormatSchema.safeParse({
					phases: shaped.data.phases,
					caucus: { count: shaped.data.caucusCount, minutes: shaped.data.caucusMinutes }
				})
			: shaped;
		if (!parsed.success)
			return fail(400, { error: sayIssue(parsed.error.issues[0]?.path ?? []), values: raw });
		const { db } = e.locals.services.sql;
		await setEventFormat(db, event.id, parsed.data);
		await audit(db, event.id, `user:${e.locals.principal.user?.id}`, 'event.format', parsed.data);
		return { saved: true };
	},
	reset: async (e) => {
		const event = await organizedEvent(e);
		const { db } = e.locals.services.sql;
		await setEventFormat(db, event.id, null);
		await audit(db, event.id, `user:${e.locals.principal.user?.id}`, 'event.format.reset', {});
		return { saved: true };
	}
};
