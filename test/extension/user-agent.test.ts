import { describe, expect, it } from 'vitest';
import { windowsUserAgent } from '../../src/extension/content/user-agent';

describe('the Windows user agent shown to the portal on Linux and ChromeOS', () => {
  it.each([
    ['Linux', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'],
    ['ChromeOS', 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'],
    ['Linux on ARM', 'Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'],
  ])('%s says Windows and keeps the browser and its version', (_, ua) => {
    expect(windowsUserAgent(ua)).toBe('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36');
  });

  it('leaves a Windows or macOS user agent as it is', () => {
    for (const ua of ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/131']) expect(windowsUserAgent(ua)).toBe(ua);
  });
});
