/**
 * `npm run companion:build`: the companion as one executable, native/dist/mynumber-card-bridge-host
 * (facts fallback-routes §2.2, §2.3): the host bundled into one CommonJS file (a SEA main
 * script must be CommonJS on Node 20), a SEA blob holding it with the `smartcard` addon
 * as an asset, injected with postject into a copy of this very `node`. So the target is
 * the OS/arch of the Node that runs this script; on Windows and macOS the same steps
 * apply (plus signing: docs/companion.md), run there.
 *
 * Installs native/'s own dependencies first when the addon is not built yet: node-gyp
 * compiles it against the headers of the running Node (no download) and, on Linux,
 * libpcsclite-dev (scripts/ensure-system.ts lists it).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const NATIVE = join(import.meta.dirname, '..');
const DIST = join(NATIVE, 'dist');
export const HOST_EXECUTABLE = join(DIST, process.platform === 'win32' ? 'mynumber-card-bridge-host.exe' : 'mynumber-card-bridge-host');
const ADDON = join(NATIVE, 'node_modules/smartcard/build/Release/smartcard_napi.node');
const BUNDLE = join(DIST, 'host.cjs');
const BLOB = join(DIST, 'sea-prep.blob');
/** postject's marker; Node's SEA loader looks for this exact string (Node SEA docs). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function installDependencies(): void {
  // Headers beside the running node (nodesource and official builds ship include/node): no download needed.
  const prefix = dirname(dirname(process.execPath));
  // One argument: npm reads a bare --nodedir as a boolean and hands node-gyp the path "true".
  const nodedir = existsSync(join(prefix, 'include/node/node_api.h')) ? [`--nodedir=${prefix}`] : [];
  console.log(`installing native/ dependencies (builds the smartcard addon${nodedir.length ? ` against ${prefix}/include/node` : ''})`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', ...nodedir], { cwd: NATIVE, stdio: 'inherit' });
  if (!existsSync(ADDON)) throw new Error(`the smartcard addon did not build (${ADDON}); on Linux install libpcsclite-dev and a C++ compiler: apt-get install -y libpcsclite-dev g++ make`);
}

async function bundle(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(NATIVE, 'src/main.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Only types come from `smartcard`; its addon is loaded by path (smartcard-backend.ts).
    external: ['smartcard'],
    // import.meta.url is only read outside a SEA (the development path to the addon).
    define: { 'import.meta.url': '__host_url' },
    banner: { js: 'const __host_url = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: 'warning',
  });
}

function seaBlob(): void {
  const config = join(DIST, 'sea-config.json');
  writeFileSync(config, JSON.stringify({
    main: BUNDLE,
    output: BLOB,
    disableExperimentalSEAWarning: true,
    // V8's code cache in the blob: start-up skips compiling the bundle.
    useCodeCache: true,
    assets: { 'smartcard_napi.node': ADDON },
  }, null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
}

function inject(): void {
  rmSync(HOST_EXECUTABLE, { force: true });
  copyFileSync(process.execPath, HOST_EXECUTABLE);
  chmodSync(HOST_EXECUTABLE, 0o755);
  const cli = join(NATIVE, 'node_modules/postject/dist/cli.js');
  const macho = process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : [];
  execFileSync(process.execPath, [cli, HOST_EXECUTABLE, 'NODE_SEA_BLOB', BLOB, '--sentinel-fuse', SEA_FUSE, ...macho], { stdio: 'inherit' });
}

export async function buildCompanion(): Promise<string> {
  if (!existsSync(ADDON) || !existsSync(join(NATIVE, 'node_modules/postject')) || !existsSync(join(NATIVE, 'node_modules/esbuild'))) installDependencies();
  mkdirSync(DIST, { recursive: true });
  await bundle();
  seaBlob();
  inject();
  return HOST_EXECUTABLE;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = Date.now();
  buildCompanion().then((file) => {
    console.log(`built ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
