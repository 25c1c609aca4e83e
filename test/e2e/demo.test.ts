/**
 * The demo site end to end (issue 9 §5–§6): the e-Tax-style login and signed return,
 * using our page library in the page and src/verify on the server, against the virtual
 * build. The .p7s the site offers is checked with `openssl cms -verify` against the
 * test signing CA, as a relying party would.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemo, type Demo } from '../../demo/server';
import { RETURN_DOCUMENT } from '../../demo/pages';
import { t } from '../../src/extension/i18n/index';
import { createTestCa } from '../../src/virtual/index';
import { ROOT, control, launchExtension, type Extension } from './harness';
import { press, promptShot } from './site';

const run = promisify(execFile);
let ext: Extension;
let demo: Demo;
let signCaPem: string;

function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

beforeAll(async () => {
  const built = spawnSync('npx', ['vite', 'build', '--config', 'vite.page.config.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the page library did not build:\n${built.stdout}\n${built.stderr}`);
  const ca = await createTestCa();
  demo = await startDemo({ authAnchors: [ca.authCaCertificate], signAnchors: [ca.signCaCertificate], libraryDir: join(ROOT, 'dist-page') });
  signCaPem = pem(ca.signCaCertificate);
  ext = await launchExtension();
  await control(ext, 'reset');
}, 120_000);
afterAll(async () => {
  await ext?.close();
  await demo?.close();
});

async function nextPrompt(): Promise<Page> {
  const prompt = await ext.context.waitForEvent('page', { timeout: 15_000 });
  await prompt.waitForURL(/\/src\/extension\/prompt\/index\.html/);
  await prompt.setViewportSize({ width: 440, height: 600 });
  await prompt.waitForSelector('main.prompt h1');
  return prompt;
}

describe('the demo site', () => {
  it('logs in with the card, then signs the return; the server verifies both and the .p7s verifies with openssl', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${demo.origin}/`);
    const loginPrompt = nextPrompt();
    await press(page.getByRole('button', { name: 'マイナンバーカードでログイン' }));
    const login = await loginPrompt;
    await login.fill('#pin', '1234');
    await press(login.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await page.waitForURL(`${demo.origin}/return`, { timeout: 20_000 });

    const certPrompt = nextPrompt();
    await press(page.getByRole('button', { name: '電子署名して提出' }));
    const cert = await certPrompt;
    await cert.waitForSelector('#pin');
    await cert.fill('#pin', 'ABC123');
    await press(cert.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await cert.getByRole('button', { name: t('ja', 'prompt.consent.agree') }).waitFor();
    await promptShot(cert, '20-signing-certificate-consent-ja');
    await control(ext, 'apduLog');
    await press(cert.getByRole('button', { name: t('ja', 'prompt.consent.agree') }));
    // One signing flow: the same window asks only for a confirmation, not the password again.
    const confirm = cert.getByRole('button', { name: t('ja', 'prompt.sign.agree') });
    await confirm.waitFor({ timeout: 20_000 });
    await promptShot(cert, '21-sign-confirm-in-flow-ja');
    await press(confirm);
    await page.getByText('提出しました。').waitFor({ timeout: 20_000 });
    const flowApdus = await control(ext, 'apduLog');
    expect(flowApdus.filter((r) => /^00 ?20/i.test(r.command))).toHaveLength(0);
    expect(flowApdus.filter((r) => /^80 ?2A/i.test(r.command))).toHaveLength(1);
    // The flow ended: the card is powered off again (the next status read starts cold).
    await expect.poll(async () => (await control(ext, 'checkNow')).phase, { timeout: 10_000 }).toBe('ready');
    await page.screenshot({ path: join(ROOT, 'test-results', 'prompt', '22-demo-submitted.png') });

    const href = await page.locator('#download').getAttribute('href');
    const p7s = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())), href);
    const dir = mkdtempSync(join(tmpdir(), 'demo-p7s-'));
    writeFileSync(join(dir, 'return.p7s'), Uint8Array.from(p7s));
    writeFileSync(join(dir, 'return.txt'), RETURN_DOCUMENT);
    writeFileSync(join(dir, 'ca.pem'), signCaPem);
    const { stderr } = await run('/usr/bin/openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'return.p7s'), '-content', join(dir, 'return.txt'), '-CAfile', join(dir, 'ca.pem'), '-out', join(dir, 'out.txt')]);
    expect(stderr).toContain('Verification successful');
    await page.close();
  }, 90_000);

  it('refuses to send the signing certificate when the holder does not agree, and the site is told it was cancelled', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${demo.origin}/return`);
    const certPrompt = nextPrompt();
    await press(page.getByRole('button', { name: '電子署名して提出' }));
    const cert = await certPrompt;
    await cert.waitForSelector('#pin');
    await cert.fill('#pin', 'ABC123');
    await press(cert.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await press(cert.getByRole('button', { name: t('ja', 'prompt.consent.refuse') }));
    await page.getByText('ERR_WEBEID_USER_CANCELLED').waitFor({ timeout: 10_000 });
    await page.close();
  }, 60_000);

  it('the demo portal page: login, two signatures and the card’s attributes, each checked by its server', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${demo.origin}/portal`);
    await page.getByText('拡張機能とアプリが使えます（24 / 29）').waitFor();
    let prompt = nextPrompt();
    await page.getByRole('button', { name: 'ログイン（利用者証明用）' }).click();
    let window = await prompt;
    await window.fill('#pin', '1234');
    await press(window.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await page.getByText('ログインの署名を確認しました').waitFor({ timeout: 20_000 });
    prompt = nextPrompt();
    await page.getByRole('button', { name: '電子署名（署名用・2件）' }).click();
    window = await prompt;
    await window.fill('#pin', 'ABC123');
    await press(window.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await press(window.getByRole('button', { name: t('ja', 'prompt.consent.agree') }));
    await page.getByText('2件の署名を確認しました').waitFor({ timeout: 20_000 });
    prompt = nextPrompt();
    await page.getByRole('button', { name: '券面事項の読み取り' }).click();
    window = await prompt;
    await window.fill('#pin', '1234');
    await press(window.getByRole('button', { name: t('ja', 'prompt.submit') }));
    await press(window.getByRole('button', { name: t('ja', 'prompt.consent.agree') }));
    await page.getByText(/氏名：.+　生年月日：\d{8}/).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(ROOT, 'test-results', 'prompt', '33-demo-portal.png') });
    await page.close();
  }, 90_000);
});
