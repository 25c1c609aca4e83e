/**
 * verifyAuthToken against tokens a virtual My Number Card signs through JpkiCard: the
 * one that must pass, and next to it each near-miss a relying site must refuse with its
 * own code (replay for another site, another nonce, outside validity, foreign root,
 * signing certificate used to log in).
 */
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { hex } from '../../src/bytes';
import { JpkiCard, parseCertificate } from '../../src/card/index';
import {
  CertificateExpiredError, CertificateNotYetValidError, CertificatePurposeError, CertificateUntrustedError,
  SignatureInvalidError, encodeBase64, verifyAuthToken,
} from '../../src/verify/index';
import { createTestCa, createVirtualCard } from '../../src/virtual/index';
import { loadTestKey } from '../../src/virtual/card/keys';
import { authTokenSignedValue } from '../../src/verify/index';
import { NONCE, NOW, ORIGIN, authAnchors, loginToken, sha256, signCaAnchors } from './login-card';

const options = async (over: Partial<{ origin: string; nonce: string; now: Date; trustAnchors: Uint8Array[] }> = {}) => ({
  origin: ORIGIN, nonce: NONCE, now: NOW, trustAnchors: await authAnchors(), ...over,
});

describe('a login token from a My Number Card', () => {
  it('verifies for the site and nonce it was made for, and gives the certificate as received', async () => {
    const { token, certificate } = await loginToken();
    const login = await verifyAuthToken(token, await options());
    const parsed = parseCertificate(certificate);
    expect(login.subject).toBe(parsed.subject);
    expect(login.subject).toMatch(/^C=JP, CN=/);
    expect(hex(login.certificate)).toBe(hex(certificate));
    expect(login.notBefore.toISOString()).toBe('2025-10-26T15:00:00.000Z');
    expect(login.notAfter.toISOString()).toBe('2030-02-17T14:59:59.000Z');
    expect(login.holder).toBeUndefined();
    expect(login.format).toBe('web-eid:1.0');
  });

  it('verifies the same token given as the JSON text the page posted', async () => {
    const { token } = await loginToken();
    await expect(verifyAuthToken(JSON.stringify(token), await options())).resolves.toMatchObject({ serialNumber: expect.any(String) });
  });

  it('accepts a later 1.x format with extra fields (web-eid:1.1 adds the signing certificates)', async () => {
    const { token } = await loginToken();
    const later = { ...token, format: 'web-eid:1.1', unverifiedSigningCertificates: [] };
    await expect(verifyAuthToken(later, await options())).resolves.toMatchObject({ format: 'web-eid:1.1' });
  });

  it('verifies on a port other than 443', async () => {
    const origin = 'https://localhost:8443';
    const { token } = await loginToken(origin);
    await expect(verifyAuthToken(token, await options({ origin }))).resolves.toBeDefined();
  });
});

describe('a login token used where it was not made for', () => {
  it.each([
    ['another site', { origin: 'https://phishing.example.jp' }],
    ['the same host on another port', { origin: 'https://login.example.go.jp:8443' }],
    ['another nonce', { nonce: 'Z'.repeat(44) }],
  ])('fails with signature-invalid when replayed for %s', async (_, over) => {
    const { token } = await loginToken();
    const failure = verifyAuthToken(token, await options(over));
    await expect(failure).rejects.toThrow(SignatureInvalidError);
    await expect(failure).rejects.toMatchObject({ code: 'signature-invalid' });
  });

  it('fails with signature-invalid when one bit of the signature is flipped', async () => {
    const { token } = await loginToken();
    const signature = Uint8Array.from(atob(token.signature), (c) => c.charCodeAt(0));
    signature[100]! ^= 0x01;
    await expect(verifyAuthToken({ ...token, signature: encodeBase64(signature) }, await options())).rejects.toThrow(SignatureInvalidError);
  });

  it('fails with signature-invalid when the card signed the same value under SHA-512 instead of RS256\'s SHA-256', async () => {
    const { token } = await loginToken();
    const jpki = new JpkiCard(await createVirtualCard());
    await jpki.verifyPin('auth', '1234');
    const value = await authTokenSignedValue(ORIGIN, NONCE);
    const signature = await jpki.sign('auth', 'SHA-512', new Uint8Array(await crypto.subtle.digest('SHA-512', value.slice())));
    await expect(verifyAuthToken({ ...token, signature: encodeBase64(signature) }, await options())).rejects.toThrow(SignatureInvalidError);
  });

  it('fails with signature-invalid when another card signed for this certificate', async () => {
    const { token } = await loginToken();
    const other = await loginToken(ORIGIN, NONCE, { keySet: 1 });
    await expect(verifyAuthToken({ ...token, signature: other.token.signature }, await options())).rejects.toThrow(SignatureInvalidError);
  });
});

