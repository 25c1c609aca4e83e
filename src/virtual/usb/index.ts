/**
 * The USB side every virtual device shares (issue 11 §5): WebUSB device states and Blink's
 * errors, an IN endpoint's FIFO, hot-plug listeners. Protocol-free: the CCID reader and the
 * RC-S380 each build on it and never on each other.
 */
export { Hotplug, USB_MESSAGES, UsbDeviceState, noIsochronous, toBytes, usbError } from './device-state';
export { InPipe, type InResult } from './pipes';
