/**
 * The layer table of DESIGN.md, enforced: every .ts/.tsx under src/ may import only what
 * its layer may use, nothing in src/ throws a bare `new Error(`, and only the Node-side
 * PC/SC bridge (src/virtual/pcsc/) imports Node modules. A failure names file and import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
/** The ground floor (DESIGN): may be used by every layer; they use only each other. */
const SHARED = ['src/bytes', 'src/config', 'src/deadline', 'src/error', 'src/wire-log'];
const NODE_ALLOWED_UNDER = 'src/virtual/pcsc/';

interface Layer {
  readonly name: string;
  /** Does this file belong to the layer? */
  readonly owns: (file: string) => boolean;
  /** May a file of this layer import `target` (a path under the repository, no extension)? */
  readonly mayImport: (target: string) => boolean;
  readonly packages: boolean;
}

const under = (dir: string) => (p: string): boolean => p === dir || p.startsWith(`${dir}/`);
const anyOf = (...tests: ((p: string) => boolean)[]) => (p: string): boolean => tests.some((t) => t(p));
const isShared = (p: string): boolean => SHARED.includes(p);

/** The reader seam (DESIGN "Layers"): what outside src/reader/ may know of readers. */
const readerSeam = (p: string): boolean => p === 'src/reader/types' || p === 'src/reader/errors';
/** The driver folders (and the transport under them), never imported by the background. */
const DRIVER_FOLDERS = ['src/reader/ccid', 'src/reader/usb', 'src/reader/port100', 'src/reader/native'] as const;
const isDriver = anyOf(...DRIVER_FOLDERS.map(under));

/** First match wins, so the narrow entries come first. */
const LAYERS: readonly Layer[] = [
  { name: 'shared', owns: isShared, mayImport: isShared, packages: false },
  { name: 'spec', owns: under('src/spec'), mayImport: anyOf(under('src/spec'), isShared), packages: false },
  { name: 'rules', owns: under('src/rules'), mayImport: anyOf(under('src/rules'), isShared), packages: false },
  { name: 'page protocol', owns: (p) => p === 'src/page/protocol', mayImport: () => false, packages: false },
  { name: 'page', owns: under('src/page'), mayImport: anyOf(under('src/page'), isShared), packages: false },
  { name: 'card', owns: under('src/card'), mayImport: anyOf(under('src/card'), under('src/rules'), isShared), packages: true },
  {
    name: 'reader',
    owns: under('src/reader'),
    mayImport: anyOf(under('src/reader'), under('src/card'), under('src/spec'), isShared),
    packages: true,
  },
  {
    name: 'virtual',
    owns: under('src/virtual'),
    mayImport: anyOf(under('src/virtual'), under('src/card'), under('src/rules'), under('src/spec'), readerSeam, isShared),
    packages: true,
  },
  { name: 'verify', owns: under('src/verify'), mayImport: anyOf(under('src/verify'), under('src/card'), under('src/page'), isShared), packages: true },
  { name: 'extension', owns: under('src/extension'), mayImport: under('src'), packages: true },
];

/** Rules narrower than a layer: a part of a layer that may use less than the rest of it. */
const NARROWER: readonly { readonly owns: (p: string) => boolean; readonly refuses: (target: string) => boolean; readonly why: string }[] = [
  {
    owns: under('src/extension/background'),
    refuses: isDriver,
    why: 'the background sees readers only through src/reader/types and src/reader/errors, never a driver folder',
  },
];

export interface Violation {
  readonly file: string;
  readonly problem: string;
}

/** Removes comments, keeping strings, so a commented-out import or a note about `new Error(` is not counted. */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      // Quotes cannot span lines, so a quote inside a regex literal swallows one line at most.
      let j = i + 1;
      while (j < src.length && src[j] !== c && (c === '`' || src[j] !== '\n')) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Every module specifier: import/export … from, side-effect imports, dynamic import(). */
export function importsOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) if (m[1] !== undefined) found.push(m[1]);
  return found;
}

/** The imported path relative to the repository, without extension or /index. */
function resolveTarget(file: string, spec: string): string {
  const joined = posix.normalize(posix.join(posix.dirname(file), spec));
  return joined.replace(/\.(tsx?|jsx?|mjs)$/, '').replace(/\/index$/, '');
}

const isNodeBuiltin = (spec: string): boolean => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] ?? spec);

/** Folders with an index.ts: from outside, they are entered through it (issue 8 §3). */
function indexedFolders(files: ReadonlyMap<string, string>): Set<string> {
  return new Set([...files.keys()].filter((f) => /\/index\.tsx?$/.test(f)).map((f) => posix.dirname(f)));
}

