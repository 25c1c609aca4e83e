/**
 * USB configuration descriptor walking and the CCID class descriptor (facts B2).
 * WebUSB does not expose class-specific descriptors, so the driver reads the whole
 * configuration with GET_DESCRIPTOR and walks it here (facts A1, like the Connector).
 */
import { CCID_DESCRIPTOR_LENGTH, DESC, FEATURE, PROTOCOL, USB } from '../../spec/index';
import { DescriptorParseError } from './errors';
import type { CardProtocol, CcidDescriptor, ExchangeLevel } from './types';

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

export function exchangeLevelOf(dwFeatures: number): ExchangeLevel {
  switch (dwFeatures & FEATURE.LEVEL_MASK) {
    case FEATURE.LEVEL_TPDU:
      return 'tpdu';
    case FEATURE.LEVEL_SHORT_APDU:
      return 'short-apdu';
    case FEATURE.LEVEL_EXTENDED_APDU:
      return 'extended-apdu';
    default:
      // 0 is character level; other combinations are not defined by CCID 1.1 and
      // cannot be driven safely, so they count as character level (unsupported).
      return 'character';
  }
}

/** Parses a 54-byte CCID class descriptor (bLength 0x36, bDescriptorType 0x21). */
export function parseCcidDescriptor(bytes: Uint8Array): CcidDescriptor {
  if (bytes.length < CCID_DESCRIPTOR_LENGTH) {
    throw new DescriptorParseError(`CCID class descriptor has ${bytes.length} bytes, needs ${CCID_DESCRIPTOR_LENGTH}`, {
      reason: 'short',
      length: bytes.length,
    });
  }
  if (bytes[DESC.bLength] !== CCID_DESCRIPTOR_LENGTH || bytes[DESC.bDescriptorType] !== USB.DESCRIPTOR_CCID) {
    throw new DescriptorParseError('not a CCID class descriptor (bLength 0x36, bDescriptorType 0x21 expected)', {
      reason: 'bad-header',
      bLength: bytes[DESC.bLength]!,
      bDescriptorType: bytes[DESC.bDescriptorType]!,
    });
  }
  const dwProtocols = u32(bytes, DESC.dwProtocols);
  const dwFeatures = u32(bytes, DESC.dwFeatures);
  const protocols: CardProtocol[] = [];
  if (dwProtocols & PROTOCOL.T0) protocols.push('T=0');
  if (dwProtocols & PROTOCOL.T1) protocols.push('T=1');
  return Object.freeze({
    bcdCCID: u16(bytes, DESC.bcdCCID),
    bMaxSlotIndex: bytes[DESC.bMaxSlotIndex]!,
    bVoltageSupport: bytes[DESC.bVoltageSupport]!,
    dwProtocols,
    dwDefaultClock: u32(bytes, DESC.dwDefaultClock),
    dwMaximumClock: u32(bytes, DESC.dwMaximumClock),
    bNumClockSupported: bytes[DESC.bNumClockSupported]!,
    dwDataRate: u32(bytes, DESC.dwDataRate),
    dwMaxDataRate: u32(bytes, DESC.dwMaxDataRate),
    bNumDataRatesSupported: bytes[DESC.bNumDataRatesSupported]!,
    dwMaxIFSD: u32(bytes, DESC.dwMaxIFSD),
    dwSynchProtocols: u32(bytes, DESC.dwSynchProtocols),
    dwMechanical: u32(bytes, DESC.dwMechanical),
    dwFeatures,
    dwMaxCCIDMessageLength: u32(bytes, DESC.dwMaxCCIDMessageLength),
    bClassGetResponse: bytes[DESC.bClassGetResponse]!,
    bClassEnvelope: bytes[DESC.bClassEnvelope]!,
    wLcdLayout: u16(bytes, DESC.wLcdLayout),
    bPINSupport: bytes[DESC.bPINSupport]!,
    bMaxCCIDBusySlots: bytes[DESC.bMaxCCIDBusySlots]!,
    exchangeLevel: exchangeLevelOf(dwFeatures),
    protocols: Object.freeze(protocols),
  });
}

export interface EndpointInfo {
  readonly address: number;
  readonly number: number;
  readonly direction: 'in' | 'out';
  readonly type: 'control' | 'isochronous' | 'bulk' | 'interrupt';
  readonly maxPacketSize: number;
}

export interface InterfaceInfo {
  readonly interfaceNumber: number;
  readonly alternateSetting: number;
  readonly interfaceClass: number;
  readonly interfaceSubclass: number;
  readonly interfaceProtocol: number;
  readonly endpoints: readonly EndpointInfo[];
  /** The raw class-specific descriptors that follow the interface descriptor. */
  readonly extra: readonly Uint8Array[];
}

const ENDPOINT_TYPES = ['control', 'isochronous', 'bulk', 'interrupt'] as const;

/** Walks a full configuration descriptor (USB 2.0 §9.6.3) into its interfaces. */
export function parseConfigurationDescriptor(bytes: Uint8Array): InterfaceInfo[] {
  if (bytes.length < USB.CONFIGURATION_HEADER_LENGTH || bytes[1] !== USB.DESCRIPTOR_CONFIGURATION) {
    throw new DescriptorParseError('not a configuration descriptor', { reason: 'bad-configuration', length: bytes.length });
  }
  const total = Math.min(u16(bytes, 2), bytes.length);
  const out: { info: Omit<InterfaceInfo, 'endpoints' | 'extra'>; endpoints: EndpointInfo[]; extra: Uint8Array[] }[] = [];
  let at = bytes[0]!;
  while (at + 2 <= total) {
    const len = bytes[at]!;
    const type = bytes[at + 1]!;
    if (len < 2 || at + len > total) {
      throw new DescriptorParseError('configuration descriptor has a sub-descriptor that overruns it', {
        reason: 'bad-length',
        offset: at,
        bLength: len,
      });
    }
    const body = bytes.subarray(at, at + len);
    const current = out[out.length - 1];
    if (type === USB.DESCRIPTOR_INTERFACE && len >= 9) {
      out.push({
        info: {
          interfaceNumber: body[2]!,
          alternateSetting: body[3]!,
          interfaceClass: body[5]!,
          interfaceSubclass: body[6]!,
          interfaceProtocol: body[7]!,
        },
        endpoints: [],
        extra: [],
      });
    } else if (type === USB.DESCRIPTOR_ENDPOINT && len >= 7 && current) {
      const address = body[2]!;
      current.endpoints.push({
        address,
        number: address & 0x0f,
        direction: address & 0x80 ? 'in' : 'out',
        type: ENDPOINT_TYPES[body[3]! & 0x03]!,
        maxPacketSize: u16(body, 4) & 0x7ff,
      });
    } else if (current) {
      current.extra.push(body.slice());
    }
    at += len;
  }
  return out.map((i) => Object.freeze({ ...i.info, endpoints: i.endpoints, extra: i.extra }));
}

/** The first interface that is CCID: class 0x0B, or vendor class 0xFF with a 54-byte 0x21 descriptor (facts B2). */
export function findCcidInterface(interfaces: readonly InterfaceInfo[]): { iface: InterfaceInfo; raw: Uint8Array } | undefined {
  for (const iface of interfaces) {
    const raw = iface.extra.find((d) => d[1] === USB.DESCRIPTOR_CCID);
    if (iface.interfaceClass === USB.CLASS_SMART_CARD && raw) return { iface, raw };
    if (iface.interfaceClass === USB.CLASS_VENDOR && raw && raw.length === CCID_DESCRIPTOR_LENGTH) return { iface, raw };
  }
  return undefined;
}
