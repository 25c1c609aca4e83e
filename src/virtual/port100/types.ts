/**
 * The public shapes of the virtual RC-S380 (issue 11 §2): what card it carries, how slow
 * it is, which faults it plays, and what it counts. The device itself is a WebUSB
 * `USBDevice` with the control members beside it, as the virtual CCID reader is.
 */
import type { TypeBBitRate } from '../../spec/index';
import type { VirtualCardLike } from '../reader/index';

export type Port100FaultKind =
  | 'card-removed-mid-chain'
  | 'lost-frame'
  | 'corrupt-crc'
  | 'nak-storm'
  | 'wtx-storm'
  | 'stall'
  | 'rf-field-drop'
  | 'silent'
  | 'claimed-by-os'
  | 'silent-above-106';

export type Port100Fault =
  /** The card leaves the field right after it sends the first block of a chained answer. */
  | { readonly kind: 'card-removed-mid-chain' }
  /** The card's next `count` answers (default 1) never reach the reader (InCommRF status 0x80); the card did act on the block. */
  | { readonly kind: 'lost-frame'; readonly count?: number }
  /** The card's next `count` answers (default 1) arrive with a wrong CRC_B (InCommRF status 0x04). */
  | { readonly kind: 'corrupt-crc'; readonly count?: number }
  /** Every card answer arrives damaged until cleared, so the host's R(NAK)s never get a good block. */
  | { readonly kind: 'nak-storm' }
  /** The card answers every block with S(WTX) until cleared. */
  | { readonly kind: 'wtx-storm'; readonly multiplier?: number }
  /** The endpoint answers STALL until the host clears the halt. */
  | { readonly kind: 'stall'; readonly endpoint: 'bulk-in' | 'bulk-out' }
  /** The field drops once during the next InCommRF: the card resets and the block is lost. */
  | { readonly kind: 'rf-field-drop' }
  /** The reader ACKs commands and never sends their response, until cleared or cancelled with a host ACK. */
  | { readonly kind: 'silent' }
  /** The operating system's driver holds the interface (Windows without WinUSB, Linux port100): claimInterface fails with NetworkError. */
  | { readonly kind: 'claimed-by-os' }
  /** After ATTRIB switched the rate up, nothing at 212/424 kbit/s reaches the reader (a card or field that cannot keep the faster rate; UNCONFIRMED whether real pairs do this). */
  | { readonly kind: 'silent-above-106' };

/** Air time and USB latency; off unless given (every charge zero). */
export interface Port100TimingModel {
  /** Added to every USB transfer, ms (a full-speed bulk transfer completes on the next 1 ms frame). */
  readonly usbLatencyMs: number;
  /** The card's processing per APDU, ms. */
  readonly cardMsPerApdu: number;
  /** The card's RSA-2048 private-key operation, ms (UNCONFIRMED for the My Number Card). */
  readonly signMs: number;
  /** 'virtual': time only accumulates in stats.simulatedMs; 'real': setTimeout. */
  readonly clock: 'virtual' | 'real';
}

export interface Port100Stats {
  readonly transfersOut: number;
  readonly transfersIn: number;
  readonly controlTransfers: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  /** Port-100 frames: commands and host ACKs received, ACKs and responses sent. */
  readonly framesOut: number;
  readonly framesIn: number;
  /** InCommRF exchanges (RF frames to the card). */
  readonly rfFrames: number;
  /** APDUs the card processed and their command + response bytes. */
  readonly apdus: number;
  readonly apduBytes: number;
  readonly simulatedMs: number;
}

export interface VirtualRcs380Options {
  readonly card?: VirtualCardLike | null;
  /** 0x06C1 (RC-S380/S, default) or 0x06C3 (RC-S380/P). */
  readonly productId?: 0x06c1 | 0x06c3;
  /** FWI in the ATQB: 10 (≈309 ms) or 13 (≈2.47 s), as real cards answer (facts §3.1). Default 10. */
  readonly fwi?: number;
  /** The card asks S(WTX) once before answering COMPUTE DIGITAL SIGNATURE (default true; whether real cards do is UNCONFIRMED). */
  readonly wtxOnSign?: boolean;
  /** The bit rates the card's ATQB offers (default 106, 212, 424: B3, as the My Number Card's, facts §3.1). Air time follows the rate in use. */
  readonly bitRates?: readonly TypeBBitRate[];
  readonly timing?: Partial<Port100TimingModel>;
  readonly serialNumber?: string | null;
  /** PUPI source (default crypto.getRandomValues): tests pass a fixed one. */
  readonly random?: (n: number) => Uint8Array;
}

export type Rcs380Listener = (device: USBDevice) => void;

export interface VirtualRcs380Control {
  insertCard(card: VirtualCardLike): void;
  removeCard(): void;
  unplug(): void;
  plug(): void;
  readonly plugged: boolean;
  readonly cardPresent: boolean;
  /** Whether the RC-S380's field is on (the card is powered only then). */
  readonly fieldOn: boolean;
  onDisconnect(listener: Rcs380Listener): () => void;
  onConnect(listener: Rcs380Listener): () => void;
  inject(fault: Port100Fault): void;
  clearFaults(): void;
  readonly stats: Port100Stats;
  resetStats(): void;
}

export type VirtualRcs380 = USBDevice & VirtualRcs380Control;
