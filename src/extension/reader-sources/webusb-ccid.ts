/**
 * Reader source `webusb-ccid` (DESIGN "Where readers come from"): the readers the user
 * paired on the setup page (navigator.usb.getDevices() works in the MV3 service worker
 * since Chrome 118, facts A2), driven by the CCID driver. Supports vendor-class CCID
 * readers in any Chrome, and Smart Card class readers only where Chrome lets an
 * extension claim them (it does not for ordinary extensions, facts A1: opening then
 * fails with ProtectedInterfaceError, which the popup explains).
 */
import { hex16 } from '../../bytes';
import { openCcidReader, deviceIdentity } from './ccid-reader';
import type { ReaderCandidate, ReaderSource } from './types';

function deviceKey(device: USBDevice, index: number): string {
  return `${hex16(device.vendorId)}:${hex16(device.productId)}:${device.serialNumber ?? `#${index}`}`;
}

export function createWebUsbCcidSource(usb: USB = navigator.usb): ReaderSource {
  return {
    kind: 'webusb-ccid',
    async list(): Promise<readonly ReaderCandidate[]> {
      const devices = await usb.getDevices();
      return devices.map((device, index) => ({
        key: deviceKey(device, index),
        identity: deviceIdentity(device, 'webusb-ccid'),
        open: () => openCcidReader(device, 'webusb-ccid'),
        forget: () => device.forget(),
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
