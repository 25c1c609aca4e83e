/**
 * verifyCms over detached CAdES-BES signatures: ours (signed by a virtual card through
 * JpkiCard) and OpenSSL's own (`cms -sign -cades` with the same test key), next to the
 * near-misses a site must tell apart: another document, a changed signature, a swapped
 * certificate, a foreign root, outside the term, bytes that are no CMS at all.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JpkiCard } from '../../src/card/index';
import {
  CertificateExpiredError, CertificateUntrustedError, CmsContentMismatchError, CmsMalformedError, SignatureInvalidError,
  assembleSignedData, encodeBase64, isVerifyError, prepareSignedAttributes, verifyCms,
} from '../../src/verify/index';
import { createVirtualCard } from '../../src/virtual/index';
import { TEST_KEYS_PKCS8 } from '../../src/virtual/card/test-keys';
import { NOW, authAnchors, signCaAnchors } from './login-card';

const run = promisify(execFile);
const document = new TextEncoder().encode('委任状 — 代理人に申告を委任します。\n');
const pem = (label: string, der: Uint8Array | string): string =>
  `-----BEGIN ${label}-----\n${(typeof der === 'string' ? der : encodeBase64(der)).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

let dir: string;
let jpki: JpkiCard;
let certificate: Uint8Array;
let cms: Uint8Array;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-cms-in-'));
  jpki = new JpkiCard(await createVirtualCard());
  await jpki.verifyPin('sign', 'ABC123');
  certificate = await jpki.readCertificate('sign');
  const prepared = await prepareSignedAttributes(document, certificate, 'SHA-256', { signingTime: NOW });
  await jpki.verifyPin('sign', 'ABC123');
  cms = await assembleSignedData({ prepared, certificate, signature: await jpki.sign('sign', 'SHA-256', prepared.hashToSign) });
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const request = async (over: Partial<Parameters<typeof verifyCms>[0]> = {}) => ({ cms, document, trustAnchors: await signCaAnchors(), now: NOW, ...over });

describe('a detached CAdES-BES signature', () => {
  it('made by the card verifies, naming the holder and the claimed signing time', async () => {
    const result = await verifyCms(await request());
    expect(result.holder).toMatchObject({ name: '試験　太郎' });
    expect(result.signingTime?.toISOString()).toBe(NOW.toISOString());
    expect(result.hashFunction).toBe('SHA-256');
  });

  it('made by openssl cms -sign -cades with the same test key verifies too', async () => {
    await writeFile(join(dir, 'doc'), document);
    await writeFile(join(dir, 'cert.pem'), pem('CERTIFICATE', certificate));
    await writeFile(join(dir, 'key.pem'), pem('PRIVATE KEY', TEST_KEYS_PKCS8.card0Sign));
    await run('/usr/bin/openssl', ['cms', '-sign', '-cades', '-binary', '-md', 'sha384', '-in', join(dir, 'doc'), '-signer', join(dir, 'cert.pem'),
      '-inkey', join(dir, 'key.pem'), '-outform', 'DER', '-out', join(dir, 'openssl.der')]);
    const result = await verifyCms(await request({ cms: new Uint8Array(await readFile(join(dir, 'openssl.der'))) }));
    expect(result.hashFunction).toBe('SHA-384');
  });
});

describe('a CMS the site must refuse', () => {
  it('over another document is cms-content-mismatch', async () => {
    await expect(verifyCms(await request({ document: new TextEncoder().encode('another document') }))).rejects.toThrow(CmsContentMismatchError);
  });

  it('with the last byte of its signature changed is signature-invalid', async () => {
    const changed = cms.slice();
    changed[changed.length - 1]! ^= 0x01;
    await expect(verifyCms(await request({ cms: changed }))).rejects.toThrow(SignatureInvalidError);
  });

  it('under a root the site does not trust is certificate-untrusted', async () => {
    await expect(verifyCms(await request({ trustAnchors: await authAnchors() }))).rejects.toThrow(CertificateUntrustedError);
  });

  it('checked after the certificate expired is certificate-expired', async () => {
    await expect(verifyCms(await request({ now: new Date('2031-01-01T00:00:00Z') }))).rejects.toThrow(CertificateExpiredError);
  });

  it.each([
    ['no bytes', new Uint8Array(0)],
    ['a lone SEQUENCE', Uint8Array.of(0x30, 0x00)],
    ['a certificate', new Uint8Array(0)],
  ])('%s is cms-malformed', async (name, bytes) => {
    const input = name === 'a certificate' ? certificate : bytes;
    await expect(verifyCms(await request({ cms: input }))).rejects.toThrow(CmsMalformedError);
  });

  it('corrupted at any byte gives a typed error, never another exception and never a pass', async () => {
    const base = await request();
    await fc.assert(fc.asyncProperty(fc.nat(cms.length - 1), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
      const changed = cms.slice();
      changed[at]! ^= xor;
      const outcome = await verifyCms({ ...base, cms: changed }).then(() => 'verified', (e: unknown) => (isVerifyError(e) ? e.code : e));
      // Unsigned parts (versions, algorithm lists, the signer's name) are held to RFC 5652 too, so no flip passes.
      expect(typeof outcome).toBe('string');
      expect(outcome).not.toBe('verified');
    }), { numRuns: 200 });
  });
});
