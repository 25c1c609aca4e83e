/**
 * Issue 3 §5: an independent JPKI client — OpenSC's `jpki` card driver and its PKCS#11
 * module, through the operating system's pcscd — accepts the virtual card unchanged.
 * It fails (never skips) when pcscd, vpcd or OpenSC are missing. The full APDU trace is
 * written to a file named in the output; docs/pcsc.md explains it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { concat, fromHex, hex, toArrayBuffer } from '../../src/bytes';
import { JpkiCard, parseCertificate } from '../../src/card/index';
import { redactSecrets } from '../../src/wire-log';
import { createVirtualCard } from '../../src/virtual/index';
import { startVpcdClient, type VpcdCard, type VpcdClient, type VpcdEvent } from '../../src/virtual/pcsc/index';
import { ensurePcscd, type PcscdHandle } from '../../scripts/pcscd';
import { missingTools, pemToDer, pkcs11Module, run, TOOLS, triesLeft } from './opensc-tools';

const READER = 'Virtual PCD 00 00';
/** vpcd's second slot (Debian reader.conf: 35963 + 1). */
const SLOT1_READER = 'Virtual PCD 00 01';
const SLOT1_PORT = 35964;
const AUTH_PIN = '1234';
const AUTH_TOKEN = 'JPKI (User Authentication PIN)';
const AUTH_PIN_LABEL = 'User Authentication PIN';
const SIGN_TOKEN = 'JPKI (Digital Signature PIN)';
const SIGN_PASSWORD = 'ABC123';
const SHA256_DIGEST_INFO = fromHex('30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20');
const WAIT_MS = 15_000;

type Card = Awaited<ReturnType<typeof createVirtualCard>>;

/**
 * The card as pcscd sees it, plus our own client for checks between OpenSC runs. Power
 * goes through here, so our client powers the card only when pcscd left it off and
 * never switches off a card pcscd believes is on.
 */
class SharedCard implements VpcdCard {
  powered = false;
  constructor(readonly card: Card) {}
  transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.card.transmit(command);
  }
  powerOn(): Uint8Array {
    this.powered = true;
    return this.card.powerOn();
  }
  powerOff(): void {
    this.powered = false;
    this.card.powerOff();
  }
  /** pcscd's reset is a warm reset: verified PINs stay (jpki-protocol §3.3). */
  reset(): Uint8Array {
    this.powered = true;
    return this.card.reset();
  }
  async own<T>(use: (jpki: JpkiCard) => Promise<T>): Promise<T> {
    const wasPowered = this.powered;
    if (!wasPowered) this.card.powerOn();
    try {
      return await use(new JpkiCard(this.card));
    } finally {
      if (!wasPowered) this.card.powerOff();
    }
  }
}

let pcscd: PcscdHandle | undefined;
let client: VpcdClient | undefined;
let shared: SharedCard;
let authCert: Uint8Array;
let readerIndex: string;
const trace: string[] = [];
const t0 = Date.now();
const elapsed = (): string => ((Date.now() - t0) / 1000).toFixed(2);
const workDir = mkdtempSync(join(tmpdir(), 'opensc-conformance-'));

/** Long answers (certificate chunks, signatures) as their first bytes, length and SW. */
function abbreviated(response: Uint8Array): string {
  if (response.length <= 24) return hex(response);
  return `${hex(response.subarray(0, 8))} … (${response.length - 2} data bytes) ${hex(response.subarray(-2))}`;
}

/** Records what the card saw, PINs redacted; `tag` tells the slots apart. */
function traceInto(tag: string): (e: VpcdEvent) => void {
  return (e) => {
    if (e.kind === 'apdu') trace.push(`${tag}> ${redactSecrets(e.command)}`, `${tag}< ${abbreviated(e.response)}`);
    else if (e.kind !== 'atr') trace.push(`${tag}(${e.kind} at +${elapsed()} s)`);
  };
}

/** Each OpenSC run, with its label in the APDU trace. */
async function tool(file: string, args: readonly string[], binary = false): ReturnType<typeof run> {
  trace.push(`# +${elapsed()} s: ${file.split('/').pop()} ${args.join(' ').replace(/--pin \S+/, '--pin ****')}`);
  return run(file, args, binary);
}

/**
 * TCP connected is not enough: with another card in the slot (say, a developer's
 * `npm run virtual-card:pcsc`), we would wait in vpcd's backlog and OpenSC would read
 * that other card.
 */
