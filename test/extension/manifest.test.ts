/** manifest.json and the code agree on the extension's pages, and the permission set stays minimal. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGES } from '../../src/extension/pages';

const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as {
  action: { default_popup: string };
  options_page: string;
  permissions: string[];
  optional_host_permissions?: string[];
  host_permissions?: string[];
  background: { service_worker: string };
};

describe('manifest.json', () => {
  it('names the popup and the pairing page where the background looks for them', () => {
    expect(manifest.action.default_popup).toBe(PAGES.popup);
    expect(manifest.options_page).toBe(PAGES.setup);
  });

  it('asks at install for storage, scripting and the portal’s own hosts only; any other site when the holder allows it', () => {
    expect(manifest.permissions).toEqual(['storage', 'scripting']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    // マイナポータル and e-Tax (issue 10 §1): Chrome names these two at install.
    expect(manifest.host_permissions).toEqual(['https://*.myna.go.jp/*', 'https://*.nta.go.jp/*']);
    expect(manifest).not.toHaveProperty('content_scripts');
    expect(manifest.background.service_worker).toBe('src/extension/worker.ts');
  });
});
