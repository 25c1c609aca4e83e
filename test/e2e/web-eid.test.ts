/**
 * Logging in and signing on a site with the Web eID page protocol (issue 9 §6), in the
 * built virtual extension: a local site posts raw `web-eid:*` messages (no library of
 * ours), the PIN window opens as its own extension window, the virtual card signs.
 * Tokens are checked here with Node's crypto against the certificate they carry.
 */
import { X509Certificate, constants, createHash, publicDecrypt, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../src/extension/i18n/index';
import { control, launchExtension, type Extension } from './harness';
import { askAndGetPrompt, press, openSite, post, promptShot, reply, replies, startSite, type Site } from './site';

let ext: Extension;
let site: Site;
let page: Page;
const NONCE = 'n0nce-for-the-e2e-test-of-web-eid-login-0123456789';

beforeAll(async () => {
  ext = await launchExtension();
  site = await startSite();
});
afterAll(async () => {
  await ext?.close();
  await site?.close();
  await ipv6?.close();
});
beforeEach(async () => {
  await control(ext, 'reset');
  page = await openSite(ext, `${site.origin}/`);
});
afterEach(async () => {
  // A window a failed test left open would hold the queue of windows for the next one.
  for (const p of ext.context.pages()) if (p.url().includes('/src/extension/prompt/') || p === page) await p.close();
});

/** A second server on the IPv6 loopback: a secure context Chrome loads, but not one the virtual build serves. */
let ipv6: Site | undefined;
async function ipv6Port(): Promise<string> {
  ipv6 ??= await startSite({}, '::1');
  return new URL(ipv6.origin).port;
}

function tokenVerifies(token: Record<string, unknown>, origin: string, nonce: string): boolean {
  const cert = new X509Certificate(Buffer.from(String(token.unverifiedCertificate), 'base64'));
  const signed = Buffer.concat([createHash('sha256').update(origin).digest(), createHash('sha256').update(nonce).digest()]);
  return verify('sha256', signed, cert.publicKey, Buffer.from(String(token.signature), 'base64'));
}

const verifiesWithPin = (log: { command: string }[]): number => log.filter((r) => /^00 ?20 ?00 ?[89]/i.test(r.command) && r.command.replace(/\s/g, '').length > 8).length;

describe('Web eID login with the My Number Card', () => {
  it('answers status with versions the official library accepts', async () => {
    await post(page, { action: 'web-eid:status', libraryVersion: '2.1.0' });
    expect(await reply(page, 'web-eid:status')).toMatchObject({ action: 'web-eid:status-success', extension: '2.1.0', nativeApp: '2.1.0' });
  });

  it('logs in: the window names the site, the PIN goes once, and the token verifies for this origin and nonce only (≤ 4 APDUs after the PIN)', async () => {
    const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await prompt.waitForSelector('#pin');
    await expect(prompt.locator('.prompt-origin .origin').textContent()).resolves.toBe(site.origin);
    await promptShot(prompt, '10-login-pin-ja');
    await control(ext, 'apduLog');
    await prompt.fill('#pin', '1234');
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.submit') }));
    const token = await reply(page, 'web-eid:authenticate');
    expect(token).toMatchObject({ action: 'web-eid:authenticate-success', algorithm: 'RS256', format: 'web-eid:1.0' });
    expect(tokenVerifies(token, site.origin, NONCE)).toBe(true);
    expect(tokenVerifies(token, 'https://evil.example', NONCE)).toBe(false);
    expect(tokenVerifies(token, site.origin, `${NONCE}x`)).toBe(false);
    const afterPin = await control(ext, 'apduLog');
    expect(afterPin.length).toBeLessThanOrEqual(4);
    expect(verifiesWithPin(afterPin)).toBe(1);
    expect((await replies(page)).filter((r) => r.action.startsWith('web-eid:authenticate-'))).toHaveLength(2);
  });

  it('shows the new count after a wrong PIN, having spent exactly one try, then logs in with the right one', async () => {
    const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await prompt.waitForSelector('#pin');
    await control(ext, 'apduLog');
    await prompt.fill('#pin', '9999');
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await prompt.locator('.pin-count', { hasText: '残り2回' }).waitFor();
    await prompt.getByText('暗証番号が違います。').waitFor();
    await promptShot(prompt, '11-login-wrong-pin-ja');
    expect(verifiesWithPin(await control(ext, 'apduLog'))).toBe(1);
    await prompt.fill('#pin', '1234');
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.submit') }));
    expect((await reply(page, 'web-eid:authenticate')).action).toBe('web-eid:authenticate-success');
  });

  it('never lets a malformed PIN reach the card: the OK button stays off and no APDU is sent', async () => {
    const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await prompt.waitForSelector('#pin');
    await control(ext, 'apduLog');
    for (const bad of ['12', '12a4', '１２３']) {
      await prompt.fill('#pin', bad);
      await expect(prompt.getByRole('button', { name: t('ja', 'prompt.submit') }).isDisabled()).resolves.toBe(true);
    }
    await prompt.press('#pin', 'Enter');
    await prompt.waitForTimeout(300);
    expect(await control(ext, 'apduLog')).toEqual([]);
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.cancel') }));
    expect(await reply(page, 'web-eid:authenticate')).toMatchObject({ error: { code: 'ERR_WEBEID_USER_CANCELLED' } });
  });

  it('asks for an explicit confirmation before the last try', async () => {
    await control(ext, 'setPinTries', 'auth', 1);
    const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await prompt.waitForSelector('#pin');
    await prompt.getByText(t('ja', 'prompt.lastTry')).waitFor();
    await prompt.fill('#pin', '1234');
    const ok = prompt.getByRole('button', { name: t('ja', 'prompt.submit') });
    await expect(ok.isDisabled()).resolves.toBe(true);
    await promptShot(prompt, '12-login-last-try-ja');
    await prompt.getByLabel(t('ja', 'prompt.lastTryConfirm')).check();
    await press(ok);
    expect((await reply(page, 'web-eid:authenticate')).action).toBe('web-eid:authenticate-success');
  });

  it('asks nothing for a locked PIN: the window says so and the page gets NATIVE_FATAL pin-locked, without the tries', async () => {
    await control(ext, 'setPinTries', 'auth', 0);
    const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await prompt.getByText('暗証番号がロックされています。').waitFor();
    expect(await prompt.locator('#pin').count()).toBe(0);
    await promptShot(prompt, '13-login-locked-ja');
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.close') }));
    const failure = await reply(page, 'web-eid:authenticate');
    expect(failure).toMatchObject({ action: 'web-eid:authenticate-failure', error: { code: 'ERR_WEBEID_NATIVE_FATAL', detail: 'pin-locked' } });
    expect(JSON.stringify(failure)).not.toMatch(/remaining|tries|残り/);
  });

  it('ends with USER_CANCELLED when the window is closed, and USER_TIMEOUT when nobody answers', async () => {
    const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await prompt.waitForSelector('#pin');
    await prompt.close();
    expect(await reply(page, 'web-eid:authenticate')).toMatchObject({ error: { code: 'ERR_WEBEID_USER_CANCELLED' } });
    await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE, options: { userInteractionTimeout: 1500 } });
    expect(await reply(page, 'web-eid:authenticate', 1)).toMatchObject({ error: { code: 'ERR_WEBEID_USER_TIMEOUT' } });
  });

  it('refuses malformed requests with the Web eID code, before any window opens', async () => {
    const cases: [unknown, string][] = [
      [{ action: 'web-eid:authenticate' }, 'ERR_WEBEID_MISSING_PARAMETER'],
      [{ action: 'web-eid:authenticate', challengeNonce: 'short' }, 'ERR_WEBEID_NATIVE_INVALID_ARGUMENT'],
      [{ action: 'web-eid:authenticate', challengeNonce: 'x'.repeat(129) }, 'ERR_WEBEID_NATIVE_INVALID_ARGUMENT'],
      [{ action: 'web-eid:sign', certificate: 'AAAA', hash: 'AAAA', hashFunction: 'SHA-256' }, 'ERR_WEBEID_NATIVE_INVALID_ARGUMENT'],
      [{ action: 'web-eid:sign', certificate: 'AAAA', hash: 'A'.repeat(44), hashFunction: 'MD5' }, 'ERR_WEBEID_NATIVE_INVALID_ARGUMENT'],
      [{ action: 'web-eid:authenticate', challengeNonce: NONCE, padding: 'x'.repeat(20_000) }, 'ERR_WEBEID_NATIVE_INVALID_ARGUMENT'],
    ];
    for (const [i, [message, code]] of cases.entries()) {
      await post(page, message);
      const action = (message as { action: string }).action;
      const done = await reply(page, action, cases.slice(0, i).filter(([m]) => (m as { action: string }).action === action).length, 3_000).catch(async () => ({ timedOut: await replies(page) }));
      expect(done, JSON.stringify(message).slice(0, 80)).toMatchObject({ error: { code } });
    }
    expect(ext.context.pages().some((p) => p.url().includes('/prompt/'))).toBe(false);
  });

  it('serves two tabs that ask at once, one window after the other, and both log in', async () => {
    const second = await openSite(ext, `${site.origin}/`);
    const firstWindow = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await post(second, { action: 'web-eid:authenticate', challengeNonce: `${NONCE}2` });
    await firstWindow.fill('#pin', '1234');
    const secondOpens = ext.context.waitForEvent('page', { timeout: 15_000 });
    await press(firstWindow.getByRole('button', { name: t('ja', 'prompt.submit') }));
    expect((await reply(page, 'web-eid:authenticate')).action).toBe('web-eid:authenticate-success');
    const secondWindow = await secondOpens;
    await secondWindow.waitForURL(/\/prompt\//);
    await secondWindow.waitForSelector('#pin');
    await secondWindow.fill('#pin', '1234');
    await press(secondWindow.getByRole('button', { name: t('ja', 'prompt.submit') }));
    const token = await reply(second, 'web-eid:authenticate');
    expect(tokenVerifies(token, site.origin, `${NONCE}2`)).toBe(true);
    await second.close();
  });

  it('leaves a PIN in no storage area and no log', async () => {
    const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await prompt.waitForSelector('#pin');
    await prompt.fill('#pin', '8426');
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await prompt.locator('.pin-count', { hasText: '残り2回' }).waitFor();
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.cancel') }));
    await reply(page, 'web-eid:authenticate');
    const stored = await (await ext.worker()).evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    const logged = JSON.stringify(await control(ext, 'apduLog'));
    for (const form of ['8426', '38343236', '38 34 32 36']) {
      expect(stored, form).not.toContain(form);
      expect(logged, form).not.toContain(form);
    }
  });

  it('gives a site the virtual build does not serve no answer at all (no content script there)', async () => {
    const other = await openSite(ext, site.origin.replace('127.0.0.1', '[::1]').replace(/:\d+$/, `:${await ipv6Port()}`));
    await post(other, { action: 'web-eid:status' });
    await other.waitForTimeout(1_500);
    expect(await replies(other)).toEqual([]);
    await other.close();
  });

  it('speaks English in the window when the holder chose English', async () => {
    await (await ext.worker()).evaluate(() => chrome.storage.local.set({ 'ui.lang': 'en' }));
    try {
      const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
      await prompt.locator('label.pin-label', { hasText: t('en', 'prompt.pin.auth') }).waitFor();
      await promptShot(prompt, '14-login-pin-en');
      await press(prompt.getByRole('button', { name: t('en', 'prompt.cancel') }));
    } finally {
      await (await ext.worker()).evaluate(() => chrome.storage.local.set({ 'ui.lang': 'ja' }));
    }
  });

  it('keeps one signing flow to one password, and powers the card off when the flow’s time is up', async () => {
    const cert = await askAndGetPrompt(ext, page, { action: 'web-eid:get-signing-certificate', options: { userInteractionTimeout: 4_000 } });
    await cert.waitForSelector('#pin');
    await cert.fill('#pin', 'ABC123');
    await press(cert.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await press(cert.getByRole('button', { name: t('ja', 'prompt.consent.agree') }));
    const got = await reply(page, 'web-eid:get-signing-certificate');
    expect(got.action).toBe('web-eid:get-signing-certificate-success');
    await cert.getByText(t('ja', 'prompt.waiting')).waitFor();
    await promptShot(cert, '15-signing-flow-waiting-ja');
    // While the flow is open the card stays verified for the signature…
    expect(await control(ext, 'cardPower')).toEqual({ powered: true, verified: ['sign'] });
    // …and when its time is up the window closes and the card is powered off.
    await expect.poll(async () => control(ext, 'cardPower'), { timeout: 10_000 }).toEqual({ powered: false, verified: [] });
    // A signature after the flow asks for the password again.
    const hash = Buffer.alloc(32, 7).toString('base64');
    const again = await askAndGetPrompt(ext, page, { action: 'web-eid:sign', certificate: String(got.certificate), hash, hashFunction: 'SHA-256' });
    await again.waitForSelector('#pin');
    await press(again.getByRole('button', { name: t('ja', 'prompt.cancel') }));
    expect(await reply(page, 'web-eid:sign')).toMatchObject({ error: { code: 'ERR_WEBEID_USER_CANCELLED' } });
  });

  it('signs within the flow with a confirmation only, then powers the card off', async () => {
    const cert = await askAndGetPrompt(ext, page, { action: 'web-eid:get-signing-certificate' });
    await cert.waitForSelector('#pin');
    await cert.fill('#pin', 'ABC123');
    await press(cert.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await press(cert.getByRole('button', { name: t('ja', 'prompt.consent.agree') }));
    const got = await reply(page, 'web-eid:get-signing-certificate');
    const hash = Buffer.alloc(48, 9);
    await post(page, { action: 'web-eid:sign', certificate: String(got.certificate), hash: hash.toString('base64'), hashFunction: 'SHA-384' });
    await press(cert.getByRole('button', { name: t('ja', 'prompt.sign.agree') }));
    const signed = await reply(page, 'web-eid:sign');
    expect(signed).toMatchObject({ action: 'web-eid:sign-success', signatureAlgorithm: { cryptoAlgorithm: 'RSA', hashFunction: 'SHA-384', paddingScheme: 'PKCS1.5' } });
    const certificate = new X509Certificate(Buffer.from(String(got.certificate), 'base64'));
    const digestInfo = Buffer.concat([Buffer.from('3041300d060960864801650304020205000430', 'hex'), hash]);
    expect(publicDecrypt({ key: certificate.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(String(signed.signature), 'base64')).equals(digestInfo)).toBe(true);
    await expect.poll(async () => control(ext, 'cardPower'), { timeout: 10_000 }).toEqual({ powered: false, verified: [] });
  });
});
