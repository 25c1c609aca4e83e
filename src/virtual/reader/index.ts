/**
 * The virtual USB CCID reader (issue 4 §2): a WebUSB `USBDevice` that is a CCID reader
 * byte for byte, a peer of the real readers (STYLE §17), not a mock.
 * Supports: any profile from data/ccid-readers/ (several interfaces, 0/2/3 endpoints),
 * GET_DESCRIPTOR (device, configuration with the 0x21 descriptor, strings), IccPowerOn
 * with voltage, IccPowerOff, GetSlotStatus, XfrBlock at short-APDU, extended-APDU
 * (chained) and TPDU level (card-side T=1, PPS echo), Get/Set/ResetParameters for T=1,
 * Abort (class request + bulk), NotifySlotChange, Chrome's protected-class refusal,
 * unplug/plug, a timing model, faults on demand, transfer and byte counters.
 * Does not: character-level exchange, T=0 cards, Secure (PIN pad), IccClock, T0APDU,
 * Mechanical, SetDataRateAndClockFrequency (all answered "command not supported"), a
 * card in any slot but 0, GET_CLOCK_FREQUENCIES / GET_DATA_RATES (stall), isochronous.
 */
export { createVirtualReader } from './device';
export { parseReaderDump } from './dump';
export { READER_PROFILES, type ReaderProfileName } from './profiles';
export { ReaderDumpError, VirtualReaderOptionsError, VIRTUAL_READER_ERRORS } from './errors';
export { PROTECTED_CLASS_MESSAGE, usbError } from './usb-state';
export type {
  CcidClassFields, DisconnectListener, Fault, FaultKind, InterfaceProfile, ReaderProfile, ReaderStats, TimingModel,
  VirtualCardLike, VirtualReader, VirtualReaderControl, VirtualReaderOptions,
} from './types';