async function servedBy(c: VpcdClient, reader: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!c.served) {
    if (Date.now() > deadline) throw new Error(`pcscd never polled our card in "${reader}": is another vpcd client holding that slot?`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** opensc-tool's index of `reader`, once pcscd reports a card in it. */
async function waitForCardIn(reader: string): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const { stdout } = await run(TOOLS.openscTool, ['--list-readers']);
    const line = stdout.split('\n').find((l) => l.includes(reader));
    const m = line ? /^\s*(\d+)\s+Yes\b/.exec(line) : null;
    if (m) return m[1]!;
    if (Date.now() > deadline) throw new Error(`pcscd does not show a card in "${reader}" within ${WAIT_MS} ms:\n${stdout}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Why setup failed; every test then fails with it (a missing tool is a failure, never a skip). */
let setupError: Error | undefined;

async function setUp(): Promise<void> {
  const missing = missingTools();
  if (missing.length > 0) throw new Error(`PC/SC conformance needs: ${missing.join(', ')}. Run as root: apt-get install -y pcscd vsmartcard-vpcd opensc`);
  pcscd = await ensurePcscd();
  shared = new SharedCard(await createVirtualCard());
  authCert = await shared.own((jpki) => jpki.readCertificate('auth'));
  client = startVpcdClient(shared, { onEvent: traceInto('') });
  await client.waitConnected(WAIT_MS).catch((error: unknown) => {
    throw new Error(`${String(error)}: is pcscd running with vsmartcard-vpcd, and is no other card in "${READER}"?`);
  });
  await servedBy(client, READER);
  readerIndex = await waitForCardIn(READER);
}

beforeAll(async () => {
  await setUp().catch((error: unknown) => {
    setupError = error instanceof Error ? error : new Error(String(error));
  });
});

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await client?.stop();
  await pcscd?.stop();
  const file = join(workDir, 'opensc-apdu-trace.txt');
  writeFileSync(file, trace.join('\n') + '\n');
  console.log(`OpenSC APDU trace: ${file}${pcscd?.logFile ? `; pcscd log: ${pcscd.logFile}` : ''}`);
});

describe('OpenSC through pcscd and vpcd', () => {
  it('matches the card to its jpki driver', async () => {
    const { code, stdout } = await tool(TOOLS.openscTool, ['--reader', readerIndex, '--name']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('jpki');
  });

  it('pkcs15-tool lists the authentication certificate where the JPKI card keeps it', async () => {
    const { code, stdout } = await tool(TOOLS.pkcs15, ['--reader', readerIndex, '--list-certificates']);
    expect(code).toBe(0);
    const block = stdout.split(/\n(?=X\.509 Certificate)/).find((b) => b.includes('[User Authentication Certificate]'));
    expect(block).toMatch(/Path\s*:\s*000a/);
    expect(block).toMatch(/ID\s*:\s*01/);
  });

  it('pkcs15-tool reads the authentication certificate byte-identical to the card’s', async () => {
    const { code, stdout } = await tool(TOOLS.pkcs15, ['--reader', readerIndex, '--read-certificate', '01']);
    expect(code).toBe(0);
    expect(hex(pemToDer(stdout))).toBe(hex(authCert));
  });

  it('a wrong PIN through OpenSC costs exactly one try, as our own client counts it', async () => {
    const before = await shared.own((jpki) => jpki.pinStatus('auth'));
    expect(before.remaining).toBeGreaterThan(1);
    const wrong = await tool(TOOLS.pkcs15, ['--reader', readerIndex, '--verify-pin', '--auth-id', '01', '--pin', '9999']);
    expect(wrong.code).not.toBe(0);
    const after = await shared.own((jpki) => jpki.pinStatus('auth'));
    expect(after.remaining).toBe(before.remaining - 1);
    expect(shared.card.pinTries('auth')?.remaining).toBe(after.remaining);
    const list = await tool(TOOLS.pkcs15, ['--reader', readerIndex, '--list-pins']);
    expect(triesLeft(list.stdout)[AUTH_PIN_LABEL]).toBe(after.remaining);
  });

  it('pkcs11-tool logs in with the authentication PIN and signs; the signature verifies against the certificate', async () => {
    const data = crypto.getRandomValues(new Uint8Array(100));
    const dataFile = join(workDir, 'data.bin');
    const sigFile = join(workDir, 'sig.bin');
    writeFileSync(dataFile, data);
    const signed = await tool(TOOLS.pkcs11, [
      '--module', pkcs11Module()!, '--token-label', AUTH_TOKEN, '--login', '--pin', AUTH_PIN,
      '--sign', '--mechanism', 'SHA256-RSA-PKCS', '--id', '01', '--input-file', dataFile, '--output-file', sigFile,
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    const signature = new Uint8Array(readFileSync(sigFile));
    expect(signature.length).toBe(256);
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(parseCertificate(authCert).spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), toArrayBuffer(data))).toBe(true);
    // OpenSC hashes on the host and sends the DigestInfo with P1=00, P2=80 (jpki-protocol §3.5).
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(data)));
    const expected = `> ${hex(concat(fromHex('80 2A 00 80 33'), SHA256_DIGEST_INFO, digest, fromHex('00')))}`;
    expect(trace).toContain(expected);
    // A correct PIN resets the counter (jpki-protocol §4).
    const status = await shared.own((jpki) => jpki.pinStatus('auth'));
    expect(status.remaining).toBe(status.max);
  });

  it('the signing token: the signing password opens the private signing certificate and key', async () => {
    const signCert = shared.card.certificates.sign!;
    const certFile = join(workDir, 'sign.der');
    const token = ['--module', pkcs11Module()!, '--token-label', SIGN_TOKEN, '--login', '--pin', SIGN_PASSWORD];
    const read = await tool(TOOLS.pkcs11, [...token, '--read-object', '--type', 'cert', '--id', '02', '--output-file', certFile]);
    expect(read.code, read.stderr).toBe(0);
    expect(hex(new Uint8Array(readFileSync(certFile)))).toBe(hex(signCert));
    const data = crypto.getRandomValues(new Uint8Array(64));
    const dataFile = join(workDir, 'data2.bin');
    const sigFile = join(workDir, 'sig2.bin');
    writeFileSync(dataFile, data);
    const signed = await tool(TOOLS.pkcs11, [...token, '--sign', '--mechanism', 'SHA256-RSA-PKCS', '--id', '02', '--input-file', dataFile, '--output-file', sigFile]);
    expect(signed.code, signed.stderr).toBe(0);
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(parseCertificate(signCert).spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(new Uint8Array(readFileSync(sigFile))), toArrayBuffer(data))).toBe(true);
    // Before the password, the card refused the read (6982) and OpenSC kept the certificate private.
    expect(trace).toContain('< 69 82');
  });

  it('still binds the card right after a login (pcscd keeps it powered a moment, the PIN still verified)', async () => {
    // OpenSC's jpki emulator queries both PINs at bind and gives up on any SW1 other than 63,
    // so the empty VERIFY must answer 63Cx even when the PIN is verified.
    const list = await tool(TOOLS.pkcs15, ['--reader', readerIndex, '--list-pins']);
    expect(list.code, list.stderr).toBe(0);
    expect(triesLeft(list.stdout)[AUTH_PIN_LABEL]).toBe(shared.card.pinTries('auth')?.max);
  });

  it('never lets a PIN reach the APDU trace', () => {
    const secrets = ['31 32 33 34', '39 39 39 39', '41 42 43 31 32 33'];
    expect(trace.filter((l) => secrets.some((x) => l.includes(x)))).toEqual([]);
  });
});

describe('what OpenSC 0.23 needs from the card, beyond the facts', () => {
  it('gives up on the whole card — authentication certificate included — once the signing password is locked', async () => {
    // Faithful to the card: a locked PIN answers even the empty VERIFY with 6984
    // (jpki-protocol §3.3). OpenSC's jpki emulator queries both PINs at bind and fails the
    // bind on any SW1 other than 63. If a newer OpenSC accepts 6984, this test says so:
    // update docs/pcsc.md ("Locked signing password") with the version.
    const locked = await createVirtualCard({ tries: { sign: 0 } });
    const slot1 = startVpcdClient(locked, { port: SLOT1_PORT, onEvent: traceInto('[slot 1] ') });
    try {
      await slot1.waitConnected(WAIT_MS);
      await servedBy(slot1, SLOT1_READER);
      const index = await waitForCardIn(SLOT1_READER);
      const result = await tool(TOOLS.pkcs15, ['--reader', index, '--list-certificates']);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/binding failed/i);
    } finally {
      await slot1.stop();
    }
  });
});

describe('npm run virtual-card:pcsc', () => {
  it('prints its options in Japanese and English', async () => {
    const { code, stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/virtual-card-pcsc.ts', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--port');
    expect(stdout).toContain('仮想マイナンバーカード');
  });

  it('puts a card into vpcd slot 1 that OpenSC matches, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/virtual-card-pcsc.ts', '--port', String(SLOT1_PORT)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const index = await waitForCardIn(SLOT1_READER).catch((error: unknown) => {
        throw new Error(`${String(error)}\nscript said:\n${out}`);
      });
      expect(out).toContain('connected to pcscd');
      const { stdout } = await run(TOOLS.openscTool, ['--reader', index, '--name']);
      expect(stdout.trim()).toBe('jpki');
    } finally {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      expect(code).toBe(0);
    }
  });
});
