/**
 * Public entry of the Sony RC-S380 driver over WebUSB (issue 11 §1): Port-100 frames and
 * chip commands, ISO 14443-3 Type B activation and ISO-DEP done by us. Supports RC-S380/S
 * and /P at 106 kbit/s Type B with CID 0 and no NAD; not FeliCa, Type A, or the RC-S300.
 */
export { Port100Reader, type Port100Info, type Port100OpenOptions, type Port100SlotState } from './reader';
export { encodeFrame, decodeFrame, frameLength, checksum, ACK_FRAME, type Frame } from './frame';
export { rfTimeoutField } from './chip';
export { IsoDepSession, decodeBlock, BLOCKS, type BlockLink, type BlockResult, type IsoDepParameters } from './iso-dep';
export { parseAtqb, attribCommand, pseudoAtr, REQB, type Atqb } from './typeb';
export { OS_ADVICE } from './open';
export * from './errors';
export { openPort100Reader, createWebUsbPort100Source } from './source';
export { toSeamError } from './seam-errors';
