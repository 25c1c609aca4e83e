/**
 * Standards' numbers and byte layouts (DESIGN layer "spec"): what a standard says, in
 * one place both a driver and a virtual device may read, so neither copies a number.
 * Uses nothing but the ground floor. ISO 14443 and Port-100 beside CCID and T=1.
 */
export * from './ccid';
export * from './usb';
export * from './t1';
export * from './iso7816';
export * from './port100';
export * from './iso14443';
