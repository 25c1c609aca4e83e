/**
 * The Port-100 driver's upper seam: an RC-S380 driven by Port100Reader as the
 * driver-neutral OpenReader, and the `webusb-port100` reader source listing the paired
 * RC-S380s (and nothing else: the CCID source leaves them to this one). Everything handed
 * out throws only ../errors.ts classes, mapped once here (seam-errors.ts).
 */
import { isPort100Device } from '../../spec/index';
import type { OpenReader, ReaderSource, ReaderSourceKind } from '../types';
import { deviceIdentity, pairedDeviceSource } from '../usb/index';
import { Port100Reader, type Port100OpenOptions } from './reader';
import { atSeam, toSeamError } from './seam-errors';

export async function openPort100Reader(device: USBDevice, source: ReaderSourceKind, options: Port100OpenOptions = {}): Promise<OpenReader> {
  const reader = await atSeam(() => Port100Reader.open(device, options));
  return {
    identity: deviceIdentity(device, source),
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

/** Reader source `webusb-port100`: Sony RC-S380 (054C:06C1, 054C:06C3) over WebUSB. */
export function createWebUsbPort100Source(usb: USB = navigator.usb): ReaderSource {
  return pairedDeviceSource(usb, { kind: 'webusb-port100', accepts: isPort100Device, open: (device, kind) => openPort100Reader(device, kind) });
}
