/**
 * Changing a term's kind keeps what still applies (id, title, topic, description, drives for
 * kinds that drive the same sort of value) and gives the new kind's own fields a starting value,
 * so the author sees the new kind's fields rather than a list of "unknown field" problems.
 */
export function convertKind(old: Record<string, unknown>, kind: string): Record<string, unknown> {
	const keep = { id: old.id, title: old.title, topic: old.topic, description: old.description };
	const num = typeof old.current === 'number' ? old.current : 0;
	const numeric = old.kind === 'number' || old.kind === 'cell';
	const clean = (o: Record<string, unknown>) =>
		Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
	switch (kind) {
		case 'number':
		case 'cell':
			return clean({
				...keep,
				kind,
				unit: typeof old.unit === 'string' ? old.unit : '',
				min: old.min,
				max: old.max,
				step: old.step,
				current: num,
				drives: numeric ? old.drives : undefined
			});
		case 'choice':
			return clean({
				...keep,
				kind,
				options: [
					{ value: 'a', label: 'A' },
					{ value: 'b', label: 'B' }
				],
				current: 'a'
			});
		case 'boolean':
			return clean({ ...keep, kind, current: false });
		case 'table':
			return clean({
				...keep,
				kind,
				unit: typeof old.unit === 'string' ? old.unit : '',
				current: {}
			});
		default:
			return clean({
				...keep,
				kind: 'clause',
				current: typeof old.current === 'string' ? old.current : ''
			});
	}
}
