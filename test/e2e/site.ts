/**
 * A local site for the end-to-end tests of the page protocols: an HTTP server on
 * 127.0.0.1 (the virtual build's content script runs there) whose page collects every
 * reply the extension posts, so a test can post raw `web-eid:*` messages — as any site
 * could, with no library of ours — and wait for the answer.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT, type Extension } from './harness';

export const PROMPT_SHOTS = join(ROOT, 'test-results', 'prompt');

const PAGE = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>テストサイト</title><body><h1>テストサイト</h1><script>
window.replies = [];
window.addEventListener('message', (e) => {
  if (e.source === window && e.data && typeof e.data.action === 'string' && /-(ack|success|failure)$/.test(e.data.action)) window.replies.push(e.data);
});
</script></body></html>`;

export interface Site {
  readonly origin: string;
  close(): Promise<void>;
}

export async function startSite(extraRoutes: Record<string, { type: string; body: string }> = {}, host = '127.0.0.1'): Promise<Site> {
  const server: Server = createServer((req, res) => {
    const route = extraRoutes[req.url ?? '/'];
    res.setHeader('content-type', route?.type ?? 'text/html; charset=utf-8');
    res.end(route?.body ?? PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  const shown = host.includes(':') ? `[${host}]` : host;
  return { origin: `http://${shown}:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function openSite(ext: Extension, url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(url);
  return page;
}

export function post(page: Page, message: unknown): Promise<void> {
  return page.evaluate((m) => window.postMessage(m, '*'), message);
}

/** The final reply (-success or -failure) to `action`, the n-th one when several came. */
export async function reply(page: Page, action: string, nth = 0, timeout = 20_000): Promise<Record<string, unknown>> {
  const handle = await page.waitForFunction(
    ([a, n]) => {
      const done = (window as unknown as { replies: { action: string }[] }).replies.filter((r) => r.action === `${a}-success` || r.action === `${a}-failure`);
      return done[n as number];
    },
    [action, nth] as const,
    { timeout },
  );
  return (await handle.jsonValue()) as Record<string, unknown>;
}

export async function replies(page: Page): Promise<{ action: string }[]> {
  return page.evaluate(() => (window as unknown as { replies: { action: string }[] }).replies);
}

/** Posts `message` and returns the PIN window it opens, ready to be used. */
export async function askAndGetPrompt(ext: Extension, page: Page, message: unknown): Promise<Page> {
  const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
  await post(page, message);
  const prompt = await opened;
  // A popup window's page may report about:blank before it navigates to our window.
  await prompt.waitForURL(/\/src\/extension\/prompt\/index\.html/, { timeout: 10_000 });
  await prompt.setViewportSize({ width: 440, height: 600 });
  await prompt.waitForSelector('main.prompt h1');
  return prompt;
}

/**
 * Clicks a button of the PIN window that may end the request: the window then closes at
 * once, which Playwright can report as "target closed" while finishing its click.
 */
export async function press(locator: Locator): Promise<void> {
  await locator.click({ noWaitAfter: true }).catch((error: unknown) => {
    if (!/closed/i.test(String(error))) throw error;
  });
}

export async function promptShot(prompt: Page, name: string): Promise<void> {
  mkdirSync(PROMPT_SHOTS, { recursive: true });
  await prompt.screenshot({ path: join(PROMPT_SHOTS, `${name}.png`) });
}
