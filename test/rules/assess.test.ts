import { describe, expect, it } from 'vitest';
import { assess, LOST_CARD_ADVICE, SEVERITY_ORDER, InvalidDateError, InvalidRuleInputError, type CardFacts, type Finding } from '../../src/rules/index';

// The real test card of facts X3: issued 2025-10-27 00:00 JST, notAfter 2030-02-17 23:59:59 JST.
const cert = { notBefore: new Date('2025-10-26T15:00:00Z'), notAfter: new Date('2030-02-17T14:59:59Z') };
const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);

describe('assess: the card', () => {
  const printed: CardFacts = { card: { expiry: '2030-05-10' } };
  it.each([
    ['2030-02-10', []],
    ['2030-02-11', ['card-renewal-open']], // window opens the day after 2030-02-10
    ['2030-05-10', ['card-renewal-open']], // valid through the expiry date
    ['2030-05-11', ['card-expired']],
  ])('printed expiry 2030-05-10, today %s → %j', (today, expected) => {
    expect(codes(assess(printed, today))).toEqual(expected);
  });

  it('says nothing about the card when nothing about it is known', () => {
    expect(assess({}, '2030-01-01')).toEqual([]);
    expect(assess({ birthDate: '1990-05-10' }, '2030-01-01')).toEqual([]);
    expect(assess({ card: { issueDate: '2020-03-01' } }, '2030-01-01')).toEqual([]);
  });

  it('computes the expiry from birth and issue dates and says it is computed', () => {
    const [f] = assess({ birthDate: '1990-05-10', card: { issueDate: '2020-03-01' } }, '2029-05-11');
    expect(f).toMatchObject({ code: 'card-expired', severity: 'error', subject: 'card', date: '2029-05-10' });
    expect(f?.text.ja).toContain('計算値');
    expect(f?.text.en).toContain('check the date printed on the card');
  });

  it('lets a printed expiry win over the computed one', () => {
    const facts: CardFacts = { birthDate: '1990-05-10', card: { issueDate: '2020-03-01', expiry: '2031-01-01' } };
    expect(assess(facts, '2029-06-01')).toEqual([]);
    // Also when the printed date is the earlier one, and then nothing is called computed.
    const earlier: CardFacts = { birthDate: '1990-05-10', card: { issueDate: '2020-03-01', expiry: '2028-01-01', stayExpiry: '2030-01-01' } };
    const [f] = assess(earlier, '2028-01-02');
    expect(f).toMatchObject({ code: 'card-expired', date: '2028-01-01' });
    expect(f?.text.ja).not.toContain('計算値');
  });

  it('tells a foreign resident to extend the card after the visa, with no notice coming', () => {
    const facts: CardFacts = { card: { expiry: '2026-06-30', stayExpiry: '2026-06-30' } };
    const [f] = assess(facts, '2026-05-01');
    expect(f?.code).toBe('card-renewal-open');
    expect(f?.action?.ja).toContain('在留期間');
    expect(f?.action?.en).toContain('No expiry notice');
  });

  it('warns from a stay expiry earlier than the printed date (design consequence 5)', () => {
    const facts: CardFacts = { card: { expiry: '2034-05-10', stayExpiry: '2026-06-30' } };
    expect(assess(facts, '2026-04-01')).toMatchObject([{ code: 'card-renewal-open', date: '2026-06-30' }]);
    expect(assess(facts, '2026-07-01')).toMatchObject([{ code: 'card-expired', date: '2026-06-30' }]);
  });

  it('mentions the health-insurance grace for three months after the card expires (E6)', () => {
    const facts: CardFacts = { card: { expiry: '2030-02-10' } };
    expect(assess(facts, '2030-05-31')[0]?.action?.ja).toContain('2030年5月31日');
    expect(assess(facts, '2030-06-01')[0]?.action?.ja).not.toContain('保険証');
  });
});

