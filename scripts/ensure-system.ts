/**
 * The test command's own setup step: the system packages the suite needs. Missing ones
 * are installed with apt-get when we run as root on Debian; otherwise it stops with the
 * exact command to run. It never lets a suite skip itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface SystemNeed {
  readonly file: string;
  readonly pkg: string;
  readonly why: string;
}

export const SYSTEM_NEEDS: readonly SystemNeed[] = [
  { file: '/usr/bin/chromium', pkg: 'chromium', why: 'end-to-end tests of the built extension' },
  { file: '/usr/sbin/pcscd', pkg: 'pcscd', why: 'PC/SC conformance test of the virtual card' },
  { file: '/usr/lib/pcsc/drivers/serial/libifdvpcd.so.0.8', pkg: 'vsmartcard-vpcd', why: 'the vpcd reader driver for pcscd' },
  { file: '/usr/bin/pkcs15-tool', pkg: 'opensc', why: 'OpenSC reads the virtual card' },
  // npm run companion:build compiles the smartcard addon (node-gyp) against PC/SC's headers.
  { file: '/usr/include/PCSC/winscard.h', pkg: 'libpcsclite-dev', why: 'building the companion (native/) and its end-to-end test' },
  { file: '/usr/bin/g++', pkg: 'g++', why: 'node-gyp compiles the companion\'s smartcard addon' },
  { file: '/usr/bin/make', pkg: 'make', why: 'node-gyp compiles the companion\'s smartcard addon' },
  // Without a CJK font Chromium draws every Japanese word as boxes in the popup
  // screenshots that npm start and the end-to-end tests save.
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', pkg: 'fonts-noto-cjk', why: 'Japanese text in the popup and its screenshots' },
];

/** What `npm start` needs: a browser to run the extension in, and a font for its Japanese. */
export const START_NEEDS: readonly SystemNeed[] = SYSTEM_NEEDS.filter((n) => n.pkg === 'chromium' || n.pkg === 'fonts-noto-cjk');

function missing(needs: readonly SystemNeed[]): SystemNeed[] {
  return needs.filter((n) => !existsSync(n.file));
}

export interface Machine {
  readonly isRoot: boolean;
  readonly hasApt: boolean;
  readonly hasSudo: boolean;
}

export type Plan =
  | { readonly kind: 'ready' }
  | { readonly kind: 'install'; readonly pkgs: readonly string[] }
  /** Stop and print `line`, the exact command that fixes it. */
  | { readonly kind: 'stop'; readonly line: string };

/** What to do about the missing packages on this machine (pure, so the unit test covers every case). */
export function planFor(need: readonly SystemNeed[], machine: Machine): Plan {
  if (need.length === 0) return { kind: 'ready' };
  const pkgs = [...new Set(need.map((n) => n.pkg))];
  if (!machine.hasApt) {
    return { kind: 'stop', line: `install ${pkgs.join(', ')} with your system's package manager (Chromium must be at /usr/bin/chromium)` };
  }
  if (machine.isRoot) return { kind: 'install', pkgs };
  const install = `apt-get update && apt-get install -y ${pkgs.join(' ')}`;
  return { kind: 'stop', line: machine.hasSudo ? `sudo sh -c '${install}'` : `as root: ${install}` };
}

const has = (cmd: string): boolean => spawnSync('which', [cmd]).status === 0;

export function ensureSystem(needs: readonly SystemNeed[] = SYSTEM_NEEDS): void {
  let need = missing(needs);
  const plan = planFor(need, { isRoot: typeof process.getuid === 'function' && process.getuid() === 0, hasApt: has('apt-get'), hasSudo: has('sudo') });
  if (plan.kind === 'ready') return;
  if (plan.kind === 'stop') {
    for (const n of need) console.error(`missing ${n.file} (${n.pkg}): ${n.why}`);
    console.error(`Run:  ${plan.line}`);
    process.exit(1);
  }
  console.log(`installing ${plan.pkgs.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...plan.pkgs], { stdio: 'inherit', env });
  need = missing(needs);
  if (need.length > 0) {
    console.error(`still missing after install: ${need.map((n) => n.file).join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystem();
