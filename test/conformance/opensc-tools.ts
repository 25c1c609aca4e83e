/**
 * The real OpenSC command-line tools, each run with a deadline, and a private
 * opensc.conf so a cached file from another card can never answer for this one
 * (the jpki emulator reports the same dummy serial "00000000" for every card).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TOOL_TIMEOUT_MS = 30_000;

export const TOOLS = {
  pkcs15: '/usr/bin/pkcs15-tool',
  pkcs11: '/usr/bin/pkcs11-tool',
  openscTool: '/usr/bin/opensc-tool',
} as const;

/** Where Debian and other distributions put OpenSC's PKCS#11 module. */
const MODULE_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
  '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so',
  '/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so',
  '/usr/lib/aarch64-linux-gnu/pkcs11/opensc-pkcs11.so',
  '/usr/lib64/opensc-pkcs11.so',
  '/usr/lib/opensc-pkcs11.so',
];

export function pkcs11Module(): string | undefined {
  return MODULE_CANDIDATES.find((p) => existsSync(p));
}

/** What is missing for the conformance test, with the package that provides it. */
export function missingTools(): string[] {
  const missing = Object.values(TOOLS).filter((t) => !existsSync(t)).map((t) => `${t} (opensc)`);
  if (!pkcs11Module()) missing.push('opensc-pkcs11.so (opensc-pkcs11)');
  if (!existsSync('/usr/sbin/pcscd')) missing.push('/usr/sbin/pcscd (pcscd)');
  if (!existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so')) missing.push('libifdvpcd.so (vsmartcard-vpcd)');
  return missing;
}

let conf: string | undefined;
function openscConf(): string {
  if (conf) return conf;
  const dir = mkdtempSync(join(tmpdir(), 'opensc-conf-'));
  conf = join(dir, 'opensc.conf');
  writeFileSync(conf, 'app default {\n  framework pkcs15 {\n    use_file_caching = no;\n  }\n}\n');
  return conf;
}

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool to completion or kills it at the deadline; a non-zero exit is a result, not a throw. */
export function run(file: string, args: readonly string[], binary = false): Promise<ToolResult & { readonly raw: Buffer }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: TOOL_TIMEOUT_MS, killSignal: 'SIGKILL', encoding: 'buffer', maxBuffer: 8 << 20, env: { ...process.env, OPENSC_CONF: openscConf() } },
      (error, stdout, stderr) => {
        const killed = error !== null && (error as NodeJS.ErrnoException & { killed?: boolean }).killed === true;
        if (killed) return reject(new Error(`${file} ${args.join(' ')} timed out after ${TOOL_TIMEOUT_MS} ms`));
        if (error && typeof (error as { code?: unknown }).code !== 'number') return reject(error);
        const code = error ? Number((error as { code?: unknown }).code) : 0;
        resolve({ code, stdout: binary ? '' : stdout.toString('utf8'), stderr: stderr.toString('utf8'), raw: stdout });
      },
    );
  });
}

/** "Tries left" per PIN label from `pkcs15-tool --list-pins`. */
export function triesLeft(listPins: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const block of listPins.split(/\n(?=PIN \[)/)) {
    const label = /^PIN \[(.+?)\]/m.exec(block)?.[1];
    const tries = /Tries left\s*:\s*(-?\d+)/.exec(block)?.[1];
    if (label && tries !== undefined) out[label] = Number(tries);
  }
  return out;
}

/** DER bytes from PEM text. */
export function pemToDer(pem: string): Uint8Array {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!body) throw new Error(`no PEM certificate in: ${pem.slice(0, 200)}`);
  return new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
}
