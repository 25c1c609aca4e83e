/**
 * The driver against the virtual reader (an independent CCID + T=1 peer, STYLE §17)
 * holding the virtual JPKI card: whole JPKI flows at APDU and TPDU level, and each
 * injected fault ending in its typed error, after which the next operation works on
 * the same open reader (no re-pairing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CcidReader, NoCardError, ProtectedInterfaceError, ReaderDisconnectedError, ReaderStallError, ReaderTimeoutError } from '../../../src/reader/ccid/index';
import { createVirtualReader, READER_PROFILES } from '../../../src/virtual/reader/index';
import { createVirtualCard, DEFAULT_PINS, type VirtualJpkiCard } from '../../../src/virtual/card/index';
import { JpkiCard } from '../../../src/card/index';
import { BridgeError } from '../../../src/error';
import { drainWireLog } from '../../../src/wire-log';
import { hex } from '../../../src/bytes';

let card: VirtualJpkiCard;
beforeAll(async () => {
  card = await createVirtualCard();
});

const LEVELS = ['tpdu', 'short-apdu', 'extended-apdu'] as const;

async function flow(reader: CcidReader): Promise<{ certificate: Uint8Array; signature: Uint8Array }> {
  const jpki = new JpkiCard(reader);
  await jpki.select();
  const certificate = await jpki.readCertificate('auth');
  await jpki.verifyPin('auth', DEFAULT_PINS.auth);
  const signature = await jpki.sign('auth', 'SHA-256', new Uint8Array(32).fill(7));
  return { certificate, signature };
}

describe.each(LEVELS)('virtual SCR3310-NTTCom at %s level', (level) => {
  it('leaves neither PIN in the wire log at any hop (USB, CCID, T=1, APDU) after both are verified', async () => {
    const device = createVirtualReader({ card, level, browser: 'chrome' });
    const reader = await CcidReader.open(device);
    const jpki = new JpkiCard(reader);
    await jpki.select();
    drainWireLog();
    await jpki.verifyPin('auth', DEFAULT_PINS.auth);
    await jpki.verifyPin('sign', DEFAULT_PINS.sign);
    const records = drainWireLog();
    expect(new Set(records.map((r) => r.hop))).toEqual(new Set(level === 'tpdu' ? ['usb', 'ccid', 't1', 'apdu'] : ['usb', 'ccid', 'apdu']));
    const logged = records.map((r) => r.hex).join('\n').toUpperCase();
    for (const pin of [DEFAULT_PINS.auth, DEFAULT_PINS.sign]) {
      expect(logged).not.toContain(hex(new TextEncoder().encode(pin)).toUpperCase());
    }
    expect(logged).toContain('REDACTED');
    await reader.close();
  });

  it('powers on, selects JPKI, reads the authentication certificate and signs', async () => {
    const device = createVirtualReader({ card, level, browser: 'chrome' });
    const reader = await CcidReader.open(device);
    expect(reader.info.exchangeLevel).toBe(level);
    expect((await reader.powerOn()).length).toBeGreaterThan(2);
    const { certificate, signature } = await flow(reader);
    expect(certificate[0]).toBe(0x30);
    expect(signature).toHaveLength(256);
    await reader.close();
  });
});

describe('virtual ACR39U (TPDU, IFSD 247, no auto IFSD)', () => {
  it('signs through chained T=1 blocks when Chrome\'s rule is lifted', async () => {
    const device = createVirtualReader({ card, profile: READER_PROFILES.ACR39U, browser: 'unrestricted' });
    const reader = await CcidReader.open(device);
    await reader.powerOn();
    expect((await flow(reader)).signature).toHaveLength(256);
  });

  it('is refused with ProtectedInterfaceError under Chrome\'s rule', async () => {
    const device = createVirtualReader({ card, profile: READER_PROFILES.ACR39U, browser: 'chrome' });
    await expect(CcidReader.open(device)).rejects.toBeInstanceOf(ProtectedInterfaceError);
  });
});

describe.each(LEVELS)('faults at %s level end in typed errors and the next operation works', (level) => {
  async function open() {
    const device = createVirtualReader({ card, level, browser: 'chrome' });
    const reader = await CcidReader.open(device, { timeoutMs: 300 });
    await reader.powerOn();
    const jpki = new JpkiCard(reader);
    await jpki.select();
    return { device, reader, jpki };
  }

  it.each([
    ['a reader that stops answering', { kind: 'silent' } as const, ReaderTimeoutError],
    ['a stalled bulk-IN endpoint', { kind: 'stall', endpoint: 'bulk-in' } as const, ReaderStallError],
    // The virtual reader sends one stale frame and then nothing: a timeout, or a framing error if more follow.
    ['replies that never carry the right bSeq', { kind: 'wrong-bseq', always: true } as const, BridgeError],
    ['the card removed mid-exchange', { kind: 'card-removed-mid-exchange' } as const, NoCardError],
  ])('%s', async (_name, fault, errorType) => {
    const { device, reader, jpki } = await open();
    device.inject(fault);
    const started = Date.now();
    const err = await jpki.tokenLabel().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errorType);
    expect(Date.now() - started).toBeLessThan(10_000);
    device.clearFaults();
    if (fault.kind === 'card-removed-mid-exchange' && !device.cardPresent) device.insertCard(card);
    jpki.forgetSelection();
    expect((await flow(reader)).signature).toHaveLength(256);
    await reader.close();
  });

  it.each([
    ['stale replies before each answer', { kind: 'wrong-bseq', stale: 2 } as const],
    ['zeros after each reply', { kind: 'over-long-reply', count: 5, extra: 7 } as const],
    ['a few time extensions', { kind: 'time-extension-storm', extensions: 3, multiplier: 1 } as const],
    ['T=1 blocks with a bad checksum', { kind: 't1-bad-edc', count: 2 } as const],
  ])('tolerates %s without the caller noticing', async (_name, fault) => {
    const { device, reader } = await open();
    device.inject(fault);
    expect((await flow(reader)).signature).toHaveLength(256);
    await reader.close();
  });

  it('a truncated reply is a typed error, and the next operation works', async () => {
    const { device, reader, jpki } = await open();
    device.inject({ kind: 'truncated-reply', count: 1 });
    const err = await jpki.tokenLabel().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    device.clearFaults();
    jpki.forgetSelection();
    expect((await flow(reader)).signature).toHaveLength(256);
  });

  it('powers on after an ICC-mute answer at the first try, without the caller noticing', async () => {
    const device = createVirtualReader({ card, level, browser: 'chrome' });
    device.inject({ kind: 'mute-first-voltage' });
    const reader = await CcidReader.open(device, { timeoutMs: 300 });
    expect((await reader.powerOn()).length).toBeGreaterThan(2);
    expect((await flow(reader)).signature).toHaveLength(256);
  });

  it('unplugging becomes ReaderDisconnectedError', async () => {
    const { device, jpki } = await open();
    device.unplug();
    await expect(jpki.tokenLabel()).rejects.toBeInstanceOf(ReaderDisconnectedError);
  });
});
