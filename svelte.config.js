import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			// svelte-check only sees src/ by default; the Node entry in server/ is type-checked too.
			config: (c) => {
				c.include.push('../server/**/*.ts', '../tests/**/*.ts');
			}
		}
	}
};

export default config;
