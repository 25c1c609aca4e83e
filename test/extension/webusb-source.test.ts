/**
 * The webusb-ccid reader source over a navigator.usb-shaped object whose devices are
 * virtual readers (real USBDevice surfaces): what the background sees of paired readers,
 * plugging and unplugging, and forgetting.
 */
import { describe, expect, it } from 'vitest';
import { createWebUsbCcidSource } from '../../src/reader/ccid/source';
import { READER_PROFILES, createVirtualCard, createVirtualReader, namedCardProfile, type VirtualReader } from '../../src/virtual/index';
import { JpkiCard } from '../../src/card/index';

/** The part of WebUSB's `USB` the source uses: the paired devices and connect/disconnect events. */
class PairedDevices extends EventTarget {
  constructor(readonly devices: VirtualReader[]) {
    super();
  }
  async getDevices(): Promise<USBDevice[]> {
    return this.devices.filter((d) => d.plugged);
  }
}

async function reader(profile: keyof typeof READER_PROFILES, serialNumber: string | null): Promise<VirtualReader> {
  const card = await createVirtualCard(namedCardProfile('healthy', '2026-11-27'));
  return createVirtualReader({ card, profile: READER_PROFILES[profile], serialNumber });
}

describe('the webusb-ccid reader source', () => {
  it('lists each paired, plugged reader with a stable key and its name, and opens it through the CCID driver', async () => {
    const nttcom = await reader('SCR3310-NTTCom', 'A1');
    const usb = new PairedDevices([nttcom]);
    const source = createWebUsbCcidSource(usb as unknown as USB);
    const [candidate] = await source.list();
    expect(candidate?.key).toBe('04E6:511A:A1');
    expect(candidate?.identity).toEqual({ name: 'NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader', vendorId: 0x04e6, productId: 0x511a, source: 'webusb-ccid' });
    const open = await candidate!.open();
    await open.powerOn();
    await new JpkiCard(open).select();
    await open.powerOff();
    await open.close();
  });

  it('refuses a Smart Card class reader the way Chrome does, with the protected-interface code', async () => {
    const acr = await reader('ACR39U', null);
    const source = createWebUsbCcidSource(new PairedDevices([acr]) as unknown as USB);
    const [candidate] = await source.list();
    expect(candidate?.key).toBe('072F:B100:#0');
    await expect(candidate!.open()).rejects.toMatchObject({ code: 'reader-protected-interface' });
  });

  it('tells the background when a reader is plugged or unplugged', async () => {
    const nttcom = await reader('SCR3310-NTTCom', 'A1');
    const usb = new PairedDevices([nttcom]);
    const source = createWebUsbCcidSource(usb as unknown as USB);
    let changes = 0;
    const off = source.onChange(() => changes++);
    nttcom.unplug();
    usb.dispatchEvent(new Event('disconnect'));
    expect(await source.list()).toHaveLength(0);
    nttcom.plug();
    usb.dispatchEvent(new Event('connect'));
    expect(await source.list()).toHaveLength(1);
    off();
    usb.dispatchEvent(new Event('connect'));
    expect(changes).toBe(2);
  });
});
