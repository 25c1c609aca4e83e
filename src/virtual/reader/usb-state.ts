/**
 * The CCID reader's WebUSB state checks: the shared device state (../usb) with its
 * profile's interfaces and Chrome's protected interface classes (facts A1).
 */
import { USB } from '../../spec/index';
import { UsbDeviceState, usbError } from '../usb/index';
import type { InterfaceProfile, ReaderProfile } from './types';

/** WICG/webusb "protected interface class" list; the virtual reader only ever carries 0x0B of them. */
const PROTECTED_CLASSES = new Set([0x01, 0x03, 0x08, USB.CLASS_SMART_CARD, 0x0e, 0x10, 0xe0]);
export const PROTECTED_CLASS_MESSAGE = 'The requested interface implements a protected class.';

export { usbError };

/** The CCID reader's device state: the shared one, plus its profile's interfaces and Chrome's protected classes. */
export class UsbState extends UsbDeviceState {
  constructor(private readonly profile: ReaderProfile, private readonly browser: 'chrome' | 'unrestricted') {
    super();
  }

  interfaceOf(n: number): InterfaceProfile {
    const iface = this.profile.interfaces.find((i) => i.interfaceNumber === n);
    this.requireInterface(n, () => iface !== undefined);
    return iface!;
  }

  requireProfileClaimed(n: number): void {
    this.requireClaimed(n, (k) => this.profile.interfaces.some((i) => i.interfaceNumber === k));
  }

  /** Chrome refuses a protected class unless the context is allowed usb-unrestricted (facts A1). */
  requireUnprotected(iface: InterfaceProfile): void {
    if (this.browser === 'chrome' && PROTECTED_CLASSES.has(iface.interfaceClass)) throw usbError('SecurityError', PROTECTED_CLASS_MESSAGE);
  }

  /**
   * Chrome's WebUsbProtectedClassControlTransferBlock refuses class requests naming a
   * protected interface (facts A1; whether it is on by default is UNCONFIRMED — we
   * model it on). Interface-recipient requests need the interface claimed.
   */
  checkControl(setup: USBControlTransferParameters): void {
    if (setup.recipient !== 'interface') return;
    const iface = this.interfaceOf(setup.index & 0xff);
    if (setup.requestType === 'class') this.requireUnprotected(iface);
    this.requireProfileClaimed(iface.interfaceNumber);
  }
}
