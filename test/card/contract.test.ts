/**
 * The card layer's and the virtual card's public contract, from issue 3 §2–§4: names and
 * shapes other layers and sites' tests rely on. Checked at type level (npm test's type
 * check) and by what each export is at run time.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as card from '../../src/card/index';
import type { ApduTransport, ParsedCertificate } from '../../src/card/index';
import * as virtual from '../../src/virtual/index';
import type { VirtualCardProfile, VirtualJpkiCard } from '../../src/virtual/index';

type Cert = 'auth' | 'auth-ca' | 'sign' | 'sign-ca';
type Pin = 'auth' | 'sign';
type Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
interface ContractProfile {
  holder?: { name: string; address: string; birthDate: string; sex: 'male' | 'female' | 'unknown' };
  issueDate?: string;
  pins?: { auth?: string; sign?: string };
  tries?: { auth?: number; sign?: number };
  signCertificate?: boolean;
  validity?: { auth?: { notBefore: string; notAfter: string }; sign?: { notBefore: string; notAfter: string } };
}

describe('JpkiCard keeps the contract of issue 3 §2', () => {
  it('has each method with its parameters and result', () => {
    // Widened by issue 10 §4 (a CardChannel shared with the other applications' clients); a transport still works as before.
    expectTypeOf(card.JpkiCard).constructorParameters.toEqualTypeOf<[link: ApduTransport | card.CardChannel]>();
    expectTypeOf<card.JpkiCard['select']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<card.JpkiCard['tokenLabel']>().toEqualTypeOf<() => Promise<string>>();
    expectTypeOf<Parameters<card.JpkiCard['readCertificate']>>().toEqualTypeOf<[which: Cert]>();
    expectTypeOf<ReturnType<card.JpkiCard['readCertificate']>>().toExtend<Promise<Uint8Array>>();
    expectTypeOf<Parameters<card.JpkiCard['pinStatus']>>().toEqualTypeOf<[pin: Pin]>();
    expectTypeOf<Awaited<ReturnType<card.JpkiCard['pinStatus']>>>().toExtend<{ remaining: number; max: number; locked: boolean }>();
    // The options (the SFI forms a login's second session uses) are optional: the contract's callers are unchanged.
    expectTypeOf<Parameters<card.JpkiCard['verifyPin']>>().toEqualTypeOf<[pin: Pin, value: string, options?: { readonly bySfi?: boolean }]>();
    expectTypeOf<ReturnType<card.JpkiCard['verifyPin']>>().toEqualTypeOf<Promise<void>>();
    expectTypeOf<Parameters<card.JpkiCard['sign']>>().toEqualTypeOf<[key: Pin, hash: Hash, digest: Uint8Array, options?: { readonly bySfi?: boolean }]>();
    expectTypeOf<ReturnType<card.JpkiCard['sign']>>().toExtend<Promise<Uint8Array>>();
    expect(typeof card.JpkiCard).toBe('function');
  });

  it('throws errors that are classes with a stable code', () => {
    const codes: Record<string, string> = {
      NotJpkiCardError: 'not-jpki-card',
      SecurityStatusError: 'security-status',
      PinFormatError: 'pin-format',
      PinLockedError: 'pin-locked',
      FileNotFoundError: 'file-not-found',
      CertificateParseError: 'certificate-parse',
    };
    for (const [name, code] of Object.entries(codes)) {
      const Class = (card as unknown as Record<string, new (message: string) => { code: string; name: string }>)[name]!;
      const e = new Class('x');
      expect([e.name, e.code]).toEqual([name, code]);
    }
    const wrong = new card.WrongPinError('x', 2);
    expect([wrong.name, wrong.code, wrong.remaining]).toEqual(['WrongPinError', 'wrong-pin', 2]);
  });

  it('parseCertificate gives the fields issue 3 §3 lists', () => {
    expectTypeOf(card.parseCertificate).toEqualTypeOf<(der: Uint8Array) => ParsedCertificate>();
    expectTypeOf<ParsedCertificate>().toExtend<{
      subject: string; issuer: string; serialNumber: string; notBefore: Date; notAfter: Date; notAfterDate: string;
      keyUsage: readonly string[]; policies: readonly string[]; kind: 'auth' | 'sign' | 'other'; spki: Uint8Array;
      holder?: { name?: string; address?: string; birthDate?: string; sex?: 'male' | 'female' | 'unknown'; nameSubstitutes?: readonly boolean[]; addressSubstitutes?: readonly boolean[] };
    }>();
  });
});

describe('the virtual card keeps the contract of issue 3 §4', () => {
  it('is an ApduTransport with powerOn → ATR and powerOff, made by createVirtualCard(profile?)', async () => {
    expectTypeOf<VirtualJpkiCard>().toExtend<ApduTransport & { powerOn(): Uint8Array; powerOff(): void }>();
    expectTypeOf(virtual.createVirtualCard).toExtend<(profile?: ContractProfile) => Promise<VirtualJpkiCard>>();
    expectTypeOf<ContractProfile>().toExtend<VirtualCardProfile>();
    expectTypeOf(virtual.createTestCa).toExtend<() => Promise<unknown>>();
    const c = await virtual.createVirtualCard();
    expect(c).toBeInstanceOf(virtual.VirtualJpkiCard);
    c.powerOff();
    expect(c.powerOn()).toBeInstanceOf(Uint8Array);
  });
});
