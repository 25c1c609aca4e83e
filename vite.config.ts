/**
 * Two builds of one extension: `vite build` → dist/ (the shipped extension, readers from
 * navigator.usb) and `vite build --mode virtual` → dist-virtual/ (readers from the
 * virtual reader). The manifest picks the service worker entry by mode, so virtual code
 * is never imported by the shipped bundle; scripts check that (test/e2e/bundle.test.ts).
 */
import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest, { isVirtualMode } from './manifest.config.ts';

export default defineConfig(({ mode }) => {
  const virtual = isVirtualMode(mode);
  return {
    plugins: [preact(), crx({ manifest })],
    build: {
      outDir: virtual ? 'dist-virtual' : 'dist',
      emptyOutDir: true,
      // Chrome 118+ is the floor (manifest minimum_chrome_version).
      target: 'chrome118',
      sourcemap: false,
      minify: true,
      // An MV3 service worker cannot import() lazily, so the worker is one chunk; pkijs and
      // asn1js make it ~500 kB raw (~120 kB gzip). Warn only beyond that.
      chunkSizeWarningLimit: 800,
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5174 } },
  };
});
