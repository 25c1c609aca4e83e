/**
 * The shipped build (dist/) against the rules it must keep: the permission set that
 * must never grow (an added permission disables the extension on update until the user
 * re-approves), Japanese by default with English, and no virtual-reader code inside.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SHIPPED_DIST, VIRTUAL_DIST, requireBuild } from './harness';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const textOf = (dir: string): string =>
  files(dir).filter((f) => /\.(js|html|json|css)$/.test(f)).map((f) => readFileSync(f, 'utf8')).join('\n');

beforeAll(() => {
  const vite = join(ROOT, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  requireBuild(SHIPPED_DIST);
  requireBuild(VIRTUAL_DIST);
}, 120_000);

describe('the shipped extension', () => {
  it('asks at install for storage, scripting and the portal’s hosts: no usb (MV3 has none), no other host, no static content scripts', () => {
    const manifest = JSON.parse(readFileSync(join(SHIPPED_DIST, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage', 'scripting']);
    // The PC/SC companion's route, asked for only by the holders who choose it (issue 12).
    expect(manifest.optional_permissions).toEqual(['nativeMessaging']);
    // Sites are asked for one by one, when the holder allows a site (issue 9 §3).
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    expect(manifest.host_permissions).toEqual(['https://*.myna.go.jp/*', 'https://*.nta.go.jp/*']);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.name).toBe('My Number Card Bridge');
    expect(manifest.default_locale).toBe('ja');
  });

  it('is Japanese by default and English when Chrome runs in English', () => {
    for (const lang of ['ja', 'en']) {
      const messages = JSON.parse(readFileSync(join(SHIPPED_DIST, '_locales', lang, 'messages.json'), 'utf8'));
      expect(Object.keys(messages).sort()).toEqual(['actionTitle', 'extDescription', 'extName']);
    }
  });

  it('contains no virtual reader, virtual card, test CA or test keys', () => {
    const shipped = textOf(SHIPPED_DIST);
    for (const marker of ['virtualReader', 'VIRTUAL-0001', 'JPKI TEST CA', 'NOT TRUSTED', 'PRIVATE KEY', 'setPinTries', 'enterWrongPin']) {
      expect(shipped, marker).not.toContain(marker);
    }
  });

  it('differs from the virtual build only in the service worker and the local test servers it may serve', () => {
    const shipped = JSON.parse(readFileSync(join(SHIPPED_DIST, 'manifest.json'), 'utf8'));
    const virtual = JSON.parse(readFileSync(join(VIRTUAL_DIST, 'manifest.json'), 'utf8'));
    expect(virtual.permissions).toEqual(shipped.permissions);
    expect(virtual.host_permissions).toEqual([...shipped.host_permissions, 'http://localhost/*', 'http://127.0.0.1/*']);
    expect(virtual.action.default_popup).toBe(shipped.action.default_popup);
    expect(textOf(VIRTUAL_DIST)).toContain('virtualReader');
  });
});
