import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS, UI_TEXT, fill, pick, t, type UiKey } from '../../src/extension/i18n/index';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** Keys whose Japanese side is legitimately written in Latin letters. */
const LATIN_JA = new Set<UiKey>(['lang.switch', 'lang.switchLabel', 'os.windows', 'os.mac', 'os.linux']);
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the message catalogue', () => {
  const entries = Object.entries(UI_TEXT) as [UiKey, { ja: string; en: string }][];

  it.each(entries)('%s has both a Japanese and an English text', (key, text) => {
    expect(text.ja.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    if (!LATIN_JA.has(key)) expect(text.ja).toMatch(JAPANESE);
  });

  it.each(entries)('%s asks for the same values in both languages', (_key, text) => {
    expect(placeholders(text.ja)).toEqual(placeholders(text.en));
  });

  it('has no Japanese left in the English texts, except the bilingual virtual-reader mark and the way back to Japanese', () => {
    const allowed = new Set<UiKey>(['virtual.mark', 'lang.switch', 'lang.switchLabel']);
    const mixed = entries.filter(([k, v]) => !allowed.has(k) && JAPANESE.test(v.en));
    expect(mixed.map(([k]) => k)).toEqual([]);
  });

  it.each(Object.entries(ERROR_TEXTS))('error %s tells the holder what happened in both languages', (_code, e) => {
    expect(e.message.ja).toMatch(JAPANESE);
    expect(e.message.en.trim()).not.toBe('');
    if ('action' in e && e.action) {
      expect(e.action.ja).toMatch(JAPANESE);
      expect(e.action.en.trim()).not.toBe('');
    }
  });

  it('has every key the views build from a state name', () => {
    const built = [
      ...['error', 'warning', 'info'].map((s) => `severity.${s}`),
      ...['valid', 'renewal-open', 'expired', 'not-yet-valid'].map((s) => `cert.state.${s}`),
      ...['reader', 'card', 'certificate', 'pins', 'done', 'current', 'pending'].map((s) => `step.${s}`),
      ...['empty', 'format', 'no-such-day', 'out-of-range', 'save'].map((s) => `cardExpiry.error.${s}`),
      ...['ready', 'protected-class', 'os-busy', 'no-permission', 'unsupported', 'error'].map((s) => `paired.verdict.${s}`),
      ...['windows', 'mac', 'linux'].map((s) => `os.${s}`),
    ];
    expect(built.filter((k) => !(k in UI_TEXT))).toEqual([]);
  });
});

describe('t() and fill()', () => {
  it('fills values into the chosen language', () => {
    expect(t('ja', 'pin.remaining', { n: 2 })).toBe('残り2回');
    expect(t('en', 'pin.remainingLong', { n: 1, max: 3 })).toBe('1 of 3 tries left');
  });

  it('leaves a marker with no value visible, so a gap shows in review instead of reading "undefined"', () => {
    expect(fill('あと {n} 日', {})).toBe('あと {n} 日');
  });

  it('falls back to Japanese when a text has no English side', () => {
    expect(pick({ ja: '日本語のみ', en: '' }, 'en')).toBe('日本語のみ');
  });
});
