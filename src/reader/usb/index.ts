/** Public entry of the generic WebUSB transport (used by the CCID and Port-100 drivers). */
export { UsbTransport, domName, type TransportEndpoints } from './transport';
export * from './errors';
export { webUsbSeam, type Seam, type SeamClass, type SeamError } from './seam';
export { deviceIdentity, pairedDeviceSource, type PairedDeviceRoute } from './paired-devices';
