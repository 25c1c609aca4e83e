/**
 * Start and stop pcscd for the PC/SC conformance test and for `.ci/run`, without ever
 * touching a pcscd someone else started.
 *
 * - Readiness is "vpcd's TCP port is in LISTEN state", read from /proc/net/tcp. Probing
 *   it with connect() would look to vpcd like a card being inserted and pulled.
 * - Our own pcscd runs with `--foreground`, so the child process *is* the daemon and we
 *   can stop exactly it by its pid; its log goes to a file, so a full pipe can never
 *   block it.
 *
 * CLI:  tsx scripts/pcscd.ts status | start
 *   start  starts a detached pcscd if none runs (CI), then waits for vpcd's port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PCSCD = '/usr/sbin/pcscd';
const PID_FILE = '/run/pcscd/pcscd.pid';
/** vpcd slot 0, Debian /etc/reader.conf.d/vpcd (0x8C7B). */
export const VPCD_PORT = 35963;
/** ms for pcscd to load its drivers and open vpcd's port; it takes about 0.1 s here. */
const START_TIMEOUT_MS = 10_000;
/** ms for pcscd to exit after SIGTERM before we send SIGKILL. */
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 100;

export interface PcscdHandle {
  /** False when a pcscd was already running: then stop() leaves it alone. */
  readonly startedByUs: boolean;
  /** Our pcscd's log file (foreground output), when we started it. */
  readonly logFile: string | undefined;
  stop(): Promise<void>;
}

/** The pid in pcscd's pid file, if that process is alive. */
export function runningPcscdPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number.parseInt(readFileSync(PID_FILE, 'utf8').trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** True when something listens on TCP `port` (IPv4 or IPv6), per /proc/net/tcp{,6}. */
export function isListening(port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const LISTEN = '0A';
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (local?.endsWith(`:${hexPort}`) && state === LISTEN) return true;
    }
  }
  return false;
}

async function waitFor(what: string, ms: number, ready: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${ms} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function explainMissing(): string {
  return `pcscd is not running and cannot be started here (${existsSync(PCSCD) ? 'need root' : `${PCSCD} missing`}). ` +
    'Run as root: apt-get install -y pcscd vsmartcard-vpcd opensc && pcscd';
}

/** Uses the running pcscd, or starts our own in the foreground; waits until vpcd listens. */
export async function ensurePcscd(): Promise<PcscdHandle> {
  if (runningPcscdPid() !== undefined) {
    await waitFor(`vpcd port ${VPCD_PORT} of the running pcscd`, START_TIMEOUT_MS, () => isListening(VPCD_PORT)).catch((error: unknown) => {
      throw new Error(`${String(error)}: pcscd runs without the vpcd reader; install vsmartcard-vpcd, then restart pcscd`);
    });
    return { startedByUs: false, logFile: undefined, stop: async () => {} };
  }
  if (!existsSync(PCSCD) || !isRoot()) throw new Error(explainMissing());
  const logFile = join(tmpdir(), `pcscd-${process.pid}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(PCSCD, ['--foreground', '--apdu', '--info'], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    await waitFor(`pcscd (log ${logFile})`, START_TIMEOUT_MS, () => {
      if (exited) throw new Error(`pcscd exited at start; see ${logFile}`);
      return isListening(VPCD_PORT);
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { startedByUs: true, logFile, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** For CI: a detached pcscd that outlives this script (pcscd without --foreground forks itself). */
async function startDetached(): Promise<void> {
  if (runningPcscdPid() === undefined) {
    if (!existsSync(PCSCD) || !isRoot()) throw new Error(explainMissing());
    const child = spawn(PCSCD, [], { stdio: 'ignore', detached: true });
    child.unref();
  }
  await waitFor(`vpcd port ${VPCD_PORT}`, START_TIMEOUT_MS, () => isListening(VPCD_PORT));
  console.log(`pcscd running (pid ${runningPcscdPid() ?? '?'}), vpcd listening on ${VPCD_PORT}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2] ?? 'status';
  if (command === 'start') {
    startDetached().catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
  } else {
    const pid = runningPcscdPid();
    console.log(pid === undefined ? 'pcscd not running' : `pcscd pid ${pid}; vpcd port ${VPCD_PORT} ${isListening(VPCD_PORT) ? 'listening' : 'NOT listening'}`);
  }
}
