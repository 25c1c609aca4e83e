/**
 * createVirtualCard(profile) and the named profiles of the extension's virtual build:
 * defaults, overrides, refusals, and that each named profile shows its situation to the
 * rules core on any day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../../src/card/certificate';
import { assess, type FindingCode } from '../../../src/rules/index';
import {
  CARD_PROFILE_NAMES, createVirtualCard, namedCardProfile, VirtualCardProfileError, type CardProfileName, type VirtualJpkiCard,
} from '../../../src/virtual/index';
import { selectEf, SELECT_JPKI, sws, tx, verifyCommand } from './helpers';

async function findings(card: VirtualJpkiCard, today: string): Promise<FindingCode[]> {
  const validity = (der: Uint8Array | undefined) => {
    if (der === undefined) return null;
    const c = parseCertificate(der);
    return { notBefore: c.notBefore, notAfter: c.notAfter };
  };
  return assess({
    authCert: validity(card.certificates.auth),
    signCert: validity(card.certificates.sign),
    pins: { auth: card.pinTries('auth')?.remaining, sign: card.pinTries('sign')?.remaining },
  }, today).map((f) => f.code);
}

describe('createVirtualCard defaults', () => {
  it('makes a healthy adult card: PIN 1234, password ABC123, 3 and 5 tries, both certificates', async () => {
    const card = await createVirtualCard();
    expect(await sws(card, SELECT_JPKI, selectEf('0018'), '00 20 00 80', verifyCommand('1234'), selectEf('001B'), '00 20 00 80', verifyCommand('ABC123')))
      .toEqual(['90 00', '90 00', '63 C3', '90 00', '90 00', '63 C5', '90 00']);
    expect(card.certificates.sign).toBeDefined();
    expect(parseCertificate(card.certificates.auth).notBefore.toISOString()).toBe('2025-10-26T15:00:00.000Z');
  });

  it('takes the PINs, tries and key set it is given', async () => {
    const card = await createVirtualCard({ pins: { auth: '9876', sign: 'PASSWORD1' }, tries: { auth: 2, sign: 1 }, keySet: 2 });
    expect(await sws(card, SELECT_JPKI, selectEf('0018'), '00 20 00 80', verifyCommand('9876'), selectEf('001B'), '00 20 00 80'))
      .toEqual(['90 00', '90 00', '63 C2', '90 00', '90 00', '63 C1']);
    const other = await createVirtualCard();
    expect(parseCertificate(card.certificates.auth).spki).not.toEqual(parseCertificate(other.certificates.auth).spki);
  });

  it('uses validity overrides as given, to make expired or future certificates', async () => {
    const card = await createVirtualCard({ validity: { sign: { notBefore: '2019-01-01T00:00:00+09:00', notAfter: '2024-01-01T23:59:59+09:00' } } });
    expect(parseCertificate(card.certificates.sign!).notAfterDate).toBe('2024-01-01');
    expect(parseCertificate(card.certificates.auth).notAfterDate).toBe('2030-02-17');
  });

  it('writes the holder it is given into the signing certificate', async () => {
    const holder = { name: '山田　花子', address: '大阪府大阪市北区中之島一丁目３番２０号', birthDate: '1990-06-30', sex: 'female' as const, locality: 'Osaka-shi' };
    const c = parseCertificate((await createVirtualCard({ holder, issueDate: '2024-04-01' })).certificates.sign!);
    expect(c.holder).toMatchObject({ name: holder.name, address: holder.address, birthDate: holder.birthDate, sex: 'female', birthEra: 4 });
    expect(c.subject).toContain('Osaka-shi');
    expect(c.notAfterDate).toBe('2028-06-30'); // issued 2024-04-01: the 5th birthday after is in 2028
  });
});

describe('a holder under 15', () => {
  it('gets no signing certificate by default; its EF, key and password IEF are absent and EF 0008 says so', async () => {
    const card = await createVirtualCard({ holder: { name: '試験　次郎', address: '東京都', birthDate: '2015-05-05', sex: 'male' }, issueDate: '2025-01-10' });
    expect(card.certificates.sign).toBeUndefined();
    expect(card.pinTries('sign')).toBeUndefined();
    expect(await sws(card, SELECT_JPKI, selectEf('0001'), selectEf('001A'), selectEf('001B'), '00 20 00 9B', '80 2A 00 9A 01 00 00'))
      .toEqual(['90 00', '6A 82', '6A 82', '6A 82', '6A 88', '6A 88']);
    expect(await sws(card, selectEf('0008'))).toEqual(['90 00']);
    expect(await tx(card, '00 B0 00 00 03')).toBe('00 8F 00 90 00');
  });

  it('still has the authentication certificate, ending on the 5th birthday after issue', async () => {
    const card = await createVirtualCard({ holder: { name: '試験　次郎', address: '東京都', birthDate: '2015-05-05', sex: 'male' }, issueDate: '2025-01-10' });
    expect(parseCertificate(card.certificates.auth).notAfterDate).toBe('2029-05-05');
  });
});

describe('profiles the card refuses', () => {
  it.each([
    ['an impossible issue date', { issueDate: '2025-02-30' }],
    ['an issue date before birth', { issueDate: '1970-01-01' }],
    ['four tries for the authentication PIN', { tries: { auth: 4 } }],
    ['negative tries', { tries: { sign: -1 } }],
    ['an empty PIN', { pins: { auth: '' } }],
    ['a 17-character password', { pins: { sign: 'A'.repeat(17) } }],
    ['a full-width PIN', { pins: { auth: '１２３４' } }],
    ['a key set the fixtures do not have', { keySet: 3 as 0 }],
    ['a validity that ends before it starts', { validity: { auth: { notBefore: '2025-01-02T00:00:00Z', notAfter: '2025-01-01T00:00:00Z' } } }],
    ['a validity that is not an instant', { validity: { auth: { notBefore: 'soon', notAfter: '2025-01-01T00:00:00Z' } } }],
  ])('refuses %s with VirtualCardProfileError', async (_n, profile) => {
    await expect(createVirtualCard(profile)).rejects.toBeInstanceOf(VirtualCardProfileError);
  });
});

describe('named profiles', () => {
  const expected: Record<CardProfileName, (codes: FindingCode[]) => void> = {
    healthy: (codes) => expect(codes).toEqual([]),
    'auth-renewal-window': (codes) => expect(codes).toContain('auth-cert-renewal-open'),
    'auth-expired': (codes) => expect(codes).toContain('auth-cert-expired'),
    'under-15': (codes) => expect(codes).toContain('sign-cert-absent'),
    'sign-last-try': (codes) => expect(codes).toContain('sign-pin-last-try'),
    'auth-locked': (codes) => expect(codes).toContain('auth-pin-locked'),
  };

  it('lists six names', () => {
    expect([...CARD_PROFILE_NAMES]).toEqual(['healthy', 'auth-renewal-window', 'auth-expired', 'under-15', 'sign-last-try', 'auth-locked']);
  });

  it.each(CARD_PROFILE_NAMES.flatMap((name) => ['2026-11-27', '2028-02-29', '2027-01-31', '2030-12-31'].map((today) => [name, today] as const)))(
    '%s on %s shows its situation to the rules core',
    async (name, today) => {
      const card = await createVirtualCard(namedCardProfile(name, today));
      expected[name](await findings(card, today));
    },
  );

  it('auth-renewal-window expires within three months of today; auth-expired before today', async () => {
    const inWindow = parseCertificate((await createVirtualCard(namedCardProfile('auth-renewal-window', '2026-11-27'))).certificates.auth);
    expect(inWindow.notAfterDate).toBe('2027-01-26');
    const expired = parseCertificate((await createVirtualCard(namedCardProfile('auth-expired', '2026-11-27'))).certificates.auth);
    expect(expired.notAfterDate).toBe('2026-10-28');
  });

  it('under-15 has no signing certificate; auth-locked answers 6984', async () => {
    expect((await createVirtualCard(namedCardProfile('under-15', '2026-11-27'))).certificates.sign).toBeUndefined();
    const locked = await createVirtualCard(namedCardProfile('auth-locked', '2026-11-27'));
    expect(await sws(locked, SELECT_JPKI, '00 20 00 98')).toEqual(['90 00', '69 84']);
  });

  it('refuses an unknown name or a malformed today with VirtualCardProfileError', () => {
    expect(() => namedCardProfile('broken', '2026-11-27')).toThrow(VirtualCardProfileError);
    expect(() => namedCardProfile('healthy', '2026-13-01')).toThrow(VirtualCardProfileError);
  });

  it('builds a valid profile for every name on any day from 2000 to 2090', () => {
    const day = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(fc.property(fc.constantFrom(...CARD_PROFILE_NAMES), day, (name, today) => {
      namedCardProfile(name, today);
    }), { numRuns: 300 });
  });
});
