/**
 * `npm run demo`: the demo site on http://127.0.0.1:8787 with the virtual card's test CA as
 * its trust anchors (the demo itself imports only src/page and src/verify; the anchors come
 * from here). Load dist-virtual/ in Chrome (npm run build:virtual) and open the printed URL.
 */
import { join } from 'node:path';
import { startDemo } from '../demo/server';
import { createTestCa } from '../src/virtual/index';
import { ROOT } from './extension-browser';

const ca = await createTestCa();
const demo = await startDemo({ port: Number(process.env.DEMO_PORT ?? 8787), authAnchors: [ca.authCaCertificate], signAnchors: [ca.signCaCertificate], libraryDir: join(ROOT, 'dist-page') });
console.log(`デモ申告サイト / demo site: ${demo.origin}/  (Ctrl-C で終了 / to stop)`);
console.log('Use it with the virtual build: npm run build:virtual, then load dist-virtual/ at chrome://extensions.');
