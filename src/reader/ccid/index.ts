/**
 * Public entry of the CCID driver over WebUSB (issue 4 §1). Everything above the
 * reader uses CcidReader as an ApduTransport; the parsers are exported for
 * diagnostics and for the virtual reader's tests.
 */
export { CcidReader } from './reader';
export { parseCcidDescriptor, parseConfigurationDescriptor, findCcidInterface, exchangeLevelOf } from './descriptor';
export type { InterfaceInfo, EndpointInfo } from './descriptor';
export { parseAtr, fiDiValues } from './atr';
export { checkSupport } from './exchange';
export { capabilitiesFor, type ReaderCapabilities } from './quirks';
export { decodeReply, decodeInterrupt, encodeCommand, COMMANDS, type Reply, type Command } from './messages';
export { decodeBlock, encodeBlock, lrc, crc, type T1Block, type Edc } from './t1-block';
export * from './errors';
export type * from './types';
export { openCcidReader, createWebUsbCcidSource, deviceIdentity } from './source';
export { toSeamError } from './seam-errors';
