import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3217);
// A fresh database for every run, so tests never see yesterday's documents. The config is also
// loaded by every worker: the path travels in the environment so all of them agree on it, and
// specs can seed the same file the server uses.
process.env.XS_E2E_DATABASE_PATH ??= join(mkdtempSync(join(tmpdir(), 'xs-e2e-')), 'xieshang.db');
const DATABASE_PATH = process.env.XS_E2E_DATABASE_PATH;

export default defineConfig({
	testDir: '.',
	testMatch: '**/*.spec.ts',
	outputDir: '../../test-results',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	forbidOnly: true,
	reporter: [['list']],
	timeout: 60_000,
	expect: { timeout: 15_000 },
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: {
			// Debian's Chromium: Playwright's own browser download cannot run here (npx playwright install fails without internet; README says how to install Debian's Chromium).
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	webServer: {
		// The built app: `npm test` builds before it runs the e2e tests.
		command: 'node --import tsx server/index.ts',
		cwd: '../..',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { PORT: String(PORT), HOST: '127.0.0.1', DATABASE_PATH, LOG_LEVEL: 'warn' }
	}
});
