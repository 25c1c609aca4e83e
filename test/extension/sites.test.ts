/**
 * Which pages may ask for the card (issue 9 §3): what the holder types as a site, the
 * origin judged from the browser's record, and where the content script is registered.
 */
import { describe, expect, it } from 'vitest';
import { judgeOrigin, senderOrigin } from '../../src/extension/background/routes/index';
import { loginDigest } from '../../src/extension/background/routes/web-eid-door';
import { siteOrigin } from '../../src/extension/settings';

describe('a site the holder types', () => {
  it.each([
    ['e-tax.nta.go.jp', 'https://e-tax.nta.go.jp'],
    ['https://www.e-tax.nta.go.jp/login/index.html?x=1', 'https://www.e-tax.nta.go.jp'],
    ['  HTTPS://Example.JP:8443/  ', 'https://example.jp:8443'],
  ])('%j is %s', (typed, origin) => {
    expect(siteOrigin(typed)).toBe(origin);
  });

  it.each([['http://e-tax.nta.go.jp'], [''], ['javascript:alert(1)'], ['https://user:pw@example.jp'], ['ftp://example.jp'], ['x'.repeat(400)]])('refuses %j', (typed) => {
    expect(siteOrigin(typed)).toBeUndefined();
  });
});

describe('the origin of a request', () => {
  it('comes from the browser’s record of the frame, preferring sender.origin', () => {
    expect(senderOrigin({ origin: 'https://a.example', url: 'https://b.example/page' })).toBe('https://a.example');
    expect(senderOrigin({ url: 'https://b.example:8443/page#x' })).toBe('https://b.example:8443');
    expect(senderOrigin({ url: 'data:text/html,hi' })).toBeUndefined();
    expect(senderOrigin({})).toBeUndefined();
  });

  it('must be HTTPS and allowed; the virtual build also serves local test servers', () => {
    expect(judgeOrigin('https://a.example', ['https://a.example'], false)).toEqual({ ok: true, origin: 'https://a.example' });
    expect(judgeOrigin('https://b.example', ['https://a.example'], false)).toEqual({ ok: false, reason: 'not-allowed' });
    expect(judgeOrigin('http://a.example', ['http://a.example'], false)).toEqual({ ok: false, reason: 'insecure' });
    expect(judgeOrigin('http://127.0.0.1:8080', [], false)).toEqual({ ok: false, reason: 'insecure' });
    expect(judgeOrigin('http://127.0.0.1:8080', [], true)).toEqual({ ok: true, origin: 'http://127.0.0.1:8080' });
    expect(judgeOrigin('http://localhost', [], true).ok).toBe(true);
    expect(judgeOrigin('http://localhost.evil.example', [], true)).toEqual({ ok: false, reason: 'insecure' });
    expect(judgeOrigin(undefined, [], true)).toEqual({ ok: false, reason: 'no-origin' });
  });
});

describe('what a Web eID login signs', () => {
  it('is SHA-256(SHA-256(origin) ‖ SHA-256(nonce)), so a token for one origin never serves another', async () => {
    const a = await loginDigest('https://a.example', 'n'.repeat(44));
    expect(a).toHaveLength(32);
    expect(await loginDigest('https://a.example', 'n'.repeat(44))).toEqual(a);
    expect(await loginDigest('https://a.example.', 'n'.repeat(44))).not.toEqual(a);
    // The separate hashes keep "example.com" + ".eu1234" apart from "example.com.eu" + "1234".
    expect(await loginDigest('https://x.example', `.eu${'1'.repeat(44)}`)).not.toEqual(await loginDigest('https://x.example.eu', '1'.repeat(44)));
  });
});
