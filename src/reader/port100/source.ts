/**
 * The Port-100 driver's upper seam: an RC-S380 driven by Port100Reader as the
 * driver-neutral OpenReader, and the `webusb-port100` reader source listing the paired
 * RC-S380s (and nothing else: the CCID source leaves them to this one). Everything handed
 * out throws only ../errors.ts classes, mapped once here (seam-errors.ts).
 */
import { hex16 } from '../../bytes';
import { isPort100Device } from '../../spec/index';
import type { OpenReader, ReaderCandidate, ReaderIdentity, ReaderSource, ReaderSourceKind } from '../types';
import { Port100Reader, type Port100OpenOptions } from './reader';
import { atSeam, toSeamError } from './seam-errors';

function identityOf(device: USBDevice, source: ReaderSourceKind): ReaderIdentity {
  const name = [device.manufacturerName, device.productName].filter((s) => s !== undefined && s !== null && s !== '').join(' ');
  return Object.freeze({
    name: name === '' ? `USB ${hex16(device.vendorId)}:${hex16(device.productId)}` : name,
    vendorId: device.vendorId,
    productId: device.productId,
    source,
  });
}

export async function openPort100Reader(device: USBDevice, source: ReaderSourceKind, options: Port100OpenOptions = {}): Promise<OpenReader> {
  const reader = await atSeam(() => Port100Reader.open(device, options));
  return {
    identity: identityOf(device, source),
    transmit: (command) => atSeam(() => reader.transmit(command)),
    powerOn: () => atSeam(() => reader.powerOn()),
    powerOff: () => atSeam(() => reader.powerOff()),
    slotStatus: () => atSeam(() => reader.slotStatus()),
    onSlotChange: (listener) => {
      try {
        return reader.onSlotChange(listener);
      } catch (e) {
        throw toSeamError(e);
      }
    },
    close: () => atSeam(() => reader.close()),
  };
}

function deviceKey(device: USBDevice, index: number): string {
  return `${hex16(device.vendorId)}:${hex16(device.productId)}:${device.serialNumber ?? `#${index}`}`;
}

/** Reader source `webusb-port100`: Sony RC-S380 (054C:06C1, 054C:06C3) over WebUSB. */
export function createWebUsbPort100Source(usb: USB = navigator.usb): ReaderSource {
  return {
    kind: 'webusb-port100',
    async list(): Promise<readonly ReaderCandidate[]> {
      const devices = (await atSeam(() => usb.getDevices())).filter((d) => isPort100Device(d));
      return devices.map((device, index) => ({
        key: deviceKey(device, index),
        identity: identityOf(device, 'webusb-port100'),
        open: () => openPort100Reader(device, 'webusb-port100'),
        forget: () => atSeam(() => device.forget()),
      }));
    },
    onChange(listener) {
      const handler = (): void => listener();
      usb.addEventListener('connect', handler);
      usb.addEventListener('disconnect', handler);
      return () => {
        usb.removeEventListener('connect', handler);
        usb.removeEventListener('disconnect', handler);
      };
    },
  };
}
