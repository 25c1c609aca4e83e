import { describe, expect, it } from 'vitest';
import { assess } from '../../src/rules/index';
import { BADGE_COLORS, badgeFor } from '../../src/extension/badge';
import type { StatusSnapshot } from '../../src/extension/status-model';

const TODAY = '2026-11-27';
const cert = (issued: string, expiry: string) => ({ notBefore: new Date(`${issued}T00:00:00+09:00`), notAfter: new Date(`${expiry}T23:59:59+09:00`) });
const ready = (facts: Parameters<typeof assess>[0]): StatusSnapshot => ({
  virtual: false,
  phase: 'ready',
  findings: assess(facts, TODAY),
  updatedAt: '2026-11-27T00:00:00Z',
});
const phase = (p: StatusSnapshot['phase'], extra: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  virtual: false,
  phase: p,
  findings: [],
  updatedAt: '2026-11-27T00:00:00Z',
  ...extra,
});

/** WCAG 2 relative luminance and contrast ratio. */
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (l + 0.05);
}

describe('the toolbar badge', () => {
  it.each([
    ['a healthy card', ready({ authCert: cert('2024-06-01', '2029-03-14'), pins: { auth: 3, sign: 5 } }), '✓', BADGE_COLORS.ok],
    ['a certificate in its renewal window', ready({ authCert: cert('2022-02-01', '2027-01-20') }), '!', BADGE_COLORS.warning],
    ['the signing PIN on its last try', ready({ pins: { auth: 3, sign: 1 } }), '!', BADGE_COLORS.warning],
    ['an expired certificate', ready({ authCert: cert('2021-10-10', '2026-10-31') }), '!!', BADGE_COLORS.error],
    ['a locked PIN beside a renewal window', ready({ authCert: cert('2022-02-01', '2027-01-20'), pins: { auth: 0 } }), '!!', BADGE_COLORS.error],
    ['only reduced tries (info)', ready({ pins: { auth: 2, sign: 5 } }), '✓', BADGE_COLORS.ok],
  ])('shows %s as %j', (_name, snapshot, text, color) => {
    expect(badgeFor(snapshot)).toMatchObject({ text, color });
  });

  it('names the worst finding in the title, in the holder language', () => {
    const s = ready({ authCert: cert('2021-10-10', '2026-10-31'), pins: { auth: 2 } });
    expect(badgeFor(s, 'ja').title).toContain(s.findings[0]?.text.ja);
    expect(badgeFor(s, 'en').title).toContain(s.findings[0]?.text.en);
    expect(badgeFor(s, 'en').title).toMatch(/^My Number Card Bridge — /);
  });

  it.each([
    ['no-reader', ''],
    ['no-card', ''],
    ['reading', '…'],
    ['reader-blocked', '?'],
    ['reader-busy', '?'],
    ['error', '?'],
  ] as const)('marks the %s phase with %j', (p, text) => {
    expect(badgeFor(phase(p)).text).toBe(text);
  });

  it('explains a reader problem with the background’s own words', () => {
    const s = phase('reader-blocked', { problem: { code: 'reader-protected-interface', message: { ja: '保護されたクラスです', en: 'protected class' } } });
    expect(badgeFor(s, 'ja').title).toContain('保護されたクラスです');
    expect(badgeFor(s, 'en').title).toContain('protected class');
  });

  it('is blank before the first status exists', () => {
    expect(badgeFor(undefined)).toEqual({ text: '', color: BADGE_COLORS.quiet, title: 'マイナンバーカード ブリッジ' });
  });

  it.each(Object.entries(BADGE_COLORS))('keeps white text readable on the %s colour (≥ 4.5:1)', (_name, hex) => {
    expect(contrastWithWhite(hex)).toBeGreaterThanOrEqual(4.5);
  });

  it('never shows the same mark for an error and a warning, so it reads without colour', () => {
    const error = badgeFor(ready({ pins: { auth: 0 } })).text;
    const warning = badgeFor(ready({ pins: { auth: 1 } })).text;
    expect(error).not.toBe(warning);
  });
});
