import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPANION_HOST_NAME } from '../../src/reader/native/index';

const SCRIPT = join(import.meta.dirname, '../../native/install/install-linux.sh');
const BROWSERS = ['google-chrome', 'chromium', 'BraveSoftware/Brave-Browser'];

describe('the Linux per-user installer', () => {
  it('puts the host manifest where Chrome, Chromium and Brave each look, naming our extension, and removes it again', () => {
    const home = mkdtempSync(join(tmpdir(), 'companion-install-'));
    const host = join(home, 'host-binary');
    writeFileSync(host, '#!/bin/sh\n');
    const env = { PATH: process.env.PATH, HOME: home };
    execFileSync('sh', [SCRIPT, '--extension-id', 'abcdefghijklmnopabcdefghijklmnop', '--host', host], { env });
    for (const b of BROWSERS) {
      const m = JSON.parse(readFileSync(join(home, '.config', b, 'NativeMessagingHosts', `${COMPANION_HOST_NAME}.json`), 'utf8')) as Record<string, unknown>;
      expect(m).toEqual({
        name: COMPANION_HOST_NAME,
        description: expect.any(String),
        path: join(home, '.local/share/mynumber-card-bridge/mynumber-card-bridge-host'),
        type: 'stdio',
        allowed_origins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'],
      });
      expect(existsSync(m.path as string)).toBe(true);
    }
    execFileSync('sh', [SCRIPT, '--uninstall'], { env });
    for (const b of BROWSERS) expect(existsSync(join(home, '.config', b, 'NativeMessagingHosts', `${COMPANION_HOST_NAME}.json`))).toBe(false);
    expect(existsSync(join(home, '.local/share/mynumber-card-bridge'))).toBe(false);
  });

  it('refuses to install without an extension id (a manifest allowing no one would fail silently)', () => {
    const home = mkdtempSync(join(tmpdir(), 'companion-install-'));
    expect(() => execFileSync('sh', [SCRIPT], { env: { PATH: process.env.PATH, HOME: home }, stdio: 'pipe' })).toThrow(/extension id/);
  });
});
