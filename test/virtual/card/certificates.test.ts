/**
 * The test CA and the certificates it puts on the card (jpki-protocol §5, §6; rules X1–X3),
 * read back with pkijs and with the card layer's parseCertificate.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hex } from '../../../src/bytes';
import { parseCertificate } from '../../../src/card/certificate';
import { OID } from '../../../src/card/oids';
import { createTestCa, createVirtualCard, type TestCa, type VirtualJpkiCard } from '../../../src/virtual/index';
import { birthDateField } from '../../../src/virtual/card/holder-fields';

const engine = new pkijs.CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto });

function parse(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(der.slice());
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension {
  const e = cert.extensions?.find((x) => x.extnID === oid);
  if (e === undefined) throw new TypeError(`no extension ${oid}`);
  return e;
}

function extensionValueHex(cert: pkijs.Certificate, oid: string): string {
  return hex(extension(cert, oid).extnValue.valueBlock.valueHexView);
}

function names(rdn: pkijs.RelativeDistinguishedNames): string[] {
  return rdn.typesAndValues.map((tv) => `${tv.type}=${String(tv.value.valueBlock.value)}`);
}

let ca: TestCa;
let card: VirtualJpkiCard;
beforeAll(async () => {
  ca = await createTestCa();
  card = await createVirtualCard();
});

describe('the test CA roots', () => {
  it.each(['auth', 'sign'] as const)('the %s root is self-signed sha256WithRSA RSA-2048, CA:TRUE critical, certSign+cRLSign critical', async (which) => {
    const root = parse(which === 'auth' ? ca.authCaCertificate : ca.signCaCertificate);
    expect(root.signatureAlgorithm.algorithmId).toBe(OID.sha256WithRSAEncryption);
    expect(await root.verify(undefined, engine)).toBe(true);
    expect(root.subjectPublicKeyInfo.parsedKey).toBeDefined();
    expect(extension(root, OID.basicConstraints).critical).toBe(true);
    expect(extensionValueHex(root, OID.basicConstraints)).toBe('30 03 01 01 FF');
    expect(extension(root, OID.keyUsage).critical).toBe(true);
    expect(extensionValueHex(root, OID.keyUsage)).toBe('03 02 01 06');
  });

  it('says TEST in every name, so nobody mistakes it for J-LIS', () => {
    for (const der of [ca.authCaCertificate, ca.signCaCertificate]) {
      expect(names(parse(der).subject).join(',')).toMatch(/TEST CA - NOT TRUSTED.*TEST JPKI for (user authentication|digital signature)/);
    }
  });

  it('is the same, byte for byte, every time', async () => {
    expect(await createTestCa()).toBe(ca);
    expect((await createVirtualCard()).certificates.auth).toEqual(card.certificates.auth);
  });
});

describe('the authentication certificate', () => {
  it('chains to the auth root and carries no personal data: subject C=JP and an opaque 23-character CN', async () => {
    const cert = parse(card.certificates.auth);
    expect(await cert.verify(parse(ca.authCaCertificate), engine)).toBe(true);
    const subject = names(cert.subject);
    expect(subject).toHaveLength(2);
    expect(subject[0]).toBe('2.5.4.6=JP');
    expect(subject[1]).toMatch(/^2\.5\.4\.3=[0-9A-Z]{23}$/);
    expect(cert.extensions?.some((e) => e.extnID === OID.subjectAltName)).toBe(false);
  });

  it('has keyUsage critical digitalSignature (03 02 07 80), the auth policy and the issuerAltName', () => {
    const cert = parse(card.certificates.auth);
    expect(extension(cert, OID.keyUsage).critical).toBe(true);
    expect(extensionValueHex(cert, OID.keyUsage)).toBe('03 02 07 80');
    const policies = pkijs.CertificatePolicies.fromBER(extension(cert, OID.certificatePolicies).extnValue.valueBlock.valueHexView.slice());
    expect(policies.certificatePolicies.map((p) => p.policyIdentifier)).toEqual([OID.policyAuth]);
    const ian = pkijs.GeneralNames.fromBER(extension(cert, OID.issuerAltName).extnValue.valueBlock.valueHexView.slice());
    expect(ian.names[0]!.type).toBe(4);
    expect(names(ian.names[0]!.value as pkijs.RelativeDistinguishedNames)).toEqual(['2.5.4.6=JP', '2.5.4.10=公的個人認証サービス（試験用）']);
  });

  it('runs from 00:00 JST on the issue date to 23:59:59 JST on the 5th birthday after it (2025-10-27 → 2030-02-17, rules X3)', () => {
    const cert = parse(card.certificates.auth);
    expect(cert.notBefore.value.toISOString()).toBe('2025-10-26T15:00:00.000Z');
    expect(cert.notAfter.value.toISOString()).toBe('2030-02-17T14:59:59.000Z');
  });
});

describe('the signing certificate', () => {
  it('chains to the sign root; its subject is C=JP, L=<locality>, CN=<opaque>', async () => {
    const cert = parse(card.certificates.sign!);
    expect(await cert.verify(parse(ca.signCaCertificate), engine)).toBe(true);
    expect(names(cert.subject)).toEqual(['2.5.4.6=JP', '2.5.4.7=Chiyoda-ku', expect.stringMatching(/^2\.5\.4\.3=[0-9A-Z]{23}$/)]);
  });

  it('has keyUsage critical digitalSignature+nonRepudiation (03 02 06 C0) and the sign policy with the CPS URI', () => {
    const cert = parse(card.certificates.sign!);
    expect(extension(cert, OID.keyUsage).critical).toBe(true);
    expect(extensionValueHex(cert, OID.keyUsage)).toBe('03 02 06 C0');
    const policies = pkijs.CertificatePolicies.fromBER(extension(cert, OID.certificatePolicies).extnValue.valueBlock.valueHexView.slice());
    expect(policies.certificatePolicies[0]!.policyIdentifier).toBe(OID.policySign);
    expect(policies.certificatePolicies[0]!.policyQualifiers![0]!.qualifier.valueBlock.value).toBe('http://www.jpki.go.jp/cps.html');
  });

  it('lists the holder otherNames as UTF8String in the real order .1 .4 .3 .5 .2 .6', () => {
    const san = asn1js.fromBER(extension(parse(card.certificates.sign!), OID.subjectAltName).extnValue.valueBlock.valueHexView.slice());
    const entries = (san.result as asn1js.Sequence).valueBlock.value.map((n) => {
      const [oid, wrapped] = (n as asn1js.Constructed).valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Constructed];
      const value = wrapped.valueBlock.value[0] as asn1js.Utf8String;
      expect(value).toBeInstanceOf(asn1js.Utf8String);
      return [oid.valueBlock.toString(), value.valueBlock.value];
    });
    expect(entries).toEqual([
      [OID.sanName, '試験　太郎'],
      [OID.sanBirthDate, '319800217'],
      [OID.sanSex, '1'],
      [OID.sanAddress, '東京都千代田区試験町一丁目２番３号'],
      [OID.sanNameSubstitutes, '00000'],
      [OID.sanAddressSubstitutes, '0'.repeat(17)],
    ]);
  });
});

describe('the card layer reads them (src/card/certificate.ts)', () => {
  it('parses the authentication certificate as kind auth, no holder, notAfterDate 2030-02-17', () => {
    const c = parseCertificate(card.certificates.auth);
    expect(c.kind).toBe('auth');
    expect(c.holder).toBeUndefined();
    expect(c.notAfterDate).toBe('2030-02-17');
    expect(c.keyUsage).toEqual(['digitalSignature']);
  });

  it('parses the signing certificate with the holder data from the SAN', () => {
    const c = parseCertificate(card.certificates.sign!);
    expect(c.kind).toBe('sign');
    expect(c.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(c.holder).toMatchObject({ name: '試験　太郎', birthDate: '1980-02-17', birthEra: 3, sex: 'male', address: '東京都千代田区試験町一丁目２番３号' });
  });

  it('parses the roots as other', () => {
    expect(parseCertificate(card.certificates.authCa).kind).toBe('other');
    expect(parseCertificate(card.certificates.signCa).kind).toBe('other');
  });
});

describe('the birth date field EYYYYMMDD', () => {
  it.each([
    ['1912-07-29', '119120729'],
    ['1912-07-30', '219120730'],
    ['1926-12-24', '219261224'],
    ['1926-12-25', '319261225'],
    ['1989-01-07', '319890107'],
    ['1989-01-08', '419890108'],
    ['2019-04-30', '420190430'],
    ['2019-05-01', '520190501'],
    ['1850-01-01', '018500101'],
  ])('writes %s as %s (era digit, then the Gregorian date)', (date, field) => {
    expect(birthDateField(date)).toBe(field);
  });
});
