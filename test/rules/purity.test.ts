/**
 * Issue 2 §2: the rules core is pure TypeScript with no browser or Node APIs and no clock
 * reads — the caller passes "today". STYLE §15 says the same of src/card. The layer
 * imports are checked in test/architecture.test.ts; this checks what a file can reach
 * without importing anything: the wall clock and the host's globals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, 'reads the clock (Date.now)'],
  [/\bnew Date\s*\(\s*\)/, 'reads the clock (new Date())'],
  [/\bperformance\s*\.\s*now\b/, 'reads the clock (performance.now)'],
  [/\bIntl\s*\./, 'depends on the host time zone or locale (Intl)'],
  [/\b(window|document|chrome|navigator|process|Buffer|require)\b\s*[.(]/, 'uses a browser or Node global'],
  [/\bglobalThis\b/, 'reaches the host through globalThis'],
];

function sources(dir: string): string[] {
  const url = new URL(`../../src/${dir}/`, import.meta.url);
  return readdirSync(url).filter((f) => f.endsWith('.ts')).map((f) => `src/${dir}/${f}`);
}

describe('the rules core and the card layer read no clock and no host API', () => {
  it.each([...sources('rules'), ...sources('card')])('%s', (file) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const found = FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, why]) => why);
    expect(found).toEqual([]);
  });
});
