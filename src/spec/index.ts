/**
 * Standards' numbers and byte layouts (DESIGN layer "spec"): what a standard says, in
 * one place both a driver and a virtual device may read, so neither copies a number.
 * Uses nothing but the ground floor. Later: ISO 14443, Port-100.
 */
export * from './ccid';
export * from './usb';
export * from './t1';
export * from './iso7816';
