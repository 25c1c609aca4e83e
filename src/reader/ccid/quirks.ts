/**
 * Reader quirks, turned into capabilities ONCE when the reader opens (STYLE §4).
 * This is the only file that compares vendor or product ids; everything below
 * `open` reads the capabilities instead.
 */
import type { CcidDescriptor } from './types';
import type { UnsupportedReason } from './errors';

export interface ReaderCapabilities {
  /** dwMaxCCIDMessageLength we trust, header included. */
  readonly maxMessageLength: number;
  /** dwMaxIFSD we trust. */
  readonly maxIfsd: number;
  /** Set when this exact reader (and firmware) cannot be driven. */
  readonly refusal?: { readonly reason: UnsupportedReason; readonly message: string };
}

interface DeviceIdentity {
  readonly vendorId: number;
  readonly productId: number;
  /** bcdDevice, e.g. 0x0206 for firmware 2.06. */
  readonly bcdDevice: number;
}

interface Quirk {
  readonly vendorId: number;
  readonly productId: number;
  /** The quirk applies to firmware below this bcdDevice. */
  readonly firmwareBelow?: number;
  readonly apply: (caps: ReaderCapabilities) => ReaderCapabilities;
  /** Who saw it and where. */
  readonly source: string;
}

const bogusFirmware =
  (name: string) =>
  (caps: ReaderCapabilities): ReaderCapabilities => ({
    ...caps,
    refusal: { reason: 'bogus-firmware', message: `${name} firmware this old is known to be broken; update the reader's firmware` },
  });

const QUIRKS: readonly Quirk[] = [
  {
    vendorId: 0x04e6,
    productId: 0x5111,
    firmwareBelow: 0x0620,
    apply: bogusFirmware('SCM SCR331-DI'),
    // 04E6:5111 is SCR331-DI per ../shared/data/ccid-readers/SCR331-DI.txt.
    source: 'libccid ccid_usb.c Bogus_firmwares (facts B4: "SCR331-DI < 6.20")',
  },
  {
    vendorId: 0x072f,
    productId: 0x2200,
    firmwareBelow: 0x0206,
    apply: bogusFirmware('ACS ACR122U'),
    // The product id 0x2200 is libccid's for ACR122U as we recall it (the dump in data/ is 072F:90CC): UNCONFIRMED.
    source: 'libccid ccid_usb.c Bogus_firmwares (facts B4: "ACR122U < 2.06")',
  },
];

export function bcdDeviceOf(device: Pick<USBDevice, 'deviceVersionMajor' | 'deviceVersionMinor' | 'deviceVersionSubminor'>): number {
  return ((device.deviceVersionMajor & 0xff) << 8) | ((device.deviceVersionMinor & 0x0f) << 4) | (device.deviceVersionSubminor & 0x0f);
}

export function capabilitiesFor(identity: DeviceIdentity, descriptor: CcidDescriptor): ReaderCapabilities {
  let caps: ReaderCapabilities = {
    maxMessageLength: descriptor.dwMaxCCIDMessageLength,
    maxIfsd: descriptor.dwMaxIFSD,
  };
  for (const q of QUIRKS) {
    if (q.vendorId !== identity.vendorId || q.productId !== identity.productId) continue;
    if (q.firmwareBelow !== undefined && identity.bcdDevice >= q.firmwareBelow) continue;
    caps = q.apply(caps);
  }
  return Object.freeze(caps);
}
