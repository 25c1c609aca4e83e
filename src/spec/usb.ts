/**
 * USB 2.0 chapter 9 numbers and the interface classes the readers use: read by the USB
 * drivers and by the virtual devices that answer as USB devices.
 */

/** USB descriptor numbers (DESCRIPTOR_CCID is the CCID class descriptor type, CCID §5.1). */
export const USB = Object.freeze({
  DESCRIPTOR_CONFIGURATION: 0x02,
  DESCRIPTOR_INTERFACE: 0x04,
  DESCRIPTOR_ENDPOINT: 0x05,
  DESCRIPTOR_CCID: 0x21,
  REQUEST_GET_DESCRIPTOR: 0x06,
  CLASS_SMART_CARD: 0x0b,
  CLASS_VENDOR: 0xff,
  CONFIGURATION_HEADER_LENGTH: 9,
});

