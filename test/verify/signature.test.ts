/**
 * verifySignature over hashes a virtual My Number Card's signing key signed through
 * JpkiCard, next to the near-misses: another document, the authentication key, a
 * foreign root, outside the term, a signature of the wrong length.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { JpkiCard, parseCertificate } from '../../src/card/index';
import {
  CertificateExpiredError, CertificateNotYetValidError, CertificatePurposeError, CertificateUntrustedError,
  SignatureInvalidError, VerifyArgumentError, verifySignature, type SignatureHash, type VerifySignatureRequest,
} from '../../src/verify/index';
import { createVirtualCard } from '../../src/virtual/index';
import { NOW, authAnchors, signCaAnchors } from './login-card';

const document = new TextEncoder().encode('確定申告書 令和7年分 — signed with the 署名用 key');

async function digest(hash: string, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, bytes.slice()));
}

let jpki: JpkiCard;
let signCertificate: Uint8Array;
let authCertificate: Uint8Array;
beforeAll(async () => {
  jpki = new JpkiCard(await createVirtualCard());
  authCertificate = await jpki.readCertificate('auth');
  await jpki.verifyPin('sign', 'ABC123');
  signCertificate = await jpki.readCertificate('sign');
});

async function signed(hashFunction: SignatureHash = 'SHA-256'): Promise<VerifySignatureRequest> {
  const hash = await digest(hashFunction, document);
  await jpki.verifyPin('sign', 'ABC123');
  const signature = await jpki.sign('sign', hashFunction, hash);
  return { certificate: signCertificate, hash, hashFunction, signature, trustAnchors: await signCaAnchors(), now: NOW };
}

describe('a signature from the signing key', () => {
  it.each(['SHA-256', 'SHA-384', 'SHA-512'] as const)('over a %s hash verifies and names the holder', async (hashFunction) => {
    const request = await signed(hashFunction);
    const result = await verifySignature(request);
    expect(result.hashFunction).toBe(hashFunction);
    expect(result.holder).toMatchObject({ name: '試験　太郎', birthDate: '1980-02-17' });
    // The same bytes WebCrypto accepts as an ordinary signature over the document.
    const key = await crypto.subtle.importKey('spki', parseCertificate(signCertificate).spki, { name: 'RSASSA-PKCS1-v1_5', hash: hashFunction }, false, ['verify']);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, request.signature.slice(), document.slice())).toBe(true);
  });

  it('fails with signature-invalid for the hash of another document', async () => {
    const request = await signed();
    const other = await digest('SHA-256', new TextEncoder().encode('another document'));
    await expect(verifySignature({ ...request, hash: other })).rejects.toThrow(SignatureInvalidError);
  });

  it('fails with signature-invalid when any one bit of the signature is flipped', async () => {
    const request = await signed();
    await fc.assert(fc.asyncProperty(fc.nat(255), fc.nat(7), async (at, bit) => {
      const signature = request.signature.slice();
      signature[at]! ^= 1 << bit;
      await expect(verifySignature({ ...request, signature })).rejects.toThrow(SignatureInvalidError);
    }), { numRuns: 40 });
  });

  it.each([
    ['255 bytes long', (s: Uint8Array) => s.slice(1)],
    ['257 bytes long', (s: Uint8Array) => Uint8Array.of(0, ...s)],
    ['all zero', () => new Uint8Array(256)],
    ['larger than the modulus', () => new Uint8Array(256).fill(0xff)],
  ])('fails with signature-invalid when the signature is %s', async (_, change) => {
    const request = await signed();
    await expect(verifySignature({ ...request, signature: change(request.signature) })).rejects.toThrow(SignatureInvalidError);
  });

  it.each([
    ['a SHA-256 hash declared as SHA-384', { hashFunction: 'SHA-384' }],
    ['SHA-1', { hashFunction: 'SHA-1' }],
    ['a hash that is text', { hash: 'abc' }],
    ['a signature that is text', { signature: 'abc' }],
    ['intermediates that are not certificates', { intermediates: [new Uint8Array(4)] }],
  ])('refuses %s with verify-argument', async (_, over) => {
    const request = { ...(await signed()), ...over } as VerifySignatureRequest;
    await expect(verifySignature(request)).rejects.toThrow(VerifyArgumentError);
  });
});

describe('a signature the site must not accept although the bytes match', () => {
  it('from the authentication key is certificate-purpose (no nonRepudiation)', async () => {
    const hash = await digest('SHA-256', document);
    await jpki.verifyPin('auth', '1234');
    const signature = await jpki.sign('auth', 'SHA-256', hash);
    const failure = verifySignature({ certificate: authCertificate, hash, hashFunction: 'SHA-256', signature, trustAnchors: await authAnchors(), now: NOW });
    await expect(failure).rejects.toThrow(CertificatePurposeError);
  });

  it('under a root the site does not trust is certificate-untrusted', async () => {
    await expect(verifySignature({ ...(await signed()), trustAnchors: await authAnchors() })).rejects.toThrow(CertificateUntrustedError);
  });

  it.each([
    ['after the certificate expired', '2030-02-18T00:00:00Z', CertificateExpiredError],
    ['before the certificate was issued', '2025-10-01T00:00:00Z', CertificateNotYetValidError],
  ] as const)('checked at an instant %s is refused', async (_, at, type) => {
    await expect(verifySignature({ ...(await signed()), now: new Date(at) })).rejects.toThrow(type);
  });
});
