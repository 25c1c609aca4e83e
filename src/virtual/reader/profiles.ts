/**
 * Named reader profiles for the readers the facts call out (webusb-ccid.md B3), each a
 * small literal copied from its dump in data/ccid-readers/ (file named beside it), so
 * the bundle carries no dump text. Plus `withOverrides`, which rewrites a profile's
 * exchange level or interface class for createVirtualReader's options.
 */
import { CCID_DESCRIPTOR_LENGTH, FEATURE, USB } from '../../spec/index';
import type { CcidClassFields, InterfaceProfile, ReaderProfile } from './types';

/** The fields every one of the four shares with the others; each profile overrides the rest. */
const COMMON: CcidClassFields = {
  bLength: 0x36, bDescriptorType: 0x21, bcdCCID: 0x0110, bMaxSlotIndex: 0, bVoltageSupport: 0x07, dwProtocols: 0x03,
  dwDefaultClock: 4800, dwMaximumClock: 8000, bNumClockSupported: 0, dwDataRate: 12903, dwMaxDataRate: 412903,
  bNumDataRatesSupported: 0, dwMaxIFSD: 254, dwSynchProtocols: 0, dwMechanical: 0, dwFeatures: 0,
  dwMaxCCIDMessageLength: 271, bClassGetResponse: 0xff, bClassEnvelope: 0xff, wLcdLayout: 0, bPINSupport: 0, bMaxCCIDBusySlots: 1,
};

function single(interfaceClass: number, interfaceName: string | null, ccid: Partial<CcidClassFields>): InterfaceProfile[] {
  return [{ interfaceNumber: 0, alternateSetting: 0, interfaceClass, interfaceSubclass: 0, interfaceProtocol: 0, interfaceName,
    numEndpoints: 3, ccid: { ...COMMON, ...ccid } }];
}

export const READER_PROFILES = Object.freeze({
  /** SCR3310-NTTCom.txt: vendor class 0xFF with a real 0x21 descriptor, TPDU (0x000101BA), IFSD 252 — claimable in Chrome. */
  'SCR3310-NTTCom': {
    vendorId: 0x04e6, productId: 0x511a, manufacturerName: 'NTT Communications Corp.',
    productName: 'SCR3310-NTTCom USB SmartCard Reader', bcdDevice: 0x0203, source: 'SCR3310-NTTCom.txt',
    interfaces: single(0xff, 'Vendor Interface', { dwMaxIFSD: 252, dwFeatures: 0x000101ba }),
  },
  /** ACS_ACR39U_ICC_Reader.txt: class 0x0B, TPDU without auto IFSD (0x000100B2), IFSD 247. Its iInterface string is garbage in the dump; we give none. */
  ACR39U: {
    vendorId: 0x072f, productId: 0xb100, manufacturerName: 'ACS', productName: 'ACR39U ICC Reader', bcdDevice: 0x0216,
    source: 'ACS_ACR39U_ICC_Reader.txt',
    interfaces: single(0x0b, null, { dwMaximumClock: 16000, dwMaxDataRate: 826000, dwMaxIFSD: 247, dwFeatures: 0x000100b2 }),
  },
  /** ACS_ACR1252_Reader.txt: class 0x0B, short + extended APDU (0x000404BA), T=1 only, 522-byte messages. */
  ACR1252U: {
    vendorId: 0x072f, productId: 0x223e, manufacturerName: 'ACS', productName: 'ACR1252 Reader', bcdDevice: 0x0206,
    source: 'ACS_ACR1252_Reader.txt',
    interfaces: single(0x0b, 'ACR1252 Reader PICC', {
      bcdCCID: 0x0100, dwProtocols: 0x02, dwDefaultClock: 4000, dwMaximumClock: 4000, dwDataRate: 10752, dwMaxDataRate: 250000,
      dwFeatures: 0x000404ba, dwMaxCCIDMessageLength: 522, bClassGetResponse: 0, bClassEnvelope: 0,
    }),
  },
  /**
   * SONY_FeliCa_RC-S300_S.txt: class 0x0B, extended APDU (0x0004007E), T=1 only. The dump shows one interface;
   * the extra vendor interface the facts report (B3, UNCONFIRMED) is not in it, so it is not emulated.
   */
  'RC-S300': {
    vendorId: 0x054c, productId: 0x0dc8, manufacturerName: 'SONY', productName: 'FeliCa Port/PaSoRi 4.0', bcdDevice: 0x0100,
    source: 'SONY_FeliCa_RC-S300_S.txt',
    interfaces: single(0x0b, null, {
      dwProtocols: 0x02, dwDefaultClock: 4000, dwMaximumClock: 4000, dwDataRate: 115200, dwMaxDataRate: 921600,
      dwFeatures: 0x0004007e, dwMaxCCIDMessageLength: 522, bClassGetResponse: 0, bClassEnvelope: 0,
    }),
  },
} satisfies Record<string, ReaderProfile>);

export type ReaderProfileName = keyof typeof READER_PROFILES;

const LEVEL_BITS = { tpdu: FEATURE.LEVEL_TPDU, 'short-apdu': FEATURE.LEVEL_SHORT_APDU, 'extended-apdu': FEATURE.LEVEL_EXTENDED_APDU } as const;

/**
 * Index of the interface that carries CCID, the way libccid picks it (facts B2): the first of
 * class 0x0B, or of vendor class 0xFF with a 54-byte 0x21 descriptor; else the first interface.
 */
export function ccidInterfaceIndex(profile: ReaderProfile): number {
  const at = profile.interfaces.findIndex((i) => i.interfaceClass === USB.CLASS_SMART_CARD ||
    (i.interfaceClass === USB.CLASS_VENDOR && i.ccid.bDescriptorType === USB.DESCRIPTOR_CCID && i.ccid.bLength === CCID_DESCRIPTOR_LENGTH));
  return at >= 0 ? at : 0;
}

/** The profile with the CCID interface's level and/or class replaced. */
export function withOverrides(profile: ReaderProfile, level?: keyof typeof LEVEL_BITS, interfaceClass?: number): ReaderProfile {
  if (level === undefined && interfaceClass === undefined) return profile;
  const at = ccidInterfaceIndex(profile);
  const interfaces = profile.interfaces.map((iface, k) => {
    if (k !== at) return iface;
    const dwFeatures = level === undefined ? iface.ccid.dwFeatures : ((iface.ccid.dwFeatures & ~FEATURE.LEVEL_MASK) | LEVEL_BITS[level]) >>> 0;
    return { ...iface, interfaceClass: interfaceClass ?? iface.interfaceClass, ccid: { ...iface.ccid, dwFeatures } };
  });
  return { ...profile, interfaces };
}