describe('assess: certificates are valid through their notAfter instant', () => {
  it.each([
    ['2025-10-26', 'auth-cert-not-yet-valid', 'warning'],
    ['2025-10-27', undefined, undefined],
    ['2029-11-17', undefined, undefined],
    ['2029-11-18', 'auth-cert-renewal-open', 'warning'],
    ['2030-02-17', 'auth-cert-renewal-open', 'warning'], // notAfter is 23:59:59 JST that day
    ['2030-02-18', 'auth-cert-expired', 'error'],
  ])('authentication certificate on %s → %s', (today, code, severity) => {
    const fs = assess({ authCert: cert }, today);
    expect(fs[0]?.code).toBe(code);
    expect(fs[0]?.severity).toBe(severity);
    if (code !== undefined) expect(fs[0]?.subject).toBe('auth-cert');
  });

  it.each([
    ['2025-10-26', 'sign-cert-not-yet-valid'],
    ['2029-11-18', 'sign-cert-renewal-open'],
    ['2030-02-18', 'sign-cert-expired'],
  ])('signing certificate on %s → %s', (today, code) => {
    expect(codes(assess({ signCert: cert }, today))).toEqual([code]);
  });

  it('reports a missing signing certificate as info, and explains it for a child under 15 (M1)', () => {
    const child = assess({ birthDate: '2015-04-01', signCert: null }, '2026-01-01');
    expect(child).toMatchObject([{ code: 'sign-cert-absent', severity: 'info', subject: 'sign-cert' }]);
    expect(child[0]?.text.ja).toContain('15歳未満');
    const adult = assess({ birthDate: '1990-04-01', signCert: null }, '2026-01-01');
    expect(adult[0]?.text.ja).not.toContain('15歳未満');
  });

  it('says nothing when a certificate is unknown, or when the card has no authentication certificate', () => {
    expect(assess({ authCert: null, signCert: undefined }, '2026-01-01')).toEqual([]);
  });
});

describe('assess: each certificate finding carries its date and tells the resident what to do', () => {
  it.each([
    ['2025-10-26', 'auth', 'auth-cert-not-yet-valid', '2025-10-27'], // the issue day it becomes valid
    ['2029-11-18', 'auth', 'auth-cert-renewal-open', '2030-02-17'], // the expiry it is about
    ['2030-02-18', 'auth', 'auth-cert-expired', '2030-02-17'],
    ['2025-10-26', 'sign', 'sign-cert-not-yet-valid', '2025-10-27'],
    ['2029-11-18', 'sign', 'sign-cert-renewal-open', '2030-02-17'],
    ['2030-02-18', 'sign', 'sign-cert-expired', '2030-02-17'],
  ] as const)('on %s the %s certificate gives %s dated %s (JST dates of notBefore / notAfter)', (today, kind, code, date) => {
    const [f] = assess(kind === 'auth' ? { authCert: cert } : { signCert: cert }, today);
    expect(f).toMatchObject({ code, date });
  });

  it('reads notAfter in JST: a notAfter of 00:30 JST on 18 Feb (still 17 Feb in UTC) keeps the certificate valid on 18 Feb', () => {
    const late = { notBefore: cert.notBefore, notAfter: new Date('2030-02-17T15:30:00Z') };
    expect(assess({ authCert: late }, '2030-02-18')).toMatchObject([{ code: 'auth-cert-renewal-open', date: '2030-02-18' }]);
    expect(assess({ authCert: late }, '2030-02-19')).toMatchObject([{ code: 'auth-cert-expired', date: '2030-02-18' }]);
  });

  it('a renewal window names the office and the day it opens, in Japanese and English (R1, E7)', () => {
    const [f] = assess({ authCert: cert }, '2029-12-01');
    expect(f?.action?.ja).toContain('市役所・各支所の窓口');
    expect(f?.action?.ja).toContain('2029年11月18日から');
    expect(f?.action?.en).toContain('From 18 Nov 2029');
    const [card] = assess({ card: { expiry: '2030-05-10' } }, '2030-03-01');
    expect(card?.action?.ja).toContain('2030年2月11日から市役所・各支所の窓口');
    expect(card?.action?.en).toContain('from 11 Feb 2030');
  });

  it('an expired certificate sends the resident to the office for a new one, free (E5, E7)', () => {
    const [f] = assess({ signCert: cert }, '2030-06-01');
    expect(f?.action?.ja).toContain('市役所・各支所の窓口');
    expect(f?.action?.ja).toContain('無料');
    expect(f?.action?.en).toContain('free of charge');
  });

  it('the lost-card advice gives the 24-hour hotline 0120-95-0178 in both languages (L5, H1)', () => {
    expect(LOST_CARD_ADVICE.ja).toContain('0120-95-0178');
    expect(LOST_CARD_ADVICE.ja).toContain('24時間');
    expect(LOST_CARD_ADVICE.en).toContain('0120-95-0178');
    expect(LOST_CARD_ADVICE.en).toContain('24 hours');
  });
});

