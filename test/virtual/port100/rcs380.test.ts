/**
 * The RC-S380 driver against the virtual RC-S380 (an independent Port-100 + ISO-DEP peer,
 * STYLE §17) holding the virtual My Number Card: the whole JPKI flow with the signature
 * checked by WebCrypto, what crosses the wire for it, and each injected fault ending in
 * its typed error within its deadline, after which the next operation works on the same
 * open reader (no re-pairing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toArrayBuffer } from '../../../src/bytes';
import { JpkiCard, parseCertificate } from '../../../src/card/index';
import {
  CardLeftFieldError, IsoDepProtocolError, IsoDepTimeoutError, NoCardInFieldError, Port100Reader, UsbDisconnectedError, UsbStallError, UsbTimeoutError,
  openPort100Reader,
} from '../../../src/reader/port100/index';
import { CardRemovedError, ReaderBusyError, ReaderGoneError } from '../../../src/reader/errors';
import { createVirtualCard, createVirtualRcs380, DEFAULT_PINS, namedCardProfile, type VirtualJpkiCard, type VirtualRcs380 } from '../../../src/virtual/index';

let card: VirtualJpkiCard;
beforeAll(async () => {
  card = await createVirtualCard(namedCardProfile('healthy', '2026-11-27'));
});

const MESSAGE = new TextEncoder().encode('e-Tax 申告書');
const fixedPupi = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => 0x11 * (i + 1));

async function open(extra: Parameters<typeof createVirtualRcs380>[0] = {}): Promise<{ device: VirtualRcs380; reader: Port100Reader }> {
  const device = createVirtualRcs380({ card, random: fixedPupi, ...extra });
  return { device, reader: await Port100Reader.open(device) };
}

async function signAndVerify(reader: Port100Reader): Promise<boolean> {
  const jpki = new JpkiCard(reader);
  await jpki.select();
  const certificate = await jpki.readCertificate('auth');
  await jpki.verifyPin('auth', DEFAULT_PINS.auth);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', MESSAGE));
  const signature = await jpki.sign('auth', 'SHA-256', digest);
  const key = await crypto.subtle.importKey('spki', toArrayBuffer(parseCertificate(certificate).spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, MESSAGE);
}

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await p;
  } finally {
    expect(Date.now() - started).toBeLessThan(ms);
  }
}

describe('virtual RC-S380 with the virtual My Number Card', () => {
  it('activates the card and answers the pseudo-ATR of a My Number Card (FWI 10, FSC 256)', async () => {
    const { reader } = await open();
    expect(await reader.powerOn()).toEqual(Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x05, 0xe0, 0xb3, 0x81, 0xa1, 0x00, 0x7f));
    expect(reader.info.firmwareVersion).toBe('1.11');
    await reader.close();
  });

  it('selects JPKI, reads both certificates, the PIN status, verifies, signs, and WebCrypto accepts the signature', async () => {
    const { reader } = await open();
    const jpki = new JpkiCard(reader);
    await jpki.select();
    const auth = await jpki.readCertificate('auth');
    // The signing certificate is read behind the signing PIN (jpki-protocol §3.2).
    await jpki.verifyPin('sign', DEFAULT_PINS.sign);
    const sign = await jpki.readCertificate('sign');
    expect(parseCertificate(auth).kind).toBe('auth');
    expect(parseCertificate(sign).kind).toBe('sign');
    expect(await jpki.pinStatus('auth')).toMatchObject({ remaining: 3 });
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('chains the 258-byte signature answer at 253 bytes and answers the card\'s S(WTX)', async () => {
    const { device, reader } = await open();
    const jpki = new JpkiCard(reader);
    await jpki.select();
    await jpki.verifyPin('auth', DEFAULT_PINS.auth);
    device.resetStats();
    const signature = await jpki.sign('auth', 'SHA-256', new Uint8Array(32).fill(7));
    expect(signature).toHaveLength(256);
    // I(sign) → S(WTX) → S(WTX) back → I(253, chained) → R(ACK) → I(5): four RF frames.
    expect(device.stats.rfFrames).toBe(4);
    await reader.close();
  });

  it('powerOff (DESELECT, RF off) clears the verified PIN, and the field is off while idle', async () => {
    const { device, reader } = await open();
    const jpki = new JpkiCard(reader);
    await jpki.select();
    await jpki.verifyPin('auth', DEFAULT_PINS.auth);
    expect(card.verifiedPins).toContain('auth');
    await reader.powerOff();
    expect(device.fieldOn).toBe(false);
    expect(card.verifiedPins).toEqual([]);
    await reader.close();
  });

  it('tells an inactive card from an empty field, and raises slot events when the card is lifted and put back', async () => {
    const device = createVirtualRcs380({ card, random: fixedPupi });
    const reader = await Port100Reader.open(device, { pollIntervalMs: 20 });
    expect(await reader.slotStatus()).toBe('inactive');
    const events: boolean[] = [];
    reader.onSlotChange((present) => events.push(present));
    await new Promise((r) => setTimeout(r, 60));
    device.removeCard();
    await new Promise((r) => setTimeout(r, 80));
    device.insertCard(card);
    await new Promise((r) => setTimeout(r, 80));
    expect(events).toEqual([false, true]);
    expect(device.fieldOn).toBe(false);
    await reader.close();
  });

  it('runs the session at 424 kbit/s, which the card agreed to in ATTRIB, and the whole flow still verifies', async () => {
    const { reader } = await open();
    await reader.powerOn();
    expect(reader.link).toEqual({ bitRate: 424 });
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('stays at 106 kbit/s with a card whose ATQB offers only 106 (the card would not answer an ATTRIB asking for 424)', async () => {
    const { reader } = await open({ bitRates: [106] });
    expect((await reader.powerOn())[8]).toBe(0x00);
    expect(reader.link).toEqual({ bitRate: 106 });
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('falls back to 106 kbit/s when nothing arrives at 424 after the switch, and the flow works at 106', async () => {
    const { device, reader } = await open();
    device.inject({ kind: 'silent-above-106' });
    await within(3_000, reader.powerOn());
    expect(reader.link).toEqual({ bitRate: 106 });
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('refuses to open while the operating system holds it, as ReaderBusyError at the seam', async () => {
    const device = createVirtualRcs380({ card });
    device.inject({ kind: 'claimed-by-os' });
    await expect(openPort100Reader(device, 'webusb-port100')).rejects.toBeInstanceOf(ReaderBusyError);
    expect(device.opened).toBe(false);
  });
});

describe('faults end in their typed error, and the next operation works', () => {
  it('card removed mid-chain → CardLeftFieldError (card-removed at the seam); put back, the flow works', async () => {
    const { device, reader } = await open();
    const jpki = new JpkiCard(reader);
    await jpki.select();
    device.inject({ kind: 'card-removed-mid-chain' });
    await expect(within(3000, jpki.readCertificate('auth'))).rejects.toBeInstanceOf(CardLeftFieldError);
    await expect(reader.powerOn()).rejects.toBeInstanceOf(NoCardInFieldError);
    device.insertCard(card);
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('maps card-removed to the seam\'s CardRemovedError', async () => {
    const device = createVirtualRcs380({ card, random: fixedPupi });
    const open = await openPort100Reader(device, 'webusb-port100');
    const jpki = new JpkiCard(open);
    await jpki.select();
    device.inject({ kind: 'card-removed-mid-chain' });
    await expect(jpki.readCertificate('auth')).rejects.toBeInstanceOf(CardRemovedError);
    await open.close();
  });

  it.each([
    ['a lost frame', { kind: 'lost-frame', count: 1 }],
    ['a corrupt CRC', { kind: 'corrupt-crc', count: 2 }],
    ['a field drop before the APDU reaches the card', { kind: 'rf-field-drop' }],
  ] as const)('recovers from %s within the retry bound, or fails typed and then works', async (_what, fault) => {
    const { device, reader } = await open();
    const jpki = new JpkiCard(reader);
    await jpki.select();
    device.inject(fault);
    const first = await within(3000, jpki.readCertificate('auth').then(() => 'ok', (e: unknown) => e));
    if (first !== 'ok') expect(first).toBeInstanceOf(CardLeftFieldError);
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('a NAK storm → IsoDepProtocolError after the retries; cleared, the flow works', async () => {
    const { device, reader } = await open();
    const jpki = new JpkiCard(reader);
    await jpki.select();
    device.inject({ kind: 'nak-storm' });
    await expect(within(3000, jpki.readCertificate('auth'))).rejects.toBeInstanceOf(IsoDepProtocolError);
    device.clearFaults();
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('a WTX storm → IsoDepTimeoutError at the bound; cleared, the flow works', async () => {
    const { device, reader } = await open();
    const jpki = new JpkiCard(reader);
    await jpki.select();
    device.inject({ kind: 'wtx-storm' });
    await expect(within(3000, jpki.readCertificate('auth'))).rejects.toBeInstanceOf(IsoDepTimeoutError);
    device.clearFaults();
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('a stalled bulk-IN endpoint → UsbStallError; the halt is cleared and the flow works', async () => {
    const { device, reader } = await open();
    await reader.powerOn();
    device.inject({ kind: 'stall', endpoint: 'bulk-in' });
    await expect(within(3000, new JpkiCard(reader).select())).rejects.toBeInstanceOf(UsbStallError);
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('a silent reader → host ACK cancel and UsbTimeoutError within the deadline; cleared, the flow works', async () => {
    const device = createVirtualRcs380({ card, random: fixedPupi });
    const reader = await Port100Reader.open(device, { timeoutMs: 300 });
    await reader.powerOn();
    device.inject({ kind: 'silent' });
    await expect(within(3000, reader.powerOff().then(() => reader.powerOn()))).rejects.toBeInstanceOf(UsbTimeoutError);
    device.clearFaults();
    expect(await signAndVerify(reader)).toBe(true);
    await reader.close();
  });

  it('unplugged → UsbDisconnectedError (reader-disconnected at the seam)', async () => {
    const device = createVirtualRcs380({ card, random: fixedPupi });
    const open = await openPort100Reader(device, 'webusb-port100');
    await open.powerOn();
    device.unplug();
    await expect(open.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x00))).rejects.toBeInstanceOf(ReaderGoneError);
    device.plug();
    const again = await openPort100Reader(device, 'webusb-port100');
    expect(await new JpkiCard(again).select()).toBeUndefined();
    await again.close();
    void UsbDisconnectedError;
  });
});
