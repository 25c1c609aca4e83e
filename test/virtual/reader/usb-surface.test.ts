/**
 * What a WebUSB client notices of the virtual reader: Chrome's protected-class refusal,
 * state errors, configuration and descriptors, pending transfers that wait like
 * hardware, NotifySlotChange, unplug/replug, stall and babble.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/bytes';
import { PROTECTED_CLASS_MESSAGE, READER_PROFILES, createVirtualReader, type VirtualReader } from '../../../src/virtual/reader';
import { bytesOf, echoCard, frame, openHost } from './wire';

const h = (text: string): string => hex(fromHex(text));
const GET_CONFIG = { requestType: 'standard', recipient: 'device', request: 0x06, value: 0x0200, index: 0 } as const;

async function rejection(p: Promise<unknown>): Promise<DOMException> {
  try {
    await p;
  } catch (e) {
    return e as DOMException;
  }
  throw new TypeError('expected a rejection');
}

it('is a USBDevice as @types/w3c-web-usb declares it', () => {
  const device: USBDevice = createVirtualReader();
  expect(device.vendorId).toBe(0x04e6);
  expect(device.productId).toBe(0x511a);
  expect(device.productName).toBe('SCR3310-NTTCom USB SmartCard Reader');
  expect(device.manufacturerName).toBe('NTT Communications Corp.');
  expect(device.serialNumber).not.toBeNull();
});

describe('Chrome protected interface classes (facts A1)', () => {
  it('refuses claimInterface on a class 0x0B reader with SecurityError and Chrome\'s message', async () => {
    const device = createVirtualReader({ profile: READER_PROFILES.ACR39U, browser: 'chrome' });
    await device.open();
    const e = await rejection(device.claimInterface(0));
    expect([e.name, e.message]).toEqual(['SecurityError', PROTECTED_CLASS_MESSAGE]);
    expect(PROTECTED_CLASS_MESSAGE).toBe('The requested interface implements a protected class.');
  });

  it('still lets the extension read the configuration descriptor of a refused reader', async () => {
    const device = createVirtualReader({ profile: READER_PROFILES['RC-S300'], browser: 'chrome' });
    await device.open();
    const r = await device.controlTransferIn(GET_CONFIG, 9);
    expect(hex(bytesOf(r))).toBe(h('09 02 5D 00 01 01 00 80 32'));
  });

  it('lets Chrome claim the vendor-class (0xFF) SCR3310-NTTCom', async () => {
    const device = createVirtualReader({ browser: 'chrome' });
    await device.open();
    await device.claimInterface(0);
    expect(device.configuration!.interfaces[0]!.claimed).toBe(true);
  });

  it('lets an unrestricted context claim class 0x0B, and the interfaceClass option moves a reader between the two', async () => {
    const open = createVirtualReader({ profile: READER_PROFILES.ACR39U, browser: 'unrestricted' });
    await open.open();
    await open.claimInterface(0);
    const blocked = createVirtualReader({ interfaceClass: 0x0b, browser: 'chrome' });
    await blocked.open();
    expect((await rejection(blocked.claimInterface(0))).name).toBe('SecurityError');
  });
});

describe('WebUSB states', () => {
  it('refuses transfers before open with InvalidStateError and on an unclaimed interface with NotFoundError', async () => {
    const device = createVirtualReader();
    expect((await rejection(device.transferOut(1, new Uint8Array(10)))).name).toBe('InvalidStateError');
    await device.open();
    expect((await rejection(device.transferIn(2, 64))).name).toBe('NotFoundError');
    expect((await rejection(device.claimInterface(3))).name).toBe('NotFoundError');
    expect((await rejection(device.selectConfiguration(2))).name).toBe('NotFoundError');
  });

  it('describes the interface like Chrome: alternates[0] with bulk-out, bulk-in and interrupt-in endpoints', () => {
    const device = createVirtualReader();
    const alt = device.configurations[0]!.interfaces[0]!.alternates[0]!;
    expect([alt.interfaceClass, alt.interfaceName]).toEqual([0xff, 'Vendor Interface']);
    expect(alt.endpoints.map((e) => `${e.type}-${e.direction}:${e.endpointNumber}/${e.packetSize}`)).toEqual(['bulk-out:1/64', 'bulk-in:2/64', 'interrupt-in:3/8']);
  });

  it('answers GET_DESCRIPTOR(CONFIGURATION) with configuration, interface, the 54-byte 0x21 descriptor and endpoints', async () => {
    const device = createVirtualReader();
    await device.open();
    const r = await device.controlTransferIn(GET_CONFIG, 0xffff);
    expect(hex(bytesOf(r))).toBe(h(
      '09 02 5D 00 01 01 00 80 32  09 04 00 00 03 FF 00 00 04 ' +
      '36 21 10 01 00 07 03000000 C0120000 401F0000 00 67320000 E74C0600 00 FC000000 00000000 00000000 BA010100 0F010000 FF FF 0000 00 01 ' +
      '07 05 01 02 4000 00  07 05 82 02 4000 00  07 05 83 03 0800 10'));
  });

  it('answers GET_DESCRIPTOR(STRING) with UTF-16LE names and DEVICE with the ids', async () => {
    const device = createVirtualReader({ serialNumber: 'AB' });
    await device.open();
    const s = await device.controlTransferIn({ ...GET_CONFIG, value: 0x0303 }, 255);
    expect(hex(bytesOf(s))).toBe(h('06 03 41 00 42 00'));
    const d = await device.controlTransferIn({ ...GET_CONFIG, value: 0x0100 }, 18);
    expect(hex(bytesOf(d)).slice(24, 35)).toBe(h('E6 04 1A 51'));
  });
});

describe('transfers that wait like hardware', () => {
  async function claimed(): Promise<VirtualReader> {
    const device = createVirtualReader({ card: echoCard() });
    await device.open();
    await device.claimInterface(0);
    return device;
  }

  it('keeps a bulk-in read pending until a command is answered', async () => {
    const device = await claimed();
    let done = false;
    const read = device.transferIn(2, 64).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    await device.transferOut(1, frame(0x65, 9));
    expect(hex(bytesOf(await read))).toBe(h('81 00000000 00 09 01 00 00'));
  });

  it('raises NotifySlotChange 50 03 on insert and 50 02 on removal; the interrupt read waits until then', async () => {
    const device = await claimed();
    const first = device.transferIn(3, 8);
    device.removeCard();
    expect(hex(bytesOf(await first))).toBe('50 02');
    const second = device.transferIn(3, 8);
    device.insertCard(echoCard());
    expect(hex(bytesOf(await second))).toBe('50 03');
  });

  it('rejects pending transfers with NotFoundError on unplug, calls disconnect listeners, and works again after plug without re-pairing', async () => {
    const device = await claimed();
    const seen: USBDevice[] = [];
    device.onDisconnect((d) => seen.push(d));
    const pending = device.transferIn(2, 64);
    device.unplug();
    expect((await rejection(pending)).name).toBe('NotFoundError');
    expect(seen).toEqual([device]);
    expect(device.opened).toBe(false);
    expect((await rejection(device.open())).name).toBe('NotFoundError');
    device.plug();
    await device.open();
    await device.claimInterface(0);
    await device.transferOut(1, frame(0x65, 1));
    expect(hex(bytesOf(await device.transferIn(2, 64)))).toBe(h('81 00000000 00 01 01 00 00'));
  });

  it('rejects a pending read with AbortError on close', async () => {
    const device = await claimed();
    const pending = device.transferIn(2, 64);
    await device.close();
    expect((await rejection(pending)).name).toBe('AbortError');
  });

  it('answers STALL on a halted endpoint until clearHalt', async () => {
    const device = await claimed();
    device.inject({ kind: 'stall', endpoint: 'bulk-out' });
    expect((await device.transferOut(1, frame(0x65, 1))).status).toBe('stall');
    await device.clearHalt('out', 1);
    expect((await device.transferOut(1, frame(0x65, 2))).status).toBe('ok');
  });

  it('reports babble when a read is smaller than the reply and not a multiple of the packet size', async () => {
    const host = await openHost({ card: echoCard() });
    await host.device.transferOut(1, frame(0x62, 1));
    const r = await host.read(12);
    expect(r.status).toBe('babble');
  });

  it('splits a reply over reads of one packet each', async () => {
    const host = await openHost({ card: echoCard(), level: 'short-apdu' });
    await host.send(frame(0x62, 1));
    await host.device.transferOut(1, frame(0x6f, 2, [0, 0, 0], `00 D6 00 00 3C ${'22 '.repeat(60)}`));
    const a = await host.read(64);
    const b = await host.read(64);
    expect([a.status, a.data!.byteLength, b.status, b.data!.byteLength]).toEqual(['ok', 64, 'ok', 10 + 65 + 2 - 64]);
  });

  it('counts transfers and bytes in both directions', async () => {
    const host = await openHost({ card: echoCard() });
    host.device.resetStats();
    await host.send(frame(0x62, 1));
    expect(host.device.stats).toMatchObject({ transfersOut: 1, transfersIn: 1, bytesOut: 10, bytesIn: 23 });
  });
});

it('loses an answer the card was still computing when the reader is unplugged, as hardware does', async () => {
  let release: () => void = () => undefined;
  const slow = { ...echoCard(), transmit: (a: Uint8Array) => new Promise<Uint8Array>((r) => { release = () => r(Uint8Array.from([...a, 0x90, 0x00])); }) };
  const host = await openHost({ card: slow, level: 'short-apdu' });
  await host.send(frame(0x62, 1));
  await host.device.transferOut(1, frame(0x6f, 2, [0, 0, 0], '00 B0 00 00 04'));
  await new Promise((r) => setTimeout(r, 5));
  host.device.unplug();
  release();
  host.device.plug();
  await host.device.open();
  await host.device.claimInterface(0);
  expect(await host.send(frame(0x65, 3))).toBe(h('81 00000000 00 03 01 00 00'));
});
