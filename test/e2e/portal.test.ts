/**
 * The government portal's page protocol end to end (issue 10 §6), on a local page that
 * behaves as the portal's pages do (facts portal-protocol.md): it reads the hidden inputs,
 * dispatches `launchApp` with a JSON string and collects every `recvMsg`. Served from
 * 127.0.0.1, where the virtual build also places the portal script.
 */
import { X509Certificate, constants, publicDecrypt, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { t } from '../../src/extension/i18n/index';
import { control, launchExtension, type Extension } from './harness';
import { press, promptShot, startSite, type Site } from './site';

const PORTAL_PAGE = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>ポータル（テスト）</title><body><h1>ポータル（テスト）</h1><script>
window.received = [];
document.addEventListener('recvMsg', (e) => window.received.push(e.detail));
window.launch = (request) => document.dispatchEvent(new CustomEvent('launchApp', { detail: typeof request === 'string' ? request : JSON.stringify(request) }));
window.markers = () => [document.getElementById('extension-is-installed')?.value ?? null, document.getElementById('app-is-installed')?.value ?? null, document.querySelectorAll('#extension-is-installed').length];
</script></body></html>`;
const OFFICIAL_PRESENT = PORTAL_PAGE.replace('<body>', '<body><input type="hidden" id="extension-is-installed" value="24"><input type="hidden" id="app-is-installed" value="29">');

let ext: Extension;
let site: Site;
let page: Page;

beforeAll(async () => {
  ext = await launchExtension();
  site = await startSite({
    '/official': { type: 'text/html; charset=utf-8', body: OFFICIAL_PRESENT },
    '/': { type: 'text/html; charset=utf-8', body: PORTAL_PAGE },
    '/ua/': { type: 'text/html; charset=utf-8', body: '<!doctype html><title>ua</title><script>window.seen = { ua: navigator.userAgent, platform: navigator.platform, data: navigator.userAgentData?.platform };</script>' },
  });
});
afterAll(async () => {
  await ext?.close();
  await site?.close();
});
beforeEach(async () => {
  await control(ext, 'reset');
  page = await ext.context.newPage();
  await page.goto(`${site.origin}/`);
  await page.waitForFunction(() => (window as unknown as { markers: () => unknown[] }).markers()[0] !== null);
});
afterEach(async () => {
  for (const p of ext.context.pages()) if (p.url().includes('/src/extension/prompt/') || p === page) await p.close();
});

async function launch(request: unknown): Promise<void> {
  await page.evaluate((r) => (window as unknown as { launch: (x: unknown) => void }).launch(r), request);
}
async function received(n = 1, timeout = 20_000): Promise<string[]> {
  await page.waitForFunction((count) => (window as unknown as { received: string[] }).received.length >= count, n, { timeout });
  return page.evaluate(() => (window as unknown as { received: string[] }).received);
}
async function launchAndPrompt(request: unknown): Promise<Page> {
  const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
  await launch(request);
  const prompt = await opened;
  await prompt.waitForURL(/\/src\/extension\/prompt\//);
  await prompt.setViewportSize({ width: 440, height: 600 });
  await prompt.waitForSelector('main.prompt h1');
  return prompt;
}
async function submit(prompt: Page, pin: string): Promise<void> {
  await prompt.waitForSelector('#pin');
  await prompt.fill('#pin', pin);
  await press(prompt.getByRole('button', { name: t('ja', 'prompt.submit') }));
}
/** The card signed `data` verbatim with PKCS#1 v1.5 type 1 padding: opening the signature gives the data back. */
function signedVerbatim(signatureB64: string, certificateB64: string, data: Buffer): boolean {
  const cert = new X509Certificate(Buffer.from(certificateB64, 'base64'));
  return publicDecrypt({ key: cert.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signatureB64, 'base64')).equals(data);
}

describe('the portal protocol (マイナポータル / e-Tax login)', () => {
  it('shows the two hidden inputs with the values pages look for', async () => {
    expect(await page.evaluate(() => (window as unknown as { markers: () => unknown[] }).markers())).toEqual(['24', '29', 1]);
  });

  it('mode 01: signs the digest verbatim with the authentication key, one reply in the official shape (≤ 6 APDUs after the PIN)', async () => {
    const digest = randomBytes(32);
    const prompt = await launchAndPrompt({ mode: '01', service_id: '01', digest: digest.toString('base64') });
    await promptShot(prompt, '30-portal-login-ja');
    await prompt.waitForSelector('#pin');
    await control(ext, 'apduLog');
    await submit(prompt, '1234');
    const [raw] = await received();
    const reply = JSON.parse(raw!) as Record<string, string>;
    expect(Object.keys(reply)).toEqual(['mode', 'result', 'uuid', 'signature', 'certificate', 'combination_code']);
    expect(reply).toMatchObject({ mode: '01', result: '0' });
    expect(reply.uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(reply.combination_code).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.signature).toMatch(/=$/);
    expect(reply.certificate).not.toMatch(/=$/);
    expect(signedVerbatim(reply.signature!, reply.certificate!, digest)).toBe(true);
    expect((await control(ext, 'apduLog')).length).toBeLessThanOrEqual(6);
    await page.waitForTimeout(300);
    expect(await received()).toHaveLength(1);
  });

  it('mode 02: one password, every digest in order, the signing certificate only after the holder agrees', async () => {
    const digests = [randomBytes(32), randomBytes(51)];
    const prompt = await launchAndPrompt({ mode: '02', service_id: '01', digest: digests.map((d) => d.toString('base64')) });
    await prompt.getByText('署名する件数：2件').waitFor();
    await submit(prompt, 'ABC123');
    await prompt.getByRole('button', { name: t('ja', 'prompt.consent.agree') }).waitFor();
    await promptShot(prompt, '31-portal-sign-consent-ja');
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.consent.agree') }));
    const reply = JSON.parse((await received())[0]!) as { signature: string[]; certificate: string; mode: string; result: string };
    expect(reply).toMatchObject({ mode: '02', result: '0' });
    expect(reply.signature).toHaveLength(2);
    reply.signature.forEach((s, i) => expect(signedVerbatim(s, reply.certificate, digests[i]!)).toBe(true));
  });

  it('mode 02 with one digest string still answers an array', async () => {
    const digest = randomBytes(32);
    const prompt = await launchAndPrompt({ mode: '02', service_id: '01', digest: digest.toString('base64') });
    await submit(prompt, 'ABC123');
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.consent.agree') }));
    const reply = JSON.parse((await received())[0]!) as { signature: string[] };
    expect(reply.signature).toHaveLength(1);
  });

  it('mode 04: the assist PIN, the four attributes shown, then sent as lower-case hex of the card’s bytes', async () => {
    const prompt = await launchAndPrompt({ mode: '04', service_id: '01' });
    await submit(prompt, '1234');
    await prompt.getByRole('button', { name: t('ja', 'prompt.consent.agree') }).waitFor();
    await promptShot(prompt, '32-portal-card-info-ja');
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.consent.agree') }));
    const reply = JSON.parse((await received())[0]!) as Record<string, string>;
    expect(Object.keys(reply)).toEqual(['mode', 'result', 'uuid', 'name', 'sex', 'address', 'birthday', 'combination_code']);
    for (const key of ['name', 'sex', 'address', 'birthday']) expect(reply[key]).toMatch(/^([0-9a-f]{2})+$/);
    expect(Buffer.from(reply.birthday!, 'hex').toString('utf8')).toMatch(/^\d{8}$/);
  });

  it('refuses a malformed request with the official failure shape and never echoes the digest', async () => {
    const long = randomBytes(246).toString('base64');
    const cases: unknown[] = ['not json', { mode: '01', service_id: '02', digest: 'AAAA' }, { mode: '01', service_id: '01', digest: long }, { mode: '03', service_id: '01' }, { mode: '01', service_id: '01', digest: '***' }];
    for (const request of cases) await launch(request);
    const replies = (await received(cases.length)).map((r) => JSON.parse(r) as Record<string, string>);
    expect(replies[0]).toEqual({ result: '1', errcode: 'EW044-C300' });
    expect(Object.keys(replies[1]!)).toEqual(['mode', 'result', 'errcode']);
    expect(replies.slice(1)).toEqual([
      { mode: '01', result: '1', errcode: 'EW044-C300' },
      { mode: '01', result: '1', errcode: 'EW044-C300' },
      { mode: '03', result: '1', errcode: 'EW044-C300' },
      { mode: '01', result: '1', errcode: 'EW044-C300' },
    ]);
    expect(JSON.stringify(replies)).not.toContain(long.slice(0, 20));
  });

  it('a wrong PIN spends one try and shows the count; cancel then ends with one failure reply', async () => {
    const prompt = await launchAndPrompt({ mode: '01', service_id: '01', digest: randomBytes(32).toString('base64') });
    await submit(prompt, '9999');
    await prompt.locator('.pin-count', { hasText: '残り2回' }).waitFor();
    await press(prompt.getByRole('button', { name: t('ja', 'prompt.cancel') }));
    expect(JSON.parse((await received())[0]!)).toEqual({ mode: '01', result: '1', errcode: 'EW044-C300' });
    await page.waitForTimeout(300);
    expect(await received()).toHaveLength(1);
  });

  it('mode 05 ends the pending request of the tab: its window closes and it gets its one failure reply', async () => {
    const prompt = await launchAndPrompt({ mode: '01', service_id: '01', digest: randomBytes(32).toString('base64') });
    await prompt.waitForSelector('#pin');
    await launch({ mode: '05' });
    const replies = (await received(2)).map((r) => JSON.parse(r) as Record<string, string>);
    expect(replies).toContainEqual({ mode: '05', result: '0' });
    expect(replies).toContainEqual({ mode: '01', result: '1', errcode: 'EW044-C300' });
  });

  it('stands down where the official extension answers: our inputs go, and launchApp gets no second reply', async () => {
    const official = await ext.context.newPage();
    await official.goto(`${site.origin}/official`);
    await official.waitForTimeout(800);
    expect(await official.evaluate(() => (window as unknown as { markers: () => unknown[] }).markers())).toEqual(['24', '29', 1]);
    await official.evaluate(() => (window as unknown as { launch: (x: unknown) => void }).launch({ mode: '01', service_id: '01', digest: 'AAAA' }));
    await official.waitForTimeout(1_000);
    expect(await official.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual([]);
    await official.close();
  });

  it('records every request by its shape on the diagnostics page — the adjacent launchJPKIApp too — and never a digest', async () => {
    const digest = randomBytes(32).toString('base64');
    await launch({ mode: '01', service_id: '02', digest, extra: 'x' });
    await page.evaluate(() => document.dispatchEvent(new CustomEvent('launchJPKIApp', { detail: JSON.stringify({ mode: '11', keypair_division: '01', certificate_type: '01' }) })));
    await received(1);
    const diag = await ext.context.newPage();
    await diag.goto(`chrome-extension://${ext.id}/src/extension/diagnostics/index.html`);
    await diag.getByText('portal-jpki 11').waitFor();
    const text = (await diag.locator('table.diag').textContent()) ?? '';
    expect(text).toContain('mode, service_id, digest, extra (32 B)');
    expect(text).toContain('bad-request');
    expect(text).toContain('not-served');
    expect(text).not.toContain(digest.slice(0, 12));
    await diag.setViewportSize({ width: 980, height: 600 });
    await diag.screenshot({ path: 'test-results/prompt/40-diagnostics-ja.png' });
    await diag.close();
  });

  it('shows the portal a Windows user agent on Linux, in the page’s own world, and no other site', async () => {
    const ua = await ext.context.newPage();
    await ua.goto(`${site.origin}/ua/`);
    const seen: Record<string, string> = await ua.evaluate(async () => ({ ...(window as unknown as { seen: Record<string, string> }).seen, high: (await (navigator as unknown as { userAgentData: { getHighEntropyValues(h: string[]): Promise<{ platform: string }> } }).userAgentData.getHighEntropyValues(['platform'])).platform }));
    expect(seen).toMatchObject({ platform: 'Win32', data: 'Windows', high: 'Windows' });
    expect(seen.ua).toContain('Windows NT 10.0; Win64; x64');
    expect(seen.ua).not.toContain('Linux');
    expect(await page.evaluate(() => navigator.userAgent)).toContain('Linux');
    await ua.close();
  });
});
