/**
 * The CCID driver's upper seam (DESIGN "Where readers come from"): a USBDevice driven by
 * CcidReader, as the driver-neutral OpenReader, and the `webusb-ccid` reader source
 * listing the readers the user paired (navigator.usb.getDevices() works in the MV3
 * service worker since Chrome 118, facts A2). The virtual reader is a USBDevice too, so
 * the virtual build runs this very code. Everything this file hands out throws only
 * ../errors.ts classes: the CCID errors are mapped once, here (seam-errors.ts).
 */
import { isPort100Device } from '../../spec/index';
import type { OpenReader, ReaderSource, ReaderSourceKind } from '../types';
import { deviceIdentity, pairedDeviceSource } from '../usb/index';
import { CcidReader } from './reader';
import { atSeam, toSeamError } from './seam-errors';

/** Opens and claims the device as a CCID reader; a failed open leaves the device closed (CcidReader.open). */
export async function openCcidReader(device: USBDevice, source: ReaderSourceKind): Promise<OpenReader> {
  const reader = await atSeam(() => CcidReader.open(device));
  return {
    identity: deviceIdentity(device, source),
    transmit: (command) => atSeam(() => reader.transmit(command)),
    powerOn: () => atSeam(() => reader.powerOn()),
    powerOff: () => atSeam(() => reader.powerOff()),
    slotStatus: () => atSeam(() => reader.slotStatus()),
    onSlotChange: (listener) => {
      // Synchronous: only a closed reader throws here, mapped like every other failure.
      try {
        return reader.onSlotChange((event) => listener(event.present));
      } catch (e) {
        throw toSeamError(e);
      }
    },
    close: () => atSeam(() => reader.close()),
  };
}

/**
 * Reader source `webusb-ccid`: vendor-class CCID readers in any Chrome, Smart Card class
 * readers only where Chrome lets an extension claim them (it does not for ordinary
 * extensions, facts A1: opening then fails with ReaderProtectedError, which the popup explains).
 */
export function createWebUsbCcidSource(usb: USB = navigator.usb): ReaderSource {
  // An RC-S380 carries no CCID: the webusb-port100 source lists it instead.
  return pairedDeviceSource(usb, { kind: 'webusb-ccid', accepts: (d) => !isPort100Device(d), open: openCcidReader });
}

export { deviceIdentity };