/** The folder whose index.ts a file outside it bypasses by importing `target`, if any. */
function bypassedIndex(file: string, target: string, indexed: ReadonlySet<string>): string | undefined {
  const folder = posix.dirname(target);
  if (!indexed.has(folder)) return undefined;
  const from = posix.dirname(file);
  return from === folder || from.startsWith(`${folder}/`) ? undefined : folder;
}

/** Checks files given as repository-relative paths (with extension) and their sources. */
export function checkArchitecture(files: ReadonlyMap<string, string>, indexed: ReadonlySet<string> = indexedFolders(files)): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const code = stripComments(source);
    const self = file.replace(/\.tsx?$/, '');
    const layer = LAYERS.find((l) => l.owns(self));
    if (layer === undefined) {
      out.push({ file, problem: 'is in no layer of the DESIGN.md table' });
      continue;
    }
    if (/\bnew\s+Error\s*\(/.test(code)) out.push({ file, problem: 'throws a bare `new Error(` (use a BridgeError subclass)' });
    if (/\bchrome\.(runtime|storage|tabs|windows|action|permissions|scripting)\b/.test(code)) {
      out.push({ file, problem: 'calls chrome.* (WebExtension calls go through src/extension/browser.ts, webextension-polyfill)' });
    }
    for (const spec of importsOf(code)) {
      if (isNodeBuiltin(spec)) {
        if (!file.startsWith(NODE_ALLOWED_UNDER)) out.push({ file, problem: `imports the Node module '${spec}' (only ${NODE_ALLOWED_UNDER} may)` });
        continue;
      }
      if (!spec.startsWith('.')) {
        if (!layer.packages) out.push({ file, problem: `imports the package '${spec}'; the ${layer.name} layer imports nothing outside itself` });
        continue;
      }
      const target = resolveTarget(file, spec);
      const bypassed = bypassedIndex(file, target, indexed);
      if (bypassed !== undefined) out.push({ file, problem: `imports '${spec}' past ${bypassed}/index.ts (enter a folder through its index)` });
      if (!layer.mayImport(target)) out.push({ file, problem: `imports '${spec}' (${target}), which the ${layer.name} layer may not use` });
      else for (const rule of NARROWER) if (rule.owns(self) && rule.refuses(target)) out.push({ file, problem: `imports '${spec}' (${target}): ${rule.why}` });
    }
  }
  return out;
}

function sourcesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(entry) || entry.endsWith('.d.ts')) continue;
    const rel = relative(ROOT, join(ROOT, dir, entry)).split(sep).join('/');
    files.set(rel, readFileSync(join(ROOT, rel), 'utf8'));
  }
  return files;
}

const report = (vs: Violation[]): string[] => vs.map((v) => `${v.file}: ${v.problem}`);

describe('architecture: the layer table of DESIGN.md holds for every file in src/', () => {
  it('finds no import across a layer boundary, no bare new Error(, no Node module in bundled code', () => {
    const files = sourcesUnder('src');
    expect(files.size).toBeGreaterThan(10);
    expect(report(checkArchitecture(files))).toEqual([]);
  });
});