describe('a login token outside its certificate\'s term', () => {
  it.each([
    ['a millisecond before notBefore', '2025-10-26T14:59:59.999Z', CertificateNotYetValidError, 'certificate-not-yet-valid'],
    ['a millisecond after notAfter', '2030-02-17T14:59:59.001Z', CertificateExpiredError, 'certificate-expired'],
    ['years after notAfter', '2031-01-01T00:00:00Z', CertificateExpiredError, 'certificate-expired'],
  ] as const)('is refused %s', async (_, at, type, code) => {
    const { token } = await loginToken();
    const failure = verifyAuthToken(token, await options({ now: new Date(at) }));
    await expect(failure).rejects.toThrow(type);
    await expect(failure).rejects.toMatchObject({ code });
  });

  it.each(['2025-10-26T15:00:00.000Z', '2030-02-17T14:59:59.000Z'])('is accepted exactly at the edge %s', async (at) => {
    const { token } = await loginToken();
    await expect(verifyAuthToken(token, await options({ now: new Date(at) }))).resolves.toBeDefined();
  });
});

/** A root with the test auth CA's very name and extensions but another key: JPKI roots of every generation share a DN. */
async function lookAlikeRoot(): Promise<Uint8Array> {
  const root = pkijs.Certificate.fromBER((await createTestCa()).authCaCertificate.slice());
  const key = await loadTestKey('card2Auth');
  root.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(key.spki.slice());
  await root.sign(key.privateKey, 'SHA-256', new pkijs.CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto }));
  return new Uint8Array(root.toSchema(true).toBER(false));
}

describe('a login token whose certificate the site does not trust', () => {
  it('is refused with certificate-untrusted when only the signing CA is trusted', async () => {
    const { token } = await loginToken();
    await expect(verifyAuthToken(token, await options({ trustAnchors: await signCaAnchors() }))).rejects.toThrow(CertificateUntrustedError);
  });

  it('is refused with certificate-untrusted against a root of the same name but another key', async () => {
    const { token } = await loginToken();
    const fake = await lookAlikeRoot();
    expect(parseCertificate(fake).subject).toBe(parseCertificate((await authAnchors())[0]!).subject);
    await expect(verifyAuthToken(token, await options({ trustAnchors: [fake] }))).rejects.toThrow(CertificateUntrustedError);
  });

  it('is accepted when the right root is one of several anchors, the look-alike among them', async () => {
    const { token } = await loginToken();
    const trustAnchors = [await lookAlikeRoot(), ...(await signCaAnchors()), ...(await authAnchors())];
    await expect(verifyAuthToken(token, await options({ trustAnchors }))).resolves.toBeDefined();
  });
});

describe('a login token signed with the signing certificate', () => {
  it('is refused with certificate-purpose even though it chains and its signature is right', async () => {
    const jpki = new JpkiCard(await createVirtualCard());
    await jpki.verifyPin('sign', 'ABC123');
    const certificate = await jpki.readCertificate('sign');
    const signature = await jpki.sign('sign', 'SHA-256', await sha256(await authTokenSignedValue(ORIGIN, NONCE)));
    const { token } = await loginToken();
    const forged = { ...token, unverifiedCertificate: encodeBase64(certificate), signature: encodeBase64(signature) };
    const failure = verifyAuthToken(forged, await options({ trustAnchors: await signCaAnchors() }));
    await expect(failure).rejects.toThrow(CertificatePurposeError);
  });
});
