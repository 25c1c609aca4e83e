/**
 * The RC-S380's USB identity (facts sony-readers.md §2.1): device class 0xFF, one
 * configuration, interface 0 vendor class with bulk OUT 2 and bulk IN 1 (the endpoint
 * numbers both WebUSB drivers use), 64-byte packets (bMaxPacketSize0 64 per libnfc; the
 * bulk packet size is UNCONFIRMED, a full-speed device's 64 is assumed), and the
 * descriptor bytes a host reads with GET_DESCRIPTOR.
 */
import { USB } from '../../spec/index';

export const RCS380_ENDPOINTS = Object.freeze({ interfaceNumber: 0, bulkOut: 2, bulkIn: 1, packetSize: 64 });
const CONFIGURATION_VALUE = 1;

export function rcs380Configuration(): USBConfiguration {
  const ep = (endpointNumber: number, direction: USBDirection): USBEndpoint => ({ endpointNumber, direction, type: 'bulk', packetSize: RCS380_ENDPOINTS.packetSize });
  const alternate: USBAlternateInterface = {
    alternateSetting: 0,
    interfaceClass: USB.CLASS_VENDOR,
    interfaceSubclass: 0,
    interfaceProtocol: 0,
    interfaceName: null,
    endpoints: [ep(RCS380_ENDPOINTS.bulkOut, 'out'), ep(RCS380_ENDPOINTS.bulkIn, 'in')],
  };
  const iface = { interfaceNumber: 0, alternate, alternates: [alternate], claimed: false } as USBInterface;
  return { configurationValue: CONFIGURATION_VALUE, configurationName: null, interfaces: [iface] };
}

/** Device and configuration descriptors (USB 2.0 §9.6), for GET_DESCRIPTOR; wValue = type << 8 | index. */
export function rcs380Descriptor(wValue: number, productId: number): Uint8Array | undefined {
  const type = wValue >> 8;
  if (type === 0x01) {
    return Uint8Array.of(18, 0x01, 0x00, 0x02, USB.CLASS_VENDOR, 0, 0, 64, 0x4c, 0x05, productId & 0xff, productId >> 8, 0x11, 0x01, 1, 2, 3, 1);
  }
  if (type === USB.DESCRIPTOR_CONFIGURATION) {
    const endpoint = (address: number) => [7, USB.DESCRIPTOR_ENDPOINT, address, 0x02, RCS380_ENDPOINTS.packetSize, 0];
    const body = [9, USB.DESCRIPTOR_INTERFACE, 0, 0, 2, USB.CLASS_VENDOR, 0, 0, 0, ...endpoint(0x80 | RCS380_ENDPOINTS.bulkIn), ...endpoint(RCS380_ENDPOINTS.bulkOut)];
    const total = 9 + body.length;
    return Uint8Array.of(9, USB.DESCRIPTOR_CONFIGURATION, total & 0xff, total >> 8, 1, CONFIGURATION_VALUE, 0, 0x80, 0xfa, ...body);
  }
  return undefined;
}
