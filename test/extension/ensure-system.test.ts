/**
 * `npm start` on a fresh machine (issue 13 §4): the system step installs what start needs
 * when it can, and otherwise stops with the one exact line to run — never a bare stack
 * trace from a missing /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { planFor, START_NEEDS, SYSTEM_NEEDS } from '../../scripts/ensure-system';

const chromium = SYSTEM_NEEDS.filter((n) => n.pkg === 'chromium');

describe('the system step of npm start and npm test', () => {
  it('start needs Chromium and the Japanese fonts, not the PC/SC tools of the conformance test', () => {
    expect(START_NEEDS.map((n) => n.pkg).sort()).toEqual(['chromium', 'fonts-noto-cjk']);
  });

  it.each([
    ['nothing missing', [], { isRoot: false, hasApt: true, hasSudo: true }, { kind: 'ready' }],
    ['root on Debian installs', START_NEEDS, { isRoot: true, hasApt: true, hasSudo: false }, { kind: 'install', pkgs: ['chromium', 'fonts-noto-cjk'] }],
    ['a user with sudo is given the sudo line', chromium, { isRoot: false, hasApt: true, hasSudo: true }, { kind: 'stop', line: "sudo sh -c 'apt-get update && apt-get install -y chromium'" }],
    ['a user without sudo is told to run it as root', chromium, { isRoot: false, hasApt: true, hasSudo: false }, { kind: 'stop', line: 'as root: apt-get update && apt-get install -y chromium' }],
  ] as const)('%s', (_name, need, machine, plan) => {
    expect(planFor(need, machine)).toEqual(plan);
  });

  it('names the packages and where Chromium must be on a system without apt-get', () => {
    const plan = planFor(START_NEEDS, { isRoot: true, hasApt: false, hasSudo: true });
    expect(plan.kind).toBe('stop');
    expect(plan.kind === 'stop' && plan.line).toMatch(/chromium, fonts-noto-cjk.*\/usr\/bin\/chromium/);
  });
});
