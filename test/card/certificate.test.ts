/**
 * parseCertificate against certificates OpenSSL made (fixtures/make-fixtures.sh), so the
 * parser is checked against an encoder that is not ours; and against random and
 * mutated bytes, which must give CertificateParseError and nothing else.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, toArrayBuffer } from '../../src/bytes';
import { CertificateParseError, parseCertificate } from '../../src/card/index';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${name}.der`, import.meta.url)));
const sign = fixture('sign');
const auth = fixture('auth');
const ca = fixture('ca');

describe('parseCertificate reads a signing certificate', () => {
  const cert = parseCertificate(sign);

  it('gives subject, issuer and serial as strings', () => {
    expect(cert.subject).toBe('C=JP, L=Chiyoda-ku, CN=TEST0000sign0000000000001');
    expect(cert.issuer).toBe('C=JP, O=JPKI TEST, OU=Test CA for digital signature');
    expect(cert.serialNumber).toBe('0123ABCD');
  });

  it('gives the validity instants and notAfter as a JST date (23:59:59 JST stays on its day)', () => {
    expect(cert.notBefore.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(cert.notAfter.toISOString()).toBe('2030-02-17T14:59:59.000Z');
    expect(cert.notAfterDate).toBe('2030-02-17');
  });

  it('is a sign certificate from its policy, with digitalSignature + nonRepudiation', () => {
    expect(cert.kind).toBe('sign');
    expect(cert.policies).toEqual(['1.2.392.200149.8.5.1.1.20']);
    expect(cert.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(cert.signatureAlgorithm).toBe('1.2.840.113549.1.1.11');
  });

  it('reads the holder from the SAN otherNames by OID, in the order a real card uses', () => {
    expect(cert.holder).toEqual({
      name: '試験　花子',
      nameSubstitutes: [false, false, true, false, false],
      address: '東京都千代田区霞が関２－１－２',
      addressSubstitutes: new Array(15).fill(false),
      birthDateRaw: '419900102',
      birthEra: 4,
      birthDate: '1990-01-02',
      sexCode: '2',
      sex: 'female',
    });
  });

  it('keeps the DER it was given and the original to-be-signed bytes', () => {
    expect(cert.der).toEqual(sign);
    expect(cert.der).not.toBe(sign);
    expect(cert.tbs.length).toBeGreaterThan(0);
  });

  it('gives the SPKI as the bytes received, not a re-encoding', () => {
    expect(hex(cert.der)).toContain(hex(cert.spki));
    expect(cert.spki[0]).toBe(0x30);
  });

  it('gives an SPKI that WebCrypto imports as an RSA-2048 key', async () => {
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(cert.spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    expect((key.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(2048);
  });

  it('whose signature verifies with the CA key over the received to-be-signed bytes', async () => {
    const issuer = parseCertificate(ca);
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(issuer.spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    // The signature value is the BIT STRING at the end of the certificate: 256 bytes.
    const signature = cert.der.subarray(cert.der.length - 256);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), toArrayBuffer(cert.tbs))).toBe(true);
  });
});

describe('parseCertificate on the other certificates', () => {
  it('reads an authentication certificate: auth kind, digitalSignature only, no holder data', () => {
    const cert = parseCertificate(auth);
    expect(cert.kind).toBe('auth');
    expect(cert.keyUsage).toEqual(['digitalSignature']);
    expect(cert.holder).toBeUndefined();
  });

  it('reads a CA certificate as neither kind, with certSign and cRLSign', () => {
    const cert = parseCertificate(ca);
    expect(cert.kind).toBe('other');
    expect(cert.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
  });
});

describe('malformed input is CertificateParseError, never a crash', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['the certificate with FF padding after it', Uint8Array.from([...sign, 0xff, 0xff])],
    ['the certificate cut short', sign.subarray(0, sign.length - 1)],
    ['a bare SEQUENCE', Uint8Array.of(0x30, 0x00)],
  ])('%s', (_, bytes) => {
    expect(() => parseCertificate(bytes)).toThrow(CertificateParseError);
  });

  const parsesOrRefuses = (bytes: Uint8Array): void => {
    try {
      parseCertificate(bytes);
    } catch (e) {
      if (!(e instanceof CertificateParseError)) throw e;
    }
  };

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), parsesOrRefuses), { numRuns: 2000 });
  });

  it('random bytes behind a plausible SEQUENCE header', () => {
    const body = fc.uint8Array({ minLength: 128, maxLength: 1500 });
    fc.assert(fc.property(body, (b) => parsesOrRefuses(Uint8Array.from([0x30, 0x82, b.length >> 8, b.length & 0xff, ...b]))), { numRuns: 1000 });
  });

  it('valid certificates with bytes changed, removed or inserted', () => {
    const mutation = fc.record({
      which: fc.constantFrom(sign, auth, ca),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
      kind: fc.constantFrom('set', 'delete', 'insert'),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let bytes = Uint8Array.from(mutations[0]!.which);
        for (const m of mutations) {
          const i = m.at % bytes.length;
          if (m.kind === 'set') bytes[i] = m.value;
          else if (m.kind === 'delete') bytes = Uint8Array.from([...bytes.subarray(0, i), ...bytes.subarray(i + 1)]);
          else bytes = Uint8Array.from([...bytes.subarray(0, i), m.value, ...bytes.subarray(i)]);
        }
        parsesOrRefuses(bytes);
      }),
      { numRuns: 3000 },
    );
  });
});
