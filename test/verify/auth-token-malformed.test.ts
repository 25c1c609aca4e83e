/**
 * What a hostile or broken page can post as a login token, and what a misconfigured site
 * can pass: each refused with a typed error of the verify layer, never a TypeError or
 * RangeError from deep inside, and never a bare false.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CertificateMalformedError, NonceInvalidError, OriginInvalidError, TokenMalformedError, VerifyArgumentError,
  encodeBase64, isVerifyError, verifyAuthToken,
} from '../../src/verify/index';
import { NONCE, NOW, ORIGIN, authAnchors, loginToken, type TokenFields } from './login-card';

const good = loginToken();
const base = async () => ({ origin: ORIGIN, nonce: NONCE, now: NOW, trustAnchors: await authAnchors() });
const mutate = (change: (t: TokenFields) => unknown) => async (): Promise<unknown> => change({ ...(await good).token });

describe('malformed tokens are refused with token-malformed', () => {
  it.each([
    ['null', async () => null],
    ['a number', async () => 42],
    ['an array of the right strings', mutate((t) => Object.values(t).concat('x'.repeat(100)))],
    ['JSON text that does not parse', async () => `{"format":"web-eid:1.0"${' '.repeat(100)}`],
    ['a string of 99 characters', async () => 'x'.repeat(99)],
    ['a token of 10001 characters', mutate((t) => ({ ...t, appVersion: 'x'.repeat(10_001) }))],
    ['a token without its signature', mutate(({ signature: _, ...rest }) => ({ ...rest, padding: 'x'.repeat(400) }))],
    ['a signature that is a number', mutate((t) => ({ ...t, signature: 12345 }))],
    ['an empty appVersion', mutate((t) => ({ ...t, appVersion: '' }))],
    ['format web-eid:2.0', mutate((t) => ({ ...t, format: 'web-eid:2.0' }))],
    ['format web-eid:10', mutate((t) => ({ ...t, format: 'web-eid:10' }))],
    ['format WEB-EID:1.0', mutate((t) => ({ ...t, format: 'WEB-EID:1.0' }))],
    ['algorithm PS256', mutate((t) => ({ ...t, algorithm: 'PS256' }))],
    ['algorithm ES256', mutate((t) => ({ ...t, algorithm: 'ES256' }))],
    ['algorithm rs256', mutate((t) => ({ ...t, algorithm: 'rs256' }))],
    ['a signature in base64url', mutate((t) => ({ ...t, signature: t.signature.replaceAll('+', '-').replaceAll('/', '_') + '-_' }))],
    ['a signature without its padding', mutate((t) => ({ ...t, signature: `${t.signature}AB` }))],
    ['a certificate with a line break in its base64', mutate((t) => ({ ...t, unverifiedCertificate: `${t.unverifiedCertificate.slice(0, 64)}\n${t.unverifiedCertificate.slice(64)}` }))],
  ])('%s', async (_, make) => {
    const failure = verifyAuthToken(await make(), await base());
    await expect(failure).rejects.toThrow(TokenMalformedError);
    await expect(failure).rejects.toMatchObject({ code: 'token-malformed' });
  });

  it('the unchanged token next to them passes (the table is not refusing everything)', async () => {
    await expect(verifyAuthToken(await mutate((t) => t)(), await base())).resolves.toBeDefined();
  });

  it.each([
    ['base64 of bytes that are no certificate', encodeBase64(new Uint8Array(300).fill(0x30))],
    ['a certificate cut short', async () => (await good).token.unverifiedCertificate.slice(0, 400)],
  ])('a certificate field holding %s is certificate-malformed', async (_, value) => {
    const unverifiedCertificate = typeof value === 'string' ? value : await value();
    const failure = verifyAuthToken({ ...(await good).token, unverifiedCertificate }, await base());
    await expect(failure).rejects.toThrow(CertificateMalformedError);
  });
});

describe('the site\'s own arguments', () => {
  it.each([
    ['a trailing slash', 'https://login.example.go.jp/'],
    ['a path', 'https://login.example.go.jp/login'],
    ['plain http', 'http://login.example.go.jp'],
    ['upper case', 'https://Login.example.go.jp'],
    ['the default port written out', 'https://login.example.go.jp:443'],
    ['a bare host', 'login.example.go.jp'],
    ['nothing', ''],
  ])('an origin with %s is origin-invalid', async (_, origin) => {
    await expect(verifyAuthToken((await good).token, { ...(await base()), origin })).rejects.toThrow(OriginInvalidError);
  });

  it('takes a local http origin only when the site says it is testing locally (allowLocalHttp)', async () => {
    for (const origin of ['http://localhost:8080', 'http://127.0.0.1:4000']) {
      await expect(verifyAuthToken((await good).token, { ...(await base()), origin })).rejects.toThrow(OriginInvalidError);
      // Allowed, it gets as far as the signature (made for another origin).
      await expect(verifyAuthToken((await good).token, { ...(await base()), origin, allowLocalHttp: true })).rejects.toMatchObject({ code: 'signature-invalid' });
    }
    await expect(verifyAuthToken((await good).token, { ...(await base()), origin: 'http://login.example.go.jp', allowLocalHttp: true })).rejects.toThrow(OriginInvalidError);
  });

  it.each([
    ['43 characters', 'n'.repeat(43)],
    ['129 characters', 'n'.repeat(129)],
    ['an empty string', ''],
  ])('a nonce of %s is nonce-invalid', async (_, nonce) => {
    await expect(verifyAuthToken((await good).token, { ...(await base()), nonce })).rejects.toThrow(NonceInvalidError);
  });

  it.each([44, 128])('a nonce of %i characters is allowed (and, not being the signed one, fails only the signature)', async (n) => {
    await expect(verifyAuthToken((await good).token, { ...(await base()), nonce: 'n'.repeat(n) })).rejects.toMatchObject({ code: 'signature-invalid' });
  });

  it.each([
    ['no anchors', []],
    ['an anchor that is text', ['MIIB...']],
    ['an anchor that is not a certificate', [new Uint8Array(10)]],
  ])('%s is verify-argument', async (_, trustAnchors) => {
    const failure = verifyAuthToken((await good).token, { ...(await base()), trustAnchors: trustAnchors as Uint8Array[] });
    await expect(failure).rejects.toThrow(VerifyArgumentError);
  });

  it('an invalid Date as now is verify-argument', async () => {
    await expect(verifyAuthToken((await good).token, { ...(await base()), now: new Date('nope') })).rejects.toThrow(VerifyArgumentError);
  });
});

/** Resolves to the error's code, or fails the property when the promise resolves or throws anything untyped. */
async function typedCode(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if (isVerifyError(e)) return e.code;
    throw e;
  }
  throw new TypeError('verified a token it should have refused');
}

