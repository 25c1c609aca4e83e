/**
 * The virtual card ships in the extension's virtual build: its sources must import no
 * Node module and reach WebCrypto only through globalThis.crypto (DESIGN layer rules).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../../src/virtual/card/', import.meta.url);
const sources = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

describe('the virtual card sources', () => {
  it.each(sources)('%s imports no Node module and only src/card, src/rules and the ground floor (bytes, config, deadline, error, wire-log)', (file) => {
    const text = readFileSync(new URL(file, DIR), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports) {
      expect(spec).not.toMatch(/^node:|^(fs|path|crypto|buffer|os)$/);
      if (spec.startsWith('../../')) expect(spec).toMatch(/^\.\.\/\.\.\/(card|rules)\/|^\.\.\/\.\.\/(bytes|wire-log|config|error|deadline)$/);
    }
    expect(text).not.toMatch(/\bBuffer\b|\brequire\(/);
  });

  it('keeps each file near 300 lines at most', () => {
    for (const file of sources.filter((f) => f !== 'test-keys.ts')) {
      expect(readFileSync(new URL(file, DIR), 'utf8').split('\n').length, file).toBeLessThanOrEqual(300);
    }
  });
});
