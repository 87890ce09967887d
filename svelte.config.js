import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Used by vite-plugin-svelte and by svelte-check (`npx svelte-check --tsconfig web/tsconfig.json`). */
export default {
  preprocess: vitePreprocess(),
};