describe('any value at all', () => {
  it('any JSON value as the token is refused with a typed error', async () => {
    const options = await base();
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (value) => {
      expect(await typedCode(() => verifyAuthToken(value, options))).toMatch(/^(token|certificate)-/);
    }), { numRuns: 300 });
  });

  it('any JSON text as the token is refused with a typed error', async () => {
    const options = await base();
    await fc.assert(fc.asyncProperty(fc.json({ maxDepth: 3 }), async (text) => {
      expect(await typedCode(() => verifyAuthToken(text, options))).toMatch(/^(token|certificate)-/);
    }), { numRuns: 200 });
  });

  it('the real token with a signed-over field replaced by any JSON value is refused with a typed error', async () => {
    const options = await base();
    const { token } = await good;
    // appVersion and the 1.x format are not covered by the signature, so changing them may pass.
    const field = fc.constantFrom('unverifiedCertificate', 'algorithm', 'signature');
    await fc.assert(fc.asyncProperty(field, fc.jsonValue(), async (name, value) => {
      fc.pre(value !== token[name]);
      await typedCode(() => verifyAuthToken({ ...token, [name]: value }, options));
    }), { numRuns: 300 });
  });

  it('the real token with format or appVersion replaced by any JSON value verifies or fails with token-malformed', async () => {
    const options = await base();
    const { token } = await good;
    await fc.assert(fc.asyncProperty(fc.constantFrom('format', 'appVersion'), fc.jsonValue(), async (name, value) => {
      const outcome = await verifyAuthToken({ ...token, [name]: value }, options).then(() => 'verified', (e: unknown) => (isVerifyError(e) ? e.code : e));
      expect(['verified', 'token-malformed']).toContain(outcome);
    }), { numRuns: 200 });
  });

  it('the real token with its certificate bytes corrupted anywhere is refused with a typed error', async () => {
    const options = await base();
    const { token, certificate } = await good;
    await fc.assert(fc.asyncProperty(fc.nat(certificate.length - 1), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
      const bytes = certificate.slice();
      bytes[at]! ^= xor;
      await typedCode(() => verifyAuthToken({ ...token, unverifiedCertificate: encodeBase64(bytes) }, options));
    }), { numRuns: 150 });
  });
});
