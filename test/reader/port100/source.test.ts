/**
 * The webusb-port100 source beside webusb-ccid behind mergeSources, as the shipped worker
 * has them: each lists only its own devices, so an RC-S380 is never tried by the CCID
 * driver (which would call it "unsupported") and a CCID reader never by Port-100.
 */
import { describe, expect, it } from 'vitest';
import { JpkiCard } from '../../../src/card/index';
import { createWebUsbCcidSource } from '../../../src/reader/ccid/index';
import { mergeSources } from '../../../src/reader/merged-source';
import { createWebUsbPort100Source } from '../../../src/reader/port100/index';
import { createVirtualCard, createVirtualRcs380, createVirtualReader, namedCardProfile } from '../../../src/virtual/index';

function fakeUsb(devices: USBDevice[]): USB {
  return { getDevices: async () => devices, addEventListener: () => undefined, removeEventListener: () => undefined } as unknown as USB;
}

describe('webusb-port100 beside webusb-ccid', () => {
  it('lists the RC-S380 once, under the Port-100 route, and reads the card through it', async () => {
    const card = await createVirtualCard(namedCardProfile('healthy', '2026-11-27'));
    const usb = fakeUsb([createVirtualReader({ card }), createVirtualRcs380({ card, productId: 0x06c3 })]);
    const merged = mergeSources([createWebUsbCcidSource(usb), createWebUsbPort100Source(usb)]);
    const list = await merged.list();
    expect(list.map((c) => [c.key.split('/')[0], c.identity.source, c.identity.productId])).toEqual([
      ['webusb-ccid', 'webusb-ccid', 0x511a],
      ['webusb-port100', 'webusb-port100', 0x06c3],
    ]);
    const reader = await list[1]!.open();
    expect(reader.identity.name).toBe('SONY RC-S380');
    await new JpkiCard(reader).select();
    await reader.close();
  });
});
