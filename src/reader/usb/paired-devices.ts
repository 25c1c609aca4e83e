/**
 * What every WebUSB reader source shares (CCID, Port-100): the paired devices Chrome
 * hands back (navigator.usb.getDevices() works in the MV3 service worker since Chrome
 * 118, facts A2), each keyed as the setup page forgets it and named as the views show
 * it, and a change event on connect/disconnect. A driver says only which devices are
 * its own and how one is opened.
 */
import { hex16 } from '../../bytes';
import type { OpenReader, ReaderCandidate, ReaderIdentity, ReaderSource, ReaderSourceKind } from '../types';
import { webUsbSeam } from './seam';

/** getDevices and forget throw only DOMExceptions: the shared seam with no driver codes. */
const usbSeam = webUsbSeam<never>({}, {});

/** What the views may say about the device: manufacturer and product, else its USB ids. */
export function deviceIdentity(device: USBDevice, source: ReaderSourceKind): ReaderIdentity {
  const name = [device.manufacturerName, device.productName].filter((s) => s !== undefined && s !== null && s !== '').join(' ');
  return Object.freeze({
    name: name === '' ? `USB ${hex16(device.vendorId)}:${hex16(device.productId)}` : name,
    vendorId: device.vendorId,
    productId: device.productId,
    source,
  });
}

/** The key the setup page forgets by: VID:PID:serial, or the position when there is no serial. */
function deviceKey(device: USBDevice, index: number): string {
  return `${hex16(device.vendorId)}:${hex16(device.productId)}:${device.serialNumber ?? `#${index}`}`;
}

export interface PairedDeviceRoute {
  readonly kind: ReaderSourceKind;
  /** Whether a paired device is this driver's to open. */
  readonly accepts: (device: USBDevice) => boolean;
  readonly open: (device: USBDevice, kind: ReaderSourceKind) => Promise<OpenReader>;
}

export function pairedDeviceSource(usb: USB, route: PairedDeviceRoute): ReaderSource {
  return {
    kind: route.kind,
    async list(): Promise<readonly ReaderCandidate[]> {
      const devices = (await usbSeam.atSeam(() => usb.getDevices())).filter(route.accepts);
      return devices.map((device, index) => ({
        key: deviceKey(device, index),
        identity: deviceIdentity(device, route.kind),
        open: () => route.open(device, route.kind),
        forget: () => usbSeam.atSeam(() => device.forget()),
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
