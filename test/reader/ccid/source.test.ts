/**
 * The CCID driver's upper seam through the virtual reader (a real USBDevice surface):
 * what the layers above see of a CCID reader — identity, the neutral errors only (with
 * the driver's own code kept for logs), and no device left open after a refused open.
 */
import { describe, expect, it } from 'vitest';
import { createWebUsbCcidSource, openCcidReader, toSeamError } from '../../../src/reader/ccid/index';
import * as ccid from '../../../src/reader/ccid/errors';
import {
  CardMuteError,
  NoCardError,
  READER_SEAM_ERRORS,
  ReaderBusyError,
  ReaderCancelledError,
  ReaderGoneError,
  ReaderProtectedError,
  ReaderProtocolError,
  ReaderTimeoutError,
  ReaderUnsupportedError,
} from '../../../src/reader/errors';
import { READER_PROFILES, createVirtualCard, createVirtualReader, namedCardProfile, type VirtualReader } from '../../../src/virtual/index';
import { JpkiCard } from '../../../src/card/index';

async function virtualReader(profile: keyof typeof READER_PROFILES = 'SCR3310-NTTCom', extra: Partial<Parameters<typeof createVirtualReader>[0]> = {}): Promise<VirtualReader> {
  const card = await createVirtualCard(namedCardProfile('healthy', '2026-11-27'));
  return createVirtualReader({ card, profile: READER_PROFILES[profile], ...extra });
}

const SEAM_CLASSES = Object.values(READER_SEAM_ERRORS);

function expectSeam(e: unknown): void {
  expect(SEAM_CLASSES.some((cls) => e instanceof cls), `not a seam error: ${String(e)}`).toBe(true);
}

describe('openCcidReader', () => {
  it('names the reader by manufacturer and product and reads the card through the driver', async () => {
    const dev = await virtualReader();
    const open = await openCcidReader(dev, 'virtual');
    expect(open.identity).toEqual({ name: 'NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader', vendorId: 0x04e6, productId: 0x511a, source: 'virtual' });
    await open.powerOn();
    await new JpkiCard(open).select();
    expect(await open.slotStatus()).toBe('active');
    await open.powerOff();
    expect(await open.slotStatus()).toBe('inactive');
    await open.close();
    expect(dev.opened).toBe(false);
  });

  it('names a reader without strings by its USB ids', async () => {
    const profile = { ...READER_PROFILES['SCR3310-NTTCom'], manufacturerName: null, productName: null };
    const card = await createVirtualCard(namedCardProfile('healthy', '2026-11-27'));
    const dev = createVirtualReader({ card, profile });
    const open = await openCcidReader(dev, 'webusb-ccid');
    expect(open.identity.name).toBe('USB 04E6:511A');
    await open.close();
  });

  it('refuses a Smart Card class reader with ReaderProtectedError that keeps the advice, the driver code and the cause, and leaves the device closed', async () => {
    const dev = await virtualReader('ACR39U');
    const err = await openCcidReader(dev, 'webusb-ccid').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderProtectedError);
    const e = err as ReaderProtectedError;
    expect(e.code).toBe('reader-protected-interface');
    expect(e.message).toMatch(/protected class/);
    expect(e.message).toMatch(/SCR3310-NTTCom/);
    expect(e.details).toMatchObject({ interfaceClass: 0x0b, driverCode: 'reader-protected-interface' });
    expect(e.cause).toBeInstanceOf(ccid.ProtectedInterfaceError);
    // L4: the refused reader is not left open for the next try or another program.
    expect(dev.opened).toBe(false);
  });

  it('maps the OS holding the reader to ReaderBusyError with every OS\'s advice, and closes the device again', async () => {
    const dev = await virtualReader();
    dev.inject({ kind: 'claimed-by-os' });
    const err = (await openCcidReader(dev, 'webusb-ccid').catch((e: unknown) => e)) as ReaderBusyError;
    expect(err).toBeInstanceOf(ReaderBusyError);
    expect(err.details).toMatchObject({ driverCode: 'reader-busy', during: 'claimInterface' });
    expect(err.details.adviceLinux).toMatch(/pcscd/);
    expect(dev.opened).toBe(false);
    // Once the OS lets go, the same device opens.
    dev.clearFaults();
    const open = await openCcidReader(dev, 'webusb-ccid');
    await open.close();
  });

  it('does not close a device the caller had already opened', async () => {
    const dev = await virtualReader('ACR39U');
    await dev.open();
    await expect(openCcidReader(dev, 'webusb-ccid')).rejects.toBeInstanceOf(ReaderProtectedError);
    expect(dev.opened).toBe(true);
  });

  it('says card-absent with the neutral NoCardError when the slot is empty', async () => {
    const dev = createVirtualReader({ card: null, profile: READER_PROFILES['SCR3310-NTTCom'] });
    const open = await openCcidReader(dev, 'virtual');
    const err = await open.powerOn().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoCardError);
    expect((err as NoCardError).details.driverCode).toBe('card-absent');
    expect((err as NoCardError).cause).toBeInstanceOf(ccid.NoCardError);
    expect(await open.slotStatus()).toBe('absent');
    await open.close();
  });

  it('says reader-disconnected when the reader is unplugged mid-session, and after close', async () => {
    const dev = await virtualReader();
    const open = await openCcidReader(dev, 'virtual');
    await open.powerOn();
    dev.unplug();
    const err = await open.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x00)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderGoneError);
    await open.close();
    await expect(open.powerOn()).rejects.toMatchObject({ code: 'reader-disconnected', details: { driverCode: 'reader-closed' } });
    expect(() => open.onSlotChange(() => undefined)).toThrow(ReaderGoneError);
  });

  it('says reader-timeout when the reader stalls, keeping reader-stall as the driver code', async () => {
    const dev = await virtualReader();
    const open = await openCcidReader(dev, 'virtual');
    dev.inject({ kind: 'stall', endpoint: 'bulk-in' });
    const err = await open.powerOn().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderTimeoutError);
    expect((err as ReaderTimeoutError).details.driverCode).toBe('reader-stall');
    await open.close();
  });
});

