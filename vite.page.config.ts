/**
 * Our page library as one ES module a site can include (issue 9 §3):
 * `npm run build:page` → dist-page/mynumber-web-eid.js. It imports only src/page/ and the
 * ground module src/error.ts, so it stays a few kilobytes.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist-page',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    lib: { entry: 'src/page/web-eid.ts', formats: ['es'], fileName: () => 'mynumber-web-eid.js' },
  },
});
