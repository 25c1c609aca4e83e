/**
 * One voice (issue 13 §3): the glossary in docs/ui.md, enforced on every message
 * catalogue the resident reads — the views' (i18n/ui.ts), the errors' (i18n/errors.ts)
 * and the rules core's (src/rules/texts.ts, pins.ts, assess.ts). A forbidden variant
 * fails with the key or line it is in, so the fix is one edit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS, UI_TEXT } from '../../src/extension/i18n/index';
import { noBreakPieces } from '../../src/extension/ui/no-break';

interface Rule {
  readonly bad: RegExp;
  readonly use: string;
}

/** The glossary's "not this" column (docs/ui.md, "One voice"). */
const JA: readonly Rule[] = [
  { bad: /まちが[えう]/, use: '間違える' },
  { bad: /署名用(?:電子証明書の)?暗証番号/, use: '署名用パスワード（署名用電子証明書のパスワード）' },
  { bad: /利用者証明用(?:電子証明書の)?パスワード/, use: '利用者証明用暗証番号' },
  { bad: /～/, use: '〜 (U+301C) in ranges: 6〜16文字' },
  { bad: /(?:あと|残り|全)[ 　]+\d|\d[ 　]+(?:回|日|件|桁|文字|歳)/, use: 'no space around a counter: あと1回, 残り3回' },
  { bad: /\beTax\b|E-Tax|e-tax/, use: 'e-Tax' },
  { bad: /区役所|市区町村役場/, use: '市役所・各支所の窓口' },
];
const EN: readonly Rule[] = [
  { bad: /user-authentication|digital-signature|signature certificate/i, use: 'authentication certificate / signing certificate' },
  { bad: /signing PIN|signature password|auth PIN\b/i, use: 'authentication PIN / signing password' },
  { bad: /city office|municipal office|ward office/i, use: 'town office' },
  { bad: /Myna ?Portal\b|MynaPortal/, use: 'Mynaportal' },
  { bad: /\beTax\b|E-Tax|e-tax/, use: 'e-Tax' },
  { bad: /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/, use: 'dates as "14 Mar 2029" (only input examples show YYYY-MM-DD)' },
];
/** Input examples: they show what may be typed, not a date being told. */
const INPUT_EXAMPLES = new Set(['cardExpiry.hint', 'cardExpiry.error.format']);
type Entry = readonly [where: string, ja: string, en: string];

function catalogueEntries(): Entry[] {
  const ui = Object.entries(UI_TEXT).map(([k, v]): Entry => [`ui ${k}`, v.ja, v.en]);
  const errors = Object.entries(ERROR_TEXTS).flatMap(([code, e]): Entry[] => [
    [`errors ${code}.message`, e.message.ja, e.message.en],
    ...('action' in e && e.action ? [[`errors ${code}.action`, e.action.ja, e.action.en] as Entry] : []),
  ]);
  return [...ui, ...errors];
}

/** The rules core's texts are built by functions: its string literals, comments removed. */
function sourceLiterals(path: string): Entry[] {
  const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/\s\/\/ .*$/gm, '');
  const out: Entry[] = [];
  for (const m of code.matchAll(/ja:\s*[`'"]([^`'"]*)[`'"][\s\S]*?en:\s*[`'"]((?:[^`'"\\]|\\.)*)[`'"]/g)) {
    out.push([`${path} «${(m[1] ?? '').slice(0, 24)}»`, m[1] ?? '', m[2] ?? '']);
  }
  return out;
}

const ALL: Entry[] = [
  ...catalogueEntries(),
  ...['src/rules/texts.ts', 'src/rules/pins.ts', 'src/rules/assess.ts'].flatMap(sourceLiterals),
];

describe('one voice across the catalogues (docs/ui.md glossary)', () => {
  it('reads every catalogue (the scan is not empty)', () => {
    expect(ALL.length).toBeGreaterThan(200);
    expect(ALL.some(([w]) => w.startsWith('src/rules/texts.ts'))).toBe(true);
  });

  it('uses no forbidden Japanese variant', () => {
    const found = ALL.flatMap(([where, ja]) => JA.filter((r) => r.bad.test(ja)).map((r) => `${where}: "${ja.match(r.bad)?.[0]}" → ${r.use}`));
    expect(found).toEqual([]);
  });

  it('uses no forbidden English variant', () => {
    const found = ALL.filter(([where]) => !INPUT_EXAMPLES.has(where.replace(/^ui /, ''))).flatMap(([where, , en]) =>
      EN.filter((r) => r.bad.test(en)).map((r) => `${where}: "${en.match(r.bad)?.[0]}" → ${r.use}`),
    );
    expect(found).toEqual([]);
  });

  it('keeps every range, product name, phone number and counter of the catalogues on one line', () => {
    const MUST_STAY_WHOLE = [/\d+[〜–]\d+(?:文字)?/g, /SCR\d+(?:-[A-Za-z]+)+/g, /RC-S\d{3}/g, /セブン-イレブン/g, /0120-\d{2}-\d{4}/g, /あと\d+回/g, /[0-9A-F]{4}:[0-9A-F]{4}/g];
    const split: string[] = [];
    for (const [where, ja, en] of ALL) {
      for (const text of [ja, en]) {
        const kept = noBreakPieces(text).filter((p) => p.keep).map((p) => p.text);
        for (const re of MUST_STAY_WHOLE) {
          for (const m of text.matchAll(re)) if (!kept.some((k) => k.includes(m[0]))) split.push(`${where}: ${m[0]}`);
        }
      }
    }
    expect(split).toEqual([]);
  });
});
