/**
 * The virtual Sony RC-S380 (issue 11 §2): a WebUSB `USBDevice` speaking Port-100 byte for
 * byte, a peer of the real reader (STYLE §17), with its own ISO 14443-B / ISO-DEP card side
 * carrying any VirtualCardLike (the virtual My Number Card).
 * Supports: the RC-S380/S and /P descriptors, ACK-then-response, checksums, command-type
 * state, InSetRF/InSetProtocol gating the card, SwitchRF, InCommRF with status 0x80 for
 * silence, host ACK cancel, REQB/WUPB/ATTRIB/HLTB, I/R/S blocks with chaining both ways,
 * S(WTX) before a signature, S(DESELECT), faults on demand, a timing model (off by default).
 * Does not: FeliCa, Type A, target (card emulation) commands, ResetDevice, CID or NAD blocks.
 */
export { createVirtualRcs380 } from './device';
export type { Port100Fault, Port100FaultKind, Port100Stats, Port100TimingModel, VirtualRcs380, VirtualRcs380Control, VirtualRcs380Options } from './types';
