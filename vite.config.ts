/**
 * Two builds of one extension from one manifest.json: `vite build` → dist/ (the shipped
 * extension, readers from navigator.usb) and `vite build --mode virtual` → dist-virtual/
 * (readers from the virtual reader). The virtual build differs only in its name and its
 * service worker entry, so virtual code is never imported by the shipped bundle
 * (test/e2e/bundle.test.ts checks that).
 *
 * The permission set (manifest.json) is deliberately minimal and meant never to grow:
 * Chrome disables an extension whose update adds a permission until the user re-approves
 * it. `storage` only; MV3 has no `usb` permission (WebUSB is the per-device chooser
 * grant, and works in the service worker from Chrome 118, facts A2).
 */
import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig(({ mode }) => {
  const virtual = mode === 'virtual';
  const built = virtual
    ? {
        ...manifest,
        name: `${manifest.name} (virtual reader)`,
        version_name: `${manifest.version} virtual`,
        background: { ...manifest.background, service_worker: 'src/extension/worker.virtual.ts' },
        // Sites test against the virtual build on a local server: the Web eID content script
        // is registered there without asking (the shipped build: per allowed origin).
        host_permissions: [...manifest.host_permissions, 'http://localhost/*', 'http://127.0.0.1/*'],
      }
    : manifest;
  return {
    plugins: [preact(), crx({ manifest: built })],
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
      // Pages the manifest does not name: the PIN window (opened with windows.create).
      rollupOptions: { input: { prompt: 'src/extension/prompt/index.html', diagnostics: 'src/extension/diagnostics/index.html' } },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5174 } },
  };
});
