/**
 * The pairing page's decisions, kept free of chrome.* and navigator.usb so they are
 * tested in Node: what a requestDevice failure means, which paired reader is the one
 * just chosen, and which operating system's steps to show first.
 */
import { hex16 } from '../../bytes';
import type { PairedReader, ReaderVerdict } from '../messages';

export { detectOs, platformName, type Os } from '../ui/os';

/** A verdict the page can reach on its own, before the background tries the reader. */
export type PageVerdict = ReaderVerdict | 'cancelled';

/**
 * requestDevice rejects with NotFoundError when the holder closes the chooser without
 * picking, and SecurityError without a user gesture or when policy denies WebUSB
 * (WebUSB spec, requestDevice steps).
 */
export function verdictOfRequestError(error: unknown): PageVerdict {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'NotFoundError') return 'cancelled';
  if (name === 'SecurityError' || name === 'NotAllowedError') return 'no-permission';
  return 'error';
}

export interface ChosenDevice {
  readonly vendorId: number;
  readonly productId: number;
  readonly serialNumber?: string | undefined;
}

/**
 * The background's entry for the device just chosen. Keys are VID:PID:serial in lower
 * hex (reader-sources/webusb-ccid.ts); without a serial the first entry with the same
 * ids is the best we can do.
 */
/** The USB ids of a listed reader, when its route has them (a PC/SC name has none). */
export function usbIdsOf(identity: { readonly vendorId?: number; readonly productId?: number }): ChosenDevice | undefined {
  return identity.vendorId === undefined || identity.productId === undefined ? undefined : { vendorId: identity.vendorId, productId: identity.productId };
}

export function findChosen(readers: readonly PairedReader[], chosen: ChosenDevice): PairedReader | undefined {
  const same = readers.filter((r) => r.identity.vendorId === chosen.vendorId && r.identity.productId === chosen.productId);
  if (chosen.serialNumber) return same.find((r) => r.key.endsWith(`:${chosen.serialNumber}`)) ?? same[0];
  return same[0];
}

/** The udev rule that lets the logged-in user's Chrome open one reader (facts A3). */
export function udevRule(vendorId: number, productId: number): string {
  return `SUBSYSTEM=="usb", ATTR{idVendor}=="${hex16(vendorId).toLowerCase()}", ATTR{idProduct}=="${hex16(productId).toLowerCase()}", MODE="0660", TAG+="uaccess"`;
}
