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
		const attempt = () => loadConfig({ PORT: 'eighty', MAX_FRAME_BYTES: '-1', ORIGIN: 'not a url', XS_DEMO: 'yes' });
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

	it('treats an empty variable as unset', () => {
		expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
	});
});
