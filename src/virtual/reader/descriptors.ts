/**
 * The USB descriptors of a virtual reader, built from its profile: the bytes a host
 * reads with GET_DESCRIPTOR (device, configuration with interfaces, the 54-byte CCID
 * class descriptor and endpoints, strings) and the WebUSB objects Chrome derives from
 * them (`USBConfiguration`, `alternates[0]` shapes, facts A1).
 * CCID numbers come from spec.ts; the USB 2.0 chapter 9 layout numbers that only the
 * descriptor writer needs are named here.
 */
import { CCID_DESCRIPTOR_LENGTH, DESC, USB } from '../../spec/index';
import type { InterfaceProfile, ReaderProfile } from './types';

/** USB 2.0 §9.4 table 9-5 and §9.6: descriptor types and endpoint attributes the writer needs. */
const USB_DESCRIPTOR = Object.freeze({ DEVICE: 0x01, STRING: 0x03, DEVICE_LENGTH: 18, INTERFACE_LENGTH: 9, ENDPOINT_LENGTH: 7 });
const ENDPOINT_ATTR = Object.freeze({ bulk: 0x02, interrupt: 0x03 });
const DIRECTION_IN = 0x80;
/** NotifySlotChange is 1 + 2 bits per slot; 8 bytes covers 28 slots (facts B1). */
export const INTERRUPT_PACKET_SIZE = 8;
/** bInterval 16 frames at full speed, as the readers in the facts report. */
const INTERRUPT_INTERVAL = 0x10;
const CONFIGURATION_VALUE = 1;
/** String indexes: 1 manufacturer, 2 product, 3 serial, 4.. interface names. */
const STRING_INDEX = Object.freeze({ manufacturer: 1, product: 2, serial: 3, firstInterface: 4 });

/** The endpoint numbers a CCID interface uses; `interrupt` absent when the profile has 2 endpoints. */
export interface CcidEndpoints {
  readonly interfaceNumber: number;
  readonly bulkOut?: number;
  readonly bulkIn?: number;
  readonly interrupt?: number;
}

/**
 * Endpoint numbers per interface position: 3k+1 out, 3k+2 in, 3k+3 interrupt (≤ 15 for 5
 * interfaces). As the dumps word it: 3 = bulk pair + interrupt, 2 = bulk pair, 1 = interrupt
 * only and 0 = control only (the two ICCD variants).
 */
export function endpointsOf(profile: ReaderProfile): CcidEndpoints[] {
  return profile.interfaces.map((iface, k) => ({
    interfaceNumber: iface.interfaceNumber,
    ...(iface.numEndpoints >= 2 ? { bulkOut: 3 * k + 1, bulkIn: 3 * k + 2 } : {}),
    ...(iface.numEndpoints === 1 || iface.numEndpoints >= 3 ? { interrupt: 3 * k + 3 } : {}),
  }));
}

function le16(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff];
}

/** The class descriptor's bytes at the B2 offsets; a bLength other than 54 is kept as the dump says (damaged readers). */
function classDescriptorBytes(iface: InterfaceProfile): Uint8Array {
  const c = iface.ccid;
  const out = new Uint8Array(CCID_DESCRIPTOR_LENGTH);
  const view = new DataView(out.buffer);
  out[DESC.bLength] = c.bLength;
  out[DESC.bDescriptorType] = c.bDescriptorType;
  view.setUint16(DESC.bcdCCID, c.bcdCCID, true);
  const bytes = ['bMaxSlotIndex', 'bVoltageSupport', 'bNumClockSupported', 'bNumDataRatesSupported', 'bClassGetResponse',
    'bClassEnvelope', 'bPINSupport', 'bMaxCCIDBusySlots'] as const;
  for (const k of bytes) out[DESC[k]] = c[k];
  const dwords = ['dwProtocols', 'dwDefaultClock', 'dwMaximumClock', 'dwDataRate', 'dwMaxDataRate', 'dwMaxIFSD',
    'dwSynchProtocols', 'dwMechanical', 'dwFeatures', 'dwMaxCCIDMessageLength'] as const;
  for (const k of dwords) view.setUint32(DESC[k], c[k] >>> 0, true);
  view.setUint16(DESC.wLcdLayout, c.wLcdLayout, true);
  return c.bLength < CCID_DESCRIPTOR_LENGTH ? out.slice(0, c.bLength) : out;
}

function endpointBytes(address: number, attr: number, packetSize: number, interval: number): number[] {
  return [USB_DESCRIPTOR.ENDPOINT_LENGTH, USB.DESCRIPTOR_ENDPOINT, address, attr, ...le16(packetSize), interval];
}

