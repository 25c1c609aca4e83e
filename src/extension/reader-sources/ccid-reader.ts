/**
 * A USBDevice driven by the CCID driver, as the background's OpenReader. Both the
 * webusb-ccid and the virtual source go through here: the virtual reader is a USBDevice
 * too, so the very same driver code runs in the virtual build.
 */
import { hex16 } from '../../bytes';
import { CcidReader } from '../../reader/ccid/index';
import type { ReaderSnapshot } from '../status-model';
import type { OpenReader } from './types';

export function deviceIdentity(device: USBDevice, source: ReaderSnapshot['source']): ReaderSnapshot {
  const name = [device.manufacturerName, device.productName].filter((s) => s !== undefined && s !== null && s !== '').join(' ');
  return {
    name: name === '' ? `USB ${hex16(device.vendorId)}:${hex16(device.productId)}` : name,
    vendorId: device.vendorId,
    productId: device.productId,
    source,
  };
}

export async function openCcidReader(device: USBDevice, source: ReaderSnapshot['source']): Promise<OpenReader> {
  const reader = await CcidReader.open(device);
  const identity = deviceIdentity(device, source);
  return {
    identity,
    transmit: (command) => reader.transmit(command),
    powerOn: () => reader.powerOn(),
    powerOff: () => reader.powerOff(),
    slotStatus: () => reader.slotStatus(),
    onSlotChange: (listener) => {
      const off = reader.onSlotChange((event) => listener(event.present));
      return typeof off === 'function' ? off : () => undefined;
    },
    close: () => reader.close(),
  };
}
