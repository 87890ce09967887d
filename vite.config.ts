import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** The API server the dev server proxies to (the same port the server listens on in production). */
const apiPort = process.env.PORT || '8080';

export default defineConfig({
  root: 'web',
  publicDir: false,
  plugins: [svelte()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; it is one chunk on purpose.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: {
      '/api': { target: `http://localhost:${apiPort}`, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: `http://localhost:${apiPort}`, changeOrigin: true },
    },
  },
});
