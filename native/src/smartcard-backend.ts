/**
 * The PcscBackend over the `smartcard` package's N-API addon (facts fallback-routes
 * §2.1): WinSCard, CryptoTokenKit's PC/SC or libpcsclite, whichever the OS has. We load
 * the addon itself, not the package's JS wrapper, because a single executable has no
 * node_modules: there the addon is a SEA asset written to a private temp file and
 * loaded with process.dlopen (the Node SEA docs' way for native addons, facts §2.2).
 *
 * Limits of smartcard 3.7.0 this adapter reports instead of hiding:
 * - no SCardBeginTransaction/EndTransaction in the addon: begin/end answer `not-supported`;
 * - errors carry text only, mapped in pcsc-errors.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sea from 'node:sea';
import type { CardInterface, ContextInterface, MonitorEvent, ReaderInterface, ReaderMonitorInterface } from 'smartcard';
import type { Disposition } from '../../src/reader/native/index';
import { codeForBindingError } from './pcsc-errors';
import { PcscFailure, type PcscBackend, type PcscCard, type PcscEvent } from './pcsc';

/** The part of the addon we use (its constants are SCARD_* values from the platform headers). */
interface Addon {
  readonly Context: new () => ContextInterface;
  readonly ReaderMonitor: new () => ReaderMonitorInterface;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_UNPOWER_CARD: number;
  readonly SCARD_STATE_PRESENT: number;
}

/** The SEA asset name of the addon (native/scripts/build.ts puts it there). */
export const ADDON_ASSET = 'smartcard_napi.node';
/**
 * Largest response we accept from one transmit, bytes: an extended-length answer of
 * 65536 data bytes plus SW1 SW2 (the binding's default of 258 would cut a certificate
 * read by an extended APDU).
 */
const MAX_RESPONSE = 65_538;

function addonPath(): string {
  if (!sea.isSea()) {
    return fileURLToPath(new URL('../node_modules/smartcard/build/Release/smartcard_napi.node', import.meta.url));
  }
  const bytes = new Uint8Array(sea.getAsset(ADDON_ASSET));
  // Named by content, so two versions never load each other's file and a rerun reuses it.
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `mynumber-card-bridge-host-${process.getuid?.() ?? 'user'}`);
  const file = join(dir, `smartcard-${digest}.node`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, bytes, { mode: 0o500 });
  }
  return file;
}

function loadAddon(): Addon {
  const module = { exports: {} as Addon };
  try {
    process.dlopen(module, addonPath());
  } catch (e) {
    // libpcsclite missing (Linux) is the usual cause: there is no PC/SC to speak to.
    throw new PcscFailure('no-service', `PC/SC library could not be loaded: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return module.exports;
}

async function mapped<T>(op: () => T | Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof PcscFailure) throw e;
    const { code, message } = codeForBindingError(e);
    throw new PcscFailure(code, message, { cause: e });
  }
}

function wrapCard(addon: Addon, card: CardInterface): PcscCard {
  const dispositions: Readonly<Record<Disposition, number>> = {
    leave: addon.SCARD_LEAVE_CARD,
    reset: addon.SCARD_RESET_CARD,
    unpower: addon.SCARD_UNPOWER_CARD,
  };
  const protocol = card.protocol === addon.SCARD_PROTOCOL_T1 ? 'T=1' : card.protocol === addon.SCARD_PROTOCOL_T0 ? 'T=0' : 'raw';
  const notSupported = async (): Promise<void> => {
    throw new PcscFailure('not-supported', 'this companion build cannot hold PC/SC transactions (smartcard 3.7.0 has no SCardBeginTransaction)');
  };
  return {
    atr: new Uint8Array(card.atr ?? []),
    protocol,
    transmit: (apdu) => mapped(async () => new Uint8Array(await card.transmit(Buffer.from(apdu), { maxRecvLength: MAX_RESPONSE }))),
    beginTransaction: notSupported,
    endTransaction: notSupported,
    disconnect: (d) => mapped(() => card.disconnect(dispositions[d])),
  };
}

function presence(addon: Addon, e: MonitorEvent): PcscEvent['state'] | undefined {
  switch (e.type) {
    case 'card-inserted':
      return 'present';
    case 'card-removed':
      return 'empty';
    case 'reader-detached':
      return 'gone';
    case 'reader-attached':
      return (e.state & addon.SCARD_STATE_PRESENT) !== 0 ? 'present' : 'empty';
    default:
      return undefined;
  }
}

/** Opens a PC/SC context lazily: a host started while pcscd is down still answers hello, and later requests retry. */
export function createSmartcardBackend(): PcscBackend {
  let addon: Addon | undefined;
  let context: ContextInterface | undefined;
  let monitor: ReaderMonitorInterface | undefined;

  const ctx = (): { addon: Addon; context: ContextInterface } => {
    addon ??= loadAddon();
    if (context === undefined || !context.isValid) context = new addon.Context();
    return { addon, context };
  };
  const reader = (c: ContextInterface, name: string): ReaderInterface => {
    const r = c.listReaders().find((x) => x.name === name);
    if (r === undefined) throw new PcscFailure('unknown-reader', `no reader named "${name}"`);
    return r;
  };

  return {
    listReaders: () =>
      mapped(() => {
        const { addon: a, context: c } = ctx();
        return c.listReaders().map((r) => ({ name: r.name, present: (r.state & a.SCARD_STATE_PRESENT) !== 0 }));
      }),
    connect: (name) =>
      mapped(async () => {
        const { addon: a, context: c } = ctx();
        const card = await reader(c, name).connect(a.SCARD_SHARE_SHARED, a.SCARD_PROTOCOL_T1 | a.SCARD_PROTOCOL_T0);
        return wrapCard(a, card);
      }),
    watch(listener) {
      const a = (addon ??= loadAddon());
      const m = new a.ReaderMonitor();
      monitor = m;
      m.start((e) => {
        const state = presence(a, e);
        if (state !== undefined) listener({ reader: e.reader, state });
      });
      return () => {
        if (m.isRunning) m.stop();
        if (monitor === m) monitor = undefined;
      };
    },
    close() {
      if (monitor?.isRunning) monitor.stop();
      monitor = undefined;
      if (context?.isValid) context.close();
      context = undefined;
    },
  };
}
