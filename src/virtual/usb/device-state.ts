/**
 * What every virtual USB device shares, whatever protocol it speaks (the CCID reader, the
 * RC-S380): WebUSB's device states (plugged, opened, configured, claimed interfaces,
 * halted endpoints) with the DOMException names and messages Blink uses
 * (third_party/blink/renderer/modules/webusb/usb_device.cc; messages other than the
 * protected-class one are our reading of Blink's strings, UNCONFIRMED against a running
 * Chrome, so drivers key on `name`), hot-plug listeners, and the bytes of a BufferSource.
 */

export function usbError(name: string, message: string): DOMException {
  return new DOMException(message, name);
}

/** Blink's messages for the refusals every device makes alike. */
export const USB_MESSAGES = Object.freeze({
  DISCONNECTED: 'The device was disconnected.',
  NOT_OPEN: 'The device must be opened first.',
  CANCELLED: 'The transfer was cancelled.',
  NO_CONFIGURATION: 'The configuration value provided is not supported by the device.',
  NO_INTERFACE: 'The interface number provided is not supported by the device in its current configuration.',
  NOT_CLAIMED: 'The interface is not claimed.',
  NO_ALTERNATE: 'The alternate setting provided is not supported by the device in its current configuration.',
  NO_ENDPOINT: 'The specified endpoint is not part of a claimed and selected alternate interface.',
  NOT_ISOCHRONOUS: 'The specified endpoint is not an isochronous endpoint.',
  /** Chrome's wording when libusb/WinUSB cannot claim: another driver holds the interface. */
  UNABLE_TO_CLAIM: 'Unable to claim interface.',
});

export class UsbDeviceState {
  plugged = true;
  opened = false;
  /** A device that enumerated is in its configuration 1 already, as Chrome reports it. */
  configured = true;
  readonly claimed = new Set<number>();
  /** "in:2", "out:1" */
  readonly halted = new Set<string>();

  unplug(): void {
    this.plugged = false;
    this.opened = false;
    this.claimed.clear();
    this.halted.clear();
  }

  requirePlugged(): void {
    if (!this.plugged) throw usbError('NotFoundError', USB_MESSAGES.DISCONNECTED);
  }

  requireOpen(): void {
    this.requirePlugged();
    if (!this.opened) throw usbError('InvalidStateError', USB_MESSAGES.NOT_OPEN);
  }

  /** An interface of the active configuration (`exists` says which numbers the device has). */
  requireInterface(n: number, exists: (n: number) => boolean): void {
    if (!this.configured || !exists(n)) throw usbError('NotFoundError', USB_MESSAGES.NO_INTERFACE);
  }

  requireClaimed(n: number, exists: (n: number) => boolean): void {
    this.requireOpen();
    this.requireInterface(n, exists);
    if (!this.claimed.has(n)) throw usbError('InvalidStateError', USB_MESSAGES.NOT_CLAIMED);
  }
}

/** Isochronous transfers: no virtual device has such an endpoint. */
export async function noIsochronous(): Promise<never> {
  throw usbError('InvalidAccessError', USB_MESSAGES.NOT_ISOCHRONOUS);
}

/** Connect and disconnect listeners of one device. */
export class Hotplug<D> {
  private readonly connect = new Set<(device: D) => void>();
  private readonly disconnect = new Set<(device: D) => void>();

  onConnect(listener: (device: D) => void): () => void {
    this.connect.add(listener);
    return () => this.connect.delete(listener);
  }

  onDisconnect(listener: (device: D) => void): () => void {
    this.disconnect.add(listener);
    return () => this.disconnect.delete(listener);
  }

  connected(device: D): void {
    for (const l of this.connect) l(device);
  }

  disconnected(device: D): void {
    for (const l of this.disconnect) l(device);
  }
}

/** A copy of what transferOut was given. */
export function toBytes(data: BufferSource): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}