/** The full configuration descriptor: configuration, then per interface: interface, 0x21, endpoints. */
function configurationDescriptor(profile: ReaderProfile, packetSize: number): Uint8Array {
  const eps = endpointsOf(profile);
  const body: number[] = [];
  profile.interfaces.forEach((iface, k) => {
    const ep = eps[k]!;
    const name = iface.interfaceName === null ? 0 : STRING_INDEX.firstInterface + k;
    body.push(USB_DESCRIPTOR.INTERFACE_LENGTH, USB.DESCRIPTOR_INTERFACE, iface.interfaceNumber, iface.alternateSetting,
      iface.numEndpoints, iface.interfaceClass, iface.interfaceSubclass, iface.interfaceProtocol, name);
    body.push(...classDescriptorBytes(iface));
    if (ep.bulkOut !== undefined) body.push(...endpointBytes(ep.bulkOut, ENDPOINT_ATTR.bulk, packetSize, 0));
    if (ep.bulkIn !== undefined) body.push(...endpointBytes(DIRECTION_IN | ep.bulkIn, ENDPOINT_ATTR.bulk, packetSize, 0));
    if (ep.interrupt !== undefined)
      body.push(...endpointBytes(DIRECTION_IN | ep.interrupt, ENDPOINT_ATTR.interrupt, INTERRUPT_PACKET_SIZE, INTERRUPT_INTERVAL));
  });
  const total = USB.CONFIGURATION_HEADER_LENGTH + body.length;
  // bmAttributes 0x80 (bus powered, as USB 2.0 requires bit 7), bMaxPower 50 = 100 mA.
  const head = [USB.CONFIGURATION_HEADER_LENGTH, USB.DESCRIPTOR_CONFIGURATION, ...le16(total), profile.interfaces.length,
    CONFIGURATION_VALUE, 0, 0x80, 50];
  return Uint8Array.from([...head, ...body]);
}

/** The 18-byte device descriptor (USB 2.0 §9.6.1); class 0 = defined per interface. */
function deviceDescriptor(profile: ReaderProfile, packetSize: number, hasSerial: boolean): Uint8Array {
  return Uint8Array.from([USB_DESCRIPTOR.DEVICE_LENGTH, USB_DESCRIPTOR.DEVICE, ...le16(0x0200), 0, 0, 0, Math.min(packetSize, 64),
    ...le16(profile.vendorId), ...le16(profile.productId), ...le16(profile.bcdDevice),
    profile.manufacturerName === null ? 0 : STRING_INDEX.manufacturer, profile.productName === null ? 0 : STRING_INDEX.product,
    hasSerial ? STRING_INDEX.serial : 0, 1]);
}

/** String descriptor `index` (USB 2.0 §9.6.7): index 0 lists LANGID 0x0409, others are UTF-16LE. */
function stringDescriptor(index: number, strings: ReadonlyMap<number, string>): Uint8Array | undefined {
  if (index === 0) return Uint8Array.from([4, USB_DESCRIPTOR.STRING, ...le16(0x0409)]);
  const s = strings.get(index);
  if (s === undefined) return undefined;
  const units = Array.from(s.slice(0, 126), (ch) => le16(ch.charCodeAt(0))).flat();
  return Uint8Array.from([2 + units.length, USB_DESCRIPTOR.STRING, ...units]);
}

function descriptorStrings(profile: ReaderProfile, serial: string | null): Map<number, string> {
  const m = new Map<number, string>();
  if (profile.manufacturerName !== null) m.set(STRING_INDEX.manufacturer, profile.manufacturerName);
  if (profile.productName !== null) m.set(STRING_INDEX.product, profile.productName);
  if (serial !== null) m.set(STRING_INDEX.serial, serial);
  profile.interfaces.forEach((i, k) => { if (i.interfaceName !== null) m.set(STRING_INDEX.firstInterface + k, i.interfaceName); });
  return m;
}

/**
 * The reader's answers to GET_DESCRIPTOR, built once. USB 2.0 §9.4.3: wValue carries the
 * descriptor type in its high byte and the index in its low byte; undefined = stall.
 */
export function descriptorTable(profile: ReaderProfile, packetSize: number, serial: string | null): (wValue: number) => Uint8Array | undefined {
  const device = deviceDescriptor(profile, packetSize, serial !== null);
  const configuration = configurationDescriptor(profile, packetSize);
  const strings = descriptorStrings(profile, serial);
  return (wValue) => {
    const type = wValue >> 8;
    const index = wValue & 0xff;
    if (type === USB_DESCRIPTOR.DEVICE) return device;
    if (type === USB.DESCRIPTOR_CONFIGURATION && index === 0) return configuration;
    if (type === USB_DESCRIPTOR.STRING) return stringDescriptor(index, strings);
    return undefined;
  };
}

/** The WebUSB view of the configuration; `claimed` reads the device's live claim set. */
export function usbConfiguration(profile: ReaderProfile, packetSize: number, isClaimed: (n: number) => boolean): USBConfiguration {
  const eps = endpointsOf(profile);
  const interfaces: USBInterface[] = profile.interfaces.map((iface, k) => {
    const ep = eps[k]!;
    const endpoints: USBEndpoint[] = [];
    if (ep.bulkOut !== undefined) endpoints.push({ endpointNumber: ep.bulkOut, direction: 'out', type: 'bulk', packetSize });
    if (ep.bulkIn !== undefined) endpoints.push({ endpointNumber: ep.bulkIn, direction: 'in', type: 'bulk', packetSize });
    if (ep.interrupt !== undefined)
      endpoints.push({ endpointNumber: ep.interrupt, direction: 'in', type: 'interrupt', packetSize: INTERRUPT_PACKET_SIZE });
    const alternate: USBAlternateInterface = {
      alternateSetting: iface.alternateSetting,
      interfaceClass: iface.interfaceClass,
      interfaceSubclass: iface.interfaceSubclass,
      interfaceProtocol: iface.interfaceProtocol,
      interfaceName: iface.interfaceName,
      endpoints,
    };
    return {
      interfaceNumber: iface.interfaceNumber,
      alternate,
      alternates: [alternate],
      get claimed() {
        return isClaimed(iface.interfaceNumber);
      },
    };
  });
  return { configurationValue: CONFIGURATION_VALUE, configurationName: null, interfaces };
}
