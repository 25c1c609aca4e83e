/**
 * `npm start` on a machine without a display (issue 5 §2 and "Done when": the README's
 * first command shows the popup with a virtual card): it builds, runs Chromium headless,
 * saves a screenshot of the popup with the card read, and says where it is and how to
 * see the extension for real.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';

describe('npm start without a display', () => {
  it('builds, reads the virtual card headless, saves the popup screenshot and says where it is and how to see it for real', () => {
    const started = Date.now();
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 150_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('test-results/popup/npm-start.png');
    expect(run.stdout).toMatch(/Load unpacked/);
    const shot = statSync(join(ROOT, 'test-results', 'popup', 'npm-start.png'));
    expect(shot.mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    expect(shot.size).toBeGreaterThan(20_000);
  }, 180_000);
});
