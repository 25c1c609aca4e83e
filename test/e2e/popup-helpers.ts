/**
 * Waiting for what the resident would see: text in the popup page, a phase in the stored
 * snapshot. Every wait has a deadline and fails with what was there instead.
 */
import type { Page } from 'playwright-core';
import type { StatusPhase, StatusSnapshot } from '../../src/extension/status-model';
import { storedSnapshot, type Extension } from './harness';

const WAIT_MS = 15_000;

const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim();

async function pageText(page: Page): Promise<string> {
  return normalise(await page.evaluate(() => document.body.textContent ?? ''));
}

export async function popupShows(page: Page, text: string, timeout = WAIT_MS): Promise<void> {
  const want = normalise(text);
  try {
    await page.waitForFunction((w) => (document.body.textContent ?? '').replace(/\s+/g, ' ').includes(w), want, { timeout, polling: 50 });
  } catch {
    throw new Error(`the popup did not show "${want}" within ${timeout} ms; it shows: ${(await pageText(page)).slice(0, 600)}`);
  }
}

export async function popupShowsNot(page: Page, text: string, timeout = WAIT_MS): Promise<void> {
  const want = normalise(text);
  try {
    await page.waitForFunction((w) => !(document.body.textContent ?? '').replace(/\s+/g, ' ').includes(w), want, { timeout, polling: 50 });
  } catch {
    throw new Error(`the popup still shows "${want}" after ${timeout} ms`);
  }
}

/** Waits for the stored snapshot to reach `phase` (and be newer than `after`, an ISO instant, when given). */
export async function waitForPhase(ext: Extension, phase: StatusPhase, timeout = WAIT_MS, after = ''): Promise<StatusSnapshot> {
  const deadline = Date.now() + timeout;
  let last: StatusSnapshot | undefined;
  while (Date.now() < deadline) {
    last = await storedSnapshot(ext);
    if (last?.phase === phase && last.updatedAt > after) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the status did not reach "${phase}" within ${timeout} ms; last: ${JSON.stringify(last)?.slice(0, 400)}`);
}
