import { describe, expect, it } from 'vitest';
import { openSql } from '../sql/open.ts';
import { migrateSql } from '../sql/migrations.ts';
import { createEvent } from '../events/events.ts';
import {
	DEFAULT_OUTLIER_THRESHOLD,
	getSettings,
	OutlierThresholdSchema,
	saveOutlierThreshold,
	saveSettings
} from './judging.ts';

describe('outlier threshold (S34)', () => {
	it('[S34] accepts more than 0 up to 100 in steps of 0.5, and nothing else', () => {
		for (const ok of [0.5, 3, 9.5, 100])
			expect(OutlierThresholdSchema.safeParse(ok).success, String(ok)).toBe(true);
		for (const bad of [0, -1, 100.5, 3.25, Number.NaN])
			expect(OutlierThresholdSchema.safeParse(bad).success, String(bad)).toBe(false);
	});

	it('[S34] is 10 until set, is kept apart from the rules, and does not publish them', async () => {
		// A fresh in-memory SQLite made by the query layer's own migrations.
		const s = openSql({ engine: 'sqlite', path: ':memory:' });
		await migrateSql(s);
		const { db } = s;
		const event = await createEvent(
			db,
			{ name: '阈值赛', kind: 'competition', scenarioId: 's1-qiantang-parts', membersPerSide: 3 },
			null
		);
		expect(DEFAULT_OUTLIER_THRESHOLD).toBe(10);
		expect((await getSettings(db, event.id)).outlierThreshold).toBe(10);

		expect(await saveOutlierThreshold(db, event.id, 3)).toEqual({ before: 10, after: 3 });
		expect(await getSettings(db, event.id)).toMatchObject({ outlierThreshold: 3, isStored: false });

		// Publishing the rules afterwards leaves the threshold as set.
		const published = await saveSettings(db, event.id, await getSettings(db, event.id));
		expect(published).toMatchObject({ outlierThreshold: 3, isStored: true });
		expect(await saveOutlierThreshold(db, event.id, 12.5)).toEqual({ before: 3, after: 12.5 });
		await expect(saveOutlierThreshold(db, event.id, 0)).rejects.toThrow();
		expect((await getSettings(db, event.id)).outlierThreshold).toBe(12.5);
		await s.close();
	});
});