describe('architecture: the checker itself fails on broken examples', () => {
  /** These folders have an index.ts in the examples, as they do in src/. */
  const INDEXED = new Set(['src/card', 'src/extension/background/session', 'src/extension/background/status']);
  const check = (file: string, source: string): string[] => report(checkArchitecture(new Map([[file, source]]), INDEXED));

  it.each([
    ['src/rules/x.ts', "import { JpkiCard } from '../card/index';", 'the rules layer may not use'],
    ['src/rules/x.ts', "import { parse } from 'pkijs';", "imports the package 'pkijs'"],
    ['src/card/x.ts', "import type { Snap } from '../extension/status-model';", 'the card layer may not use'],
    ['src/card/x.ts', "export { thing } from '../reader/ccid/t1';", 'the card layer may not use'],
    ['src/reader/ccid/x.ts', "import { v } from '../../virtual/card';", 'the reader layer may not use'],
    ['src/virtual/card/x.ts', "import { T1 } from '../../reader/ccid/t1';", 'the virtual layer may not use'],
    ['src/page/client.ts', "import { assess } from '../rules/index';", 'the page layer may not use'],
    ['src/page/protocol.ts', "import { hex } from '../bytes';", 'the page protocol layer may not use'],
    ['src/verify/x.ts', "const m = await import('../extension/badge');", 'the verify layer may not use'],
    ['src/bytes.ts', "import { hex } from './card/index';", 'the shared layer may not use'],
    ['src/card/x.ts', "import { readFileSync } from 'node:fs';", "imports the Node module 'node:fs'"],
    ['src/extension/x.ts', "import { join } from 'path';", "imports the Node module 'path'"],
    ['src/card/x.ts', "throw new Error('bad');", 'bare `new Error(`'],
    ['src/misc/x.ts', 'export const a = 1;', 'is in no layer'],
    ['src/card/x.ts', "const q = /'/;\nimport { b } from '../extension/badge';", 'the card layer may not use'],
    ['src/spec/ccid.ts', "import { T1 } from '../reader/ccid/t1';", 'the spec layer may not use'],
    ['src/spec/t1.ts', "import { SW } from '../card/index';", 'the spec layer may not use'],
    ['src/spec/t1.ts', "import { x } from 'some-package';", "imports the package 'some-package'"],
    ['src/reader/ccid/x.ts', "import { isDue } from '../../rules/index';", 'the reader layer may not use'],
    ['src/virtual/reader/x.ts', "import { HDR } from '../../reader/ccid/spec';", 'the virtual layer may not use'],
    ['src/virtual/reader/x.ts', "import { UsbTransport } from '../../reader/usb/transport';", 'the virtual layer may not use'],
    ['src/virtual/x.ts', "import { CcidReader } from '../reader/ccid/index';", 'the virtual layer may not use'],
    ['src/verify/x.ts', "import { assess } from '../rules/index';", 'the verify layer may not use'],
    ['src/extension/background/x.ts', "import { CcidReader } from '../../reader/ccid/index';", 'never a driver folder'],
    ['src/extension/background/session/x.ts', "import { NoCardError } from '../../../reader/ccid/errors';", 'never a driver folder'],
    ['src/extension/background/x.ts', "import { UsbTransport } from '../../reader/usb/transport';", 'never a driver folder'],
    ['src/extension/background/x.ts', "const m = await import('../../reader/port100/index');", 'never a driver folder'],
    ['src/extension/background/x.ts', "export { Companion } from '../../reader/native/client';", 'never a driver folder'],
    ['src/extension/background/status/x.ts', "import { ReaderHolder } from '../session/reader-holder';", 'past src/extension/background/session/index.ts'],
    ['src/virtual/card/x.ts', "import { SW } from '../../card/status-words';", 'past src/card/index.ts'],
    ['src/extension/chrome-calls.ts', "await chrome.storage.local.get('k');", 'through src/extension/browser.ts'],
    ['src/extension/popup/x.ts', "chrome.runtime.sendMessage({ type: 'status/refresh' });", 'through src/extension/browser.ts'],
  ])('%s with %s is refused (%s)', (file, source, problem) => {
    const found = check(file, source);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(file);
    expect(found[0]).toContain(problem);
  });

  it.each([
    ['src/card/x.ts', "import { BridgeError } from '../error';\nimport { hex } from '../bytes';"],
    ['src/card/x.ts', "import * as pkijs from 'pkijs';"],
    ['src/virtual/card/x.ts', "import { T1 } from '../../spec/t1';"],
    ['src/virtual/reader/x.ts', "import type { OpenReader } from '../../reader/types';\nimport { NoCardError } from '../../reader/errors';"],
    ['src/reader/ccid/x.ts', "import { HDR } from '../../spec/ccid';\nimport type { ApduTransport } from '../../card/index';"],
    ['src/spec/ccid.ts', "import { hex } from '../bytes';"],
    ['src/extension/background/x.ts', "import type { OpenReader } from '../../reader/types';\nimport { NoCardError } from '../../reader/errors';"],
    ['src/extension/reader-sources/x.ts', "import { openCcidReader } from '../../reader/ccid/index';"],
    ['src/virtual/pcsc/bridge.ts', "import { createConnection } from 'node:net';"],
    ['src/extension/x.ts', "import { parse } from '../page/protocol';\nimport { T1 } from '../reader/ccid/t1';"],
    ['src/page/client.ts', "import { MESSAGES } from './protocol';"],
    ['src/rules/x.ts', "// import { hex } from '../bytes';\n/* throw new Error('no') */\nexport const url = 'https://example.jp/a';"],
    ['src/card/x.ts', "class E extends BridgeError {}\nthrow new E('coded');"],
    ['src/card/x.ts', "const q = /['\"]/;\nimport { hex } from '../bytes';\n// import { x } from '../extension/badge';"],
    ['src/extension/background/status/x.ts', "import { ReaderHolder } from '../session/index';\nimport { paintBadge } from './toolbar';"],
    ['src/extension/x.ts', "// chrome.storage.local is not used here\nconst origin = 'chrome-extension://id/';"],
  ])('%s with %j passes', (file, source) => {
    expect(check(file, source)).toEqual([]);
  });
});