describe('toSeamError', () => {
  // Every code of the CCID vocabulary lands on one neutral class, and keeps its code and cause.
  const expected: Record<ccid.ReaderErrorCode, (typeof SEAM_CLASSES)[number]> = {
    'reader-timeout': ReaderTimeoutError,
    'reader-stall': ReaderTimeoutError,
    'reader-disconnected': ReaderGoneError,
    'reader-closed': ReaderGoneError,
    'reader-transfer-failed': ReaderProtocolError,
    'reader-framing': ReaderProtocolError,
    'reader-protected-interface': ReaderProtectedError,
    'reader-busy': ReaderBusyError,
    'slot-busy': ReaderBusyError,
    'reader-unsupported': ReaderUnsupportedError,
    'reader-descriptor': ReaderProtocolError,
    'card-absent': NoCardError,
    'card-mute': CardMuteError,
    'reader-hardware': ReaderProtocolError,
    'reader-command-failed': ReaderProtocolError,
    't1-desync': ReaderProtocolError,
    't1-resync-failed': ReaderProtocolError,
    't1-block': ReaderProtocolError,
    'atr-parse': ReaderProtocolError,
  };
  it.each(Object.entries(ccid.READER_ERRORS))('maps the driver\'s %s', (code, Cls) => {
    const original = new (Cls as new (m: string, d: Record<string, string>) => Error)('what the driver said', { reason: 'no-t1' });
    const mapped = toSeamError(original);
    expect(mapped).toBeInstanceOf(expected[code as ccid.ReaderErrorCode]);
    expect(mapped.message).toBe('what the driver said');
    expect(mapped.details).toMatchObject({ driverCode: code, reason: 'no-t1' });
    expect(mapped.cause).toBe(original);
  });

  it.each([
    ['NotFoundError', ReaderGoneError],
    ['SecurityError', ReaderProtectedError],
    ['NetworkError', ReaderBusyError],
    ['AbortError', ReaderCancelledError],
  ] as const)('maps a raw WebUSB %s', (name, Cls) => {
    const mapped = toSeamError(new DOMException('raw', name));
    expect(mapped).toBeInstanceOf(Cls);
    expect(mapped.details.driverCode).toBe(`dom-${name}`);
  });

  it('passes neutral errors through untouched and turns anything else into a protocol error', () => {
    const neutral = new NoCardError('x');
    expect(toSeamError(neutral)).toBe(neutral);
    const odd = toSeamError(new TypeError('boom'));
    expect(odd).toBeInstanceOf(ReaderProtocolError);
    expectSeam(toSeamError('a string'));
  });
});

describe('createWebUsbCcidSource', () => {
  class PairedDevices extends EventTarget {
    constructor(readonly devices: VirtualReader[]) {
      super();
    }
    async getDevices(): Promise<USBDevice[]> {
      return this.devices.filter((d) => d.plugged);
    }
  }

  it('lists paired readers with their key and identity; open() gives a seam reader', async () => {
    const a = await virtualReader('SCR3310-NTTCom', { serialNumber: 'A1' });
    const b = await virtualReader('ACR39U', { serialNumber: null });
    const source = createWebUsbCcidSource(new PairedDevices([a, b]) as unknown as USB);
    expect(source.kind).toBe('webusb-ccid');
    const list = await source.list();
    expect(list.map((c) => c.key)).toEqual(['04E6:511A:A1', '072F:B100:#1']);
    expect(list[0]!.identity.source).toBe('webusb-ccid');
    await expect(list[1]!.open()).rejects.toBeInstanceOf(ReaderProtectedError);
    expect(b.opened).toBe(false);
    const open = await list[0]!.open();
    await open.powerOn();
    await open.close();
  });
});
