import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
	it('fills in defaults when nothing is set', () => {
		const c = loadConfig({});
		expect(c.PORT).toBe(3000);
		expect(c.DATABASE_PATH).toBe('data/xieshang.db');
		expect(c.MAX_FRAME_BYTES).toBe(8 * 1024 * 1024);
		expect(c.STORAGE).toBe('sqlite');
		expect(c.XS_DEMO).toBe('1');
	});

	it('names every bad variable in one message', () => {
		const attempt = () =>
			loadConfig({ PORT: 'eighty', MAX_FRAME_BYTES: '-1', ORIGIN: 'not a url', XS_DEMO: 'yes' });
		expect(attempt).toThrow(ConfigError);
		try {
			attempt();
		} catch (e) {
			const msg = (e as Error).message;
			expect(msg).toContain('PORT="eighty"');
			expect(msg).toContain('MAX_FRAME_BYTES="-1"');
			expect(msg).toContain('ORIGIN="not a url"');
			expect(msg).toContain('XS_DEMO="yes"');
		}
	});

	it('has limits for what one client may send, and refuses nonsense values for them', () => {
		const c = loadConfig({});
		expect([c.MAX_DOC_DEPTH, c.MAX_DOC_BYTES, c.MAX_HISTORY_BYTES]).toEqual([
			32,
			16 * 1024 * 1024,
			64 * 1024 * 1024
		]);
		expect([c.MAX_MESSAGES_PER_S, c.MAX_BYTES_PER_S, c.MAX_QUEUED_BYTES]).toEqual([
			200,
			1024 * 1024,
			16 * 1024 * 1024
		]);
		expect(loadConfig({ MAX_DOC_BYTES: '262144' }).MAX_DOC_BYTES).toBe(262144);
		// A depth below a clause's own list structure would refuse ordinary editing.
		expect(() => loadConfig({ MAX_DOC_DEPTH: '2' })).toThrow(/MAX_DOC_DEPTH/);
		expect(() => loadConfig({ MAX_MESSAGES_PER_S: '0' })).toThrow(/MAX_MESSAGES_PER_S/);
	});

	it('[Y14] takes DATABASE_URL for PostgreSQL only, and never echoes it back', () => {
		expect(loadConfig({}).DATABASE_URL).toBeUndefined();
		const url = 'postgres://xs:secret@db.example:5432/xieshang';
		expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
		expect(loadConfig({ DATABASE_URL: 'postgresql://h/db' }).DATABASE_URL).toBe(
			'postgresql://h/db'
		);
		const bad = () => loadConfig({ DATABASE_URL: 'mysql://xs:secret@db.example/xieshang' });
		expect(bad).toThrow(/DATABASE_URL=\(hidden\): must be a postgres/);
		expect(bad).not.toThrow(/secret/);
	});

	it('treats an empty variable as unset', () => {
		expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
	});

	it('takes PostgreSQL and Redis URLs, and refuses Redis without a shared database', () => {
		const c = loadConfig({
			DATABASE_URL: 'postgres://xs@db:5432/xs',
			REDIS_URL: 'redis://cache:6379'
		});
		expect([c.DATABASE_URL, c.REDIS_URL]).toEqual([
			'postgres://xs@db:5432/xs',
			'redis://cache:6379'
		]);
		expect(() => loadConfig({ DATABASE_URL: 'mysql://db/xs' })).toThrow(/DATABASE_URL/);
		// Updates relayed through Redis were stored by another instance: it must read them too.
		expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(
			/REDIS_URL.*DATABASE_URL/
		);
	});
});
