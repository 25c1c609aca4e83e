/**
 * The WebUSB state checks of a device, with the DOMException names and messages Blink
 * uses (third_party/blink/renderer/modules/webusb/usb_device.cc, facts A1): plugged,
 * opened, configured, claimed interfaces, halted endpoints, and Chrome's protected
 * interface classes. Messages other than the protected-class one are our reading of
 * Blink's strings (UNCONFIRMED against a running Chrome); drivers must key on `name`.
 */
import { USB } from '../../spec/index';
import type { InterfaceProfile, ReaderProfile } from './types';

/** WICG/webusb "protected interface class" list; the virtual reader only ever carries 0x0B of them. */
const PROTECTED_CLASSES = new Set([0x01, 0x03, 0x08, USB.CLASS_SMART_CARD, 0x0e, 0x10, 0xe0]);
export const PROTECTED_CLASS_MESSAGE = 'The requested interface implements a protected class.';

export function usbError(name: string, message: string): DOMException {
  return new DOMException(message, name);
}

export class UsbState {
  plugged = true;
  opened = false;
  /** A device that enumerated is in its configuration 1 already, as Chrome reports it. */
  configured = true;
  readonly claimed = new Set<number>();
  /** "in:2", "out:1" */
  readonly halted = new Set<string>();

  constructor(private readonly profile: ReaderProfile, private readonly browser: 'chrome' | 'unrestricted') {}

  unplug(): void {
    this.plugged = false;
    this.opened = false;
    this.claimed.clear();
    this.halted.clear();
  }

  requirePlugged(): void {
    if (!this.plugged) throw usbError('NotFoundError', 'The device was disconnected.');
  }

  requireOpen(): void {
    this.requirePlugged();
    if (!this.opened) throw usbError('InvalidStateError', 'The device must be opened first.');
  }

  interfaceOf(n: number): InterfaceProfile {
    const iface = this.profile.interfaces.find((i) => i.interfaceNumber === n);
    if (!this.configured || iface === undefined)
      throw usbError('NotFoundError', 'The interface number provided is not supported by the device in its current configuration.');
    return iface;
  }

  requireClaimed(n: number): void {
    this.requireOpen();
    this.interfaceOf(n);
    if (!this.claimed.has(n)) throw usbError('InvalidStateError', 'The interface is not claimed.');
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
    this.requireClaimed(iface.interfaceNumber);
  }
}