describe('assess: PIN tries left', () => {
  it.each([
    ['auth', 3, undefined, undefined],
    ['auth', 2, 'auth-pin-tries-reduced', 'info'],
    ['auth', 1, 'auth-pin-last-try', 'warning'],
    ['auth', 0, 'auth-pin-locked', 'error'],
    ['sign', 5, undefined, undefined],
    ['sign', 4, 'sign-pin-tries-reduced', 'info'],
    ['sign', 2, 'sign-pin-tries-reduced', 'info'],
    ['sign', 1, 'sign-pin-last-try', 'warning'],
    ['sign', 0, 'sign-pin-locked', 'error'],
    ['assist', 3, undefined, undefined],
    ['assist', 2, 'assist-pin-tries-reduced', 'info'],
    ['assist', 1, 'assist-pin-last-try', 'warning'],
    ['assist', 0, 'assist-pin-locked', 'error'],
  ] as const)('%s with %i left → %s', (kind, left, code, severity) => {
    const fs = assess({ pins: { [kind]: left } }, '2026-01-01');
    expect(fs[0]?.code).toBe(code);
    expect(fs[0]?.severity).toBe(severity);
  });

  it('sends a locked certificate PIN to the office or to the app plus a store, with the other PIN (P5, P6)', () => {
    const [auth] = assess({ pins: { auth: 0 } }, '2026-01-01');
    expect(auth?.action?.ja).toContain('市役所・各支所の窓口');
    expect(auth?.action?.ja).toContain('顔写真');
    expect(auth?.action?.ja).toContain('署名用電子証明書のパスワード');
    const [sign] = assess({ pins: { sign: 0 } }, '2026-01-01');
    expect(sign?.action?.ja).toContain('利用者証明用電子証明書の暗証番号');
    expect(sign?.action?.en).toContain('Lawson');
  });

  it('sends a locked assist PIN only to the office (P6: never at a store)', () => {
    const [assist] = assess({ pins: { assist: 0 } }, '2026-01-01');
    expect(assist?.action?.ja).toContain('市役所・各支所の窓口');
    expect(assist?.action?.ja).not.toContain('コンビニ');
  });

  it.each([[-1], [4], [1.5], [Number.NaN]])('refuses %s tries left for the 3-try PIN with a coded error', (left) => {
    expect(() => assess({ pins: { auth: left } }, '2026-01-01')).toThrow(InvalidRuleInputError);
  });
});

describe('assess: the whole picture', () => {
  const facts: CardFacts = {
    birthDate: '1985-02-17',
    card: { expiry: '2030-02-17' },
    authCert: cert,
    signCert: cert,
    pins: { auth: 0, sign: 2, assist: 1 },
  };

  it('lists every finding, most severe first, each in Japanese and English', () => {
    const fs = assess(facts, '2030-01-10');
    expect(codes(fs)).toEqual([
      'auth-pin-locked',
      'card-renewal-open',
      'auth-cert-renewal-open',
      'sign-cert-renewal-open',
      'assist-pin-last-try',
      'sign-pin-tries-reduced',
    ]);
    const ranks = fs.map((f) => SEVERITY_ORDER.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const f of fs) {
      expect(f.text.ja).toMatch(/[ぁ-んァ-ヶ一-龥]/);
      expect(f.text.en).toMatch(/^[\x20-\x7e–’()（）・市役所各支窓口]+$/u);
      expect(f.action?.ja.length).toBeGreaterThan(0);
    }
  });

  it('is pure: the same facts and date give the same findings', () => {
    expect(assess(facts, '2030-01-10')).toEqual(assess(facts, '2030-01-10'));
  });

  it.each([['2030/01/10'], ['2030-1-10'], ['２０３０-０１-１０'], ['2030-02-30']])('refuses today=%s with InvalidDateError', (today) => {
    expect(() => assess(facts, today)).toThrow(InvalidDateError);
  });

  it('refuses a card expiry that is not a date', () => {
    expect(() => assess({ card: { expiry: '2030-13-01' } }, '2030-01-10')).toThrow(InvalidDateError);
  });

  it('refuses a certificate whose notAfter is an Invalid Date', () => {
    expect(() => assess({ authCert: { notBefore: cert.notBefore, notAfter: new Date(Number.NaN) } }, '2030-01-10')).toThrow(InvalidDateError);
  });
});
