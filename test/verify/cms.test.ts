/**
 * CAdES-BES detached CMS signed by a virtual My Number Card's signing key through
 * JpkiCard, checked by an independent verifier: OpenSSL's `cms -verify` against the
 * test signing CA. A changed document must make the same command fail.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hex } from '../../src/bytes';
import { JpkiCard } from '../../src/card/index';
import {
  CmsInputError, SignatureInvalidError, VerifyArgumentError, assembleSignedData, encodeBase64, prepareSignedAttributes, type SignatureHash,
} from '../../src/verify/index';
import { compareForSetOf } from '../../src/verify/cms-der';
import { createTestCa, createVirtualCard } from '../../src/virtual/index';
import { NOW, sha256 } from './login-card';

const run = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';
const document = new TextEncoder().encode('令和7年分 所得税及び復興特別所得税の申告書\n(a detached CAdES signature covers these bytes)\n');

let dir: string;
let jpki: JpkiCard;
let certificate: Uint8Array;
let caPem: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-cms-'));
  jpki = new JpkiCard(await createVirtualCard());
  await jpki.verifyPin('sign', 'ABC123');
  certificate = await jpki.readCertificate('sign');
  const ca = (await createTestCa()).signCaCertificate;
  caPem = `-----BEGIN CERTIFICATE-----\n${encodeBase64(ca).replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  await writeFile(join(dir, 'ca.pem'), caPem);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function signedCms(hashFunction: SignatureHash = 'SHA-256', chain: Uint8Array[] = []): Promise<Uint8Array> {
  const prepared = await prepareSignedAttributes(document, certificate, hashFunction, { signingTime: NOW });
  await jpki.verifyPin('sign', 'ABC123');
  const signature = await jpki.sign('sign', hashFunction, prepared.hashToSign);
  return assembleSignedData({ prepared, signature, certificate, chain });
}

/** OpenSSL's verdict, checked at NOW (inside the certificate's term) so the result does not depend on today. */
async function opensslVerify(cms: Uint8Array, content: Uint8Array): Promise<{ ok: boolean; output: string }> {
  const name = `cms-${Math.random().toString(36).slice(2)}`;
  await writeFile(join(dir, `${name}.der`), cms);
  await writeFile(join(dir, `${name}.doc`), content);
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, `${name}.der`), '-content', join(dir, `${name}.doc`),
    '-CAfile', join(dir, 'ca.pem'), '-attime', String(Math.floor(NOW.getTime() / 1000)), '-out', join(dir, `${name}.out`)];
  try {
    const { stdout, stderr } = await run(OPENSSL, args);
    return { ok: true, output: stdout + stderr };
  } catch (e) {
    const failed = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('a detached CAdES-BES signature from the card', () => {
  it.each(['SHA-256', 'SHA-384', 'SHA-512'] as const)('over %s verifies with openssl cms -verify against the test signing CA', async (hashFunction) => {
    const result = await opensslVerify(await signedCms(hashFunction), document);
    expect(result.output).toContain('Verification successful');
    expect(result.ok).toBe(true);
  });

  it('verifies with the CA certificate carried in the SignedData too', async () => {
    const result = await opensslVerify(await signedCms('SHA-256', [(await createTestCa()).signCaCertificate]), document);
    expect(result.output).toContain('Verification successful');
  });

  it('fails openssl cms -verify when one byte of the document changed', async () => {
    const changed = document.slice();
    changed[0]! ^= 0x01;
    const result = await opensslVerify(await signedCms(), changed);
    expect(result.ok).toBe(false);
    expect(result.output).not.toContain('Verification successful');
  });
});

describe('the signed attributes', () => {
  it('carry content-type, signing-time, message-digest and signing-certificate-v2, in DER SET OF order', async () => {
    const prepared = await prepareSignedAttributes(document, certificate, 'SHA-256', { signingTime: NOW });
    expect(prepared.signedAttributesDer[0]).toBe(0x31);
    expect(hex(prepared.hashToSign)).toBe(hex(await sha256(prepared.signedAttributesDer)));
    const set = asn1js.fromBER(prepared.signedAttributesDer.slice()).result as asn1js.Set;
    const encoded = set.valueBlock.value.map((v) => new Uint8Array(v.toBER(false)));
    expect([...encoded].sort(compareForSetOf)).toEqual(encoded);
    const attributes = set.valueBlock.value.map((v) => new pkijs.Attribute({ schema: v }));
    const byType = new Map(attributes.map((a) => [a.type, a.values[0]]));
    expect([...byType.keys()].sort()).toEqual(['1.2.840.113549.1.9.16.2.47', '1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.5']);
    expect(hex((byType.get('1.2.840.113549.1.9.4') as asn1js.OctetString).valueBlock.valueHexView)).toBe(hex(await sha256(document)));
    expect((byType.get('1.2.840.113549.1.9.5') as asn1js.UTCTime).toDate().toISOString()).toBe(NOW.toISOString());
    const essCertId = (byType.get('1.2.840.113549.1.9.16.2.47') as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const certHash = (essCertId.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.OctetString;
    expect(hex(certHash.valueBlock.valueHexView)).toBe(hex(await sha256(certificate)));
  });

  it('are refused for a hash function other than SHA-256/384/512, or a document that is not bytes', async () => {
    await expect(prepareSignedAttributes(document, certificate, 'SHA-1' as SignatureHash)).rejects.toThrow(VerifyArgumentError);
    await expect(prepareSignedAttributes('text' as unknown as Uint8Array, certificate, 'SHA-256')).rejects.toThrow(VerifyArgumentError);
  });
});

describe('assembling refuses what would make a container no one can verify', () => {
  it('a signature over other bytes is signature-invalid', async () => {
    const prepared = await prepareSignedAttributes(document, certificate, 'SHA-256', { signingTime: NOW });
    await jpki.verifyPin('sign', 'ABC123');
    const signature = await jpki.sign('sign', 'SHA-256', await sha256(document));
    await expect(assembleSignedData({ prepared, signature, certificate })).rejects.toThrow(SignatureInvalidError);
  });

  it('attributes changed after the hash was signed are signature-invalid', async () => {
    const prepared = await prepareSignedAttributes(document, certificate, 'SHA-256', { signingTime: NOW });
    await jpki.verifyPin('sign', 'ABC123');
    const signature = await jpki.sign('sign', 'SHA-256', prepared.hashToSign);
    const later = await prepareSignedAttributes(document, certificate, 'SHA-256', { signingTime: new Date(NOW.getTime() + 1000) });
    await expect(assembleSignedData({ prepared: { ...prepared, signedAttributesDer: later.signedAttributesDer }, signature, certificate })).rejects.toThrow(SignatureInvalidError);
  });

  it('another certificate than the attributes name is cms-input', async () => {
    const prepared = await prepareSignedAttributes(document, certificate, 'SHA-256', { signingTime: NOW });
    const auth = await jpki.readCertificate('auth');
    await expect(assembleSignedData({ prepared, signature: new Uint8Array(256), certificate: auth })).rejects.toThrow(CmsInputError);
  });
});
