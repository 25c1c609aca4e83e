/**
 * Logging in and signing on a site with the Web eID page protocol (issue 9 §6), in the
 * built virtual extension: a local site posts raw `web-eid:*` messages (no library of
 * ours), the PIN window opens as its own extension window, the virtual card signs.
 * Tokens are checked here with Node's crypto against the certificate they carry.
 */
import { X509Certificate, createHash, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../src/extension/i18n/index';
import { control, launchExtension, type Extension } from './harness';
import { askAndGetPrompt, openSite, post, promptShot, reply, replies, startSite, type Site } from './site';

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
});
beforeEach(async () => {
  await control(ext, 'reset');
  page = await openSite(ext, `${site.origin}/`);
});
afterEach(async () => {
  // A window a failed test left open would hold the queue of windows for the next one.
  for (const p of ext.context.pages()) if (p.url().includes('/src/extension/prompt/') || p === page) await p.close();
});

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
    await prompt.getByRole('button', { name: t('ja', 'prompt.submit') }).click();
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
    await prompt.getByRole('button', { name: t('ja', 'prompt.submit') }).click();
    await prompt.locator('.pin-count', { hasText: '残り2回' }).waitFor();
    await prompt.getByText('暗証番号が違います。').waitFor();
    await promptShot(prompt, '11-login-wrong-pin-ja');
    expect(verifiesWithPin(await control(ext, 'apduLog'))).toBe(1);
    await prompt.fill('#pin', '1234');
    await prompt.getByRole('button', { name: t('ja', 'prompt.submit') }).click();
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
    await prompt.getByRole('button', { name: t('ja', 'prompt.cancel') }).click();
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
    await ok.click();
    expect((await reply(page, 'web-eid:authenticate')).action).toBe('web-eid:authenticate-success');
  });

  it('asks nothing for a locked PIN: the window says so and the page gets NATIVE_FATAL pin-locked, without the tries', async () => {
    await control(ext, 'setPinTries', 'auth', 0);
    const prompt = await askAndGetPrompt(ext, page, { action: 'web-eid:authenticate', challengeNonce: NONCE });
    await prompt.getByText('暗証番号がロックされています。').waitFor();
    expect(await prompt.locator('#pin').count()).toBe(0);
    await promptShot(prompt, '13-login-locked-ja');
    await prompt.getByRole('button', { name: t('ja', 'prompt.close') }).click();
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
});
