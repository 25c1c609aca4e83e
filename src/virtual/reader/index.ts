// The virtual USB CCID reader (issue 4 §2): a WebUSB USBDevice that is a CCID reader byte for byte.
export { createVirtualReader } from './device';
export { parseReaderDump } from './dump';
export { READER_PROFILES, type ReaderProfileName } from './profiles';
export { ReaderDumpError, VirtualReaderOptionsError, VIRTUAL_READER_ERRORS } from './errors';
export { PROTECTED_CLASS_MESSAGE } from './usb-state';
export type {
  CcidClassFields, DisconnectListener, Fault, FaultKind, InterfaceProfile, ReaderProfile, ReaderStats, TimingModel,
  VirtualCardLike, VirtualExchangeLevel, VirtualReader, VirtualReaderControl, VirtualReaderOptions,
} from './types';
