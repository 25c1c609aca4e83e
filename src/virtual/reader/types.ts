/**
 * The public shapes of the virtual USB CCID reader (issue 4 §2). The reader itself is a
 * WebUSB `USBDevice`; these types describe what it emulates (a reader profile taken from
 * a real descriptor dump), what card it holds, how slow it is, and which faults it plays.
 */
import type { CcidClassFields } from '../../spec/index';

/** The card side the reader talks to: the virtual JPKI card, or any card with this surface. */
export interface VirtualCardLike {
  /** Powers the chip and returns its ATR (ISO 7816-3 §8). */
  powerOn(): Uint8Array;
  powerOff(): void;
  /** One command APDU in, response data + SW1 SW2 out. */
  transmit(command: Uint8Array): Promise<Uint8Array> | Uint8Array;
}

/** Every field of the CCID class descriptor (facts B2), numbers as the dump prints them. */
export type { CcidClassFields } from '../../spec/index';

/** One interface of the reader, as a dump describes it. */
export interface InterfaceProfile {
  readonly interfaceNumber: number;
  readonly alternateSetting: number;
  readonly interfaceClass: number;
  readonly interfaceSubclass: number;
  readonly interfaceProtocol: number;
  readonly interfaceName: string | null;
  /** 0 (ICCD control only), 1 (ICCD interrupt-in only), 2 (bulk-in + bulk-out) or 3 (+ interrupt-in). */
  readonly numEndpoints: number;
  readonly ccid: CcidClassFields;
}

/** A reader model: USB identity and its interfaces. */
export interface ReaderProfile {
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturerName: string | null;
  readonly productName: string | null;
  /** BCD, e.g. 0x0203 for "2.03". */
  readonly bcdDevice: number;
  readonly interfaces: readonly InterfaceProfile[];
  /** Where the profile came from (dump file name), for reports. */
  readonly source?: string;
}

/** Per-transfer and per-card costs; all zero means "instant" (the default). */
export interface TimingModel {
  /** Added to every USB transfer that completes (ms). */
  readonly usbLatencyMs: number;
  /** Card processing per APDU (ms). */
  readonly cardMsPerApdu: number;
  /** Extra card processing per APDU byte, command + response (ms). */
  readonly cardMsPerByte: number;
  /** How bytes reach the chip: contact at the ATR's (or PPS's) rate, or ISO 14443 at 424 kbit/s. */
  readonly link: 'contact' | 'contactless';
  /** 'virtual': no waiting, time only accumulates in `stats.simulatedMs`; 'real': setTimeout. */
  readonly clock: 'virtual' | 'real';
}

export type FaultKind =
  | 'card-removed-mid-exchange'
  | 'stall'
  | 'silent'
  | 'wrong-bseq'
  | 'truncated-reply'
  | 'over-long-reply'
  | 'time-extension-storm'
  | 't1-bad-edc'
  | 'mute-first-voltage'
  | 'zero-length-packets'
  | 'claimed-by-os';

/** A fault armed on demand; `count` says how many times it fires (default below per kind). */
export type Fault =
  /** The next XfrBlock finds the card gone: failed reply with bmICCStatus 2 and NotifySlotChange 50 02. */
  | { readonly kind: 'card-removed-mid-exchange' }
  /** The endpoint answers STALL until the host calls clearHalt. */
  | { readonly kind: 'stall'; readonly endpoint: 'bulk-in' | 'bulk-out' }
  /** The reader accepts commands and never answers, until cleared. */
  | { readonly kind: 'silent' }
  /** Each reply is preceded by `stale` frames carrying another bSeq (default 1); `always` = never the right bSeq. */
  | { readonly kind: 'wrong-bseq'; readonly stale?: number; readonly always?: boolean }
  /** The next `count` replies lose their last bytes (dwLength promises more than arrives). */
  | { readonly kind: 'truncated-reply'; readonly count?: number }
  /** The next `count` replies carry zero bytes beyond dwLength (seen on real readers, facts B4). */
  | { readonly kind: 'over-long-reply'; readonly count?: number; readonly extra?: number }
  /** Each reply is preceded by `extensions` time-extension replies (bStatus 0x80), and in TPDU mode the card asks S(WTX) that often. */
  | { readonly kind: 'time-extension-storm'; readonly extensions?: number; readonly multiplier?: number }
  /** The next `count` T=1 blocks from the card carry a wrong LRC/CRC. */
  | { readonly kind: 't1-bad-edc'; readonly count?: number }
  /** The next `count` IccPowerOn (default 1) answer ICC mute (bError 0xFE, card present), as at a wrong first voltage. */
  | { readonly kind: 'mute-first-voltage'; readonly count?: number }
  /** Each of the next `count` replies (default 1) is preceded by a zero-length packet, as GemPC Twin/Key firmware sends (facts B4). */
  | { readonly kind: 'zero-length-packets'; readonly count?: number }
  /** An operating-system driver holds the interface (pcscd, usbccid, ifdreader; facts A3): claimInterface fails with NetworkError until cleared. */
  | { readonly kind: 'claimed-by-os' };

/** What crossed the wire since the last `resetStats()`. */
export interface ReaderStats {
  readonly transfersOut: number;
  readonly transfersIn: number;
  readonly controlTransfers: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  /** APDUs the card processed, and their command + response bytes. */
  readonly apdus: number;
  readonly apduBytes: number;
  /** T=1 blocks exchanged with the card (TPDU level only). */
  readonly t1Blocks: number;
  /** Time the timing model charged (ms), whichever clock runs. */
  readonly simulatedMs: number;
}

export interface VirtualReaderOptions {
  /** The card in the slot at start; none = empty slot. */
  readonly card?: VirtualCardLike | null;
  /** The reader model; default the SCR3310-NTTCom profile. */
  readonly profile?: ReaderProfile;
  /** Overrides the profile's exchange level (rewrites dwFeatures bits 16..18). */
  readonly level?: 'short-apdu' | 'extended-apdu' | 'tpdu';
  /** Overrides the class of the CCID interface (0x0B or 0xFF). */
  readonly interfaceClass?: number;
  /** 'chrome' refuses claimInterface on class 0x0B as Chrome does for ordinary extensions (facts A1). */
  readonly browser?: 'chrome' | 'unrestricted';
  /** Partial overrides of the timing model; omitted = instant. */
  readonly timing?: Partial<TimingModel>;
  /** USB serial number string; null = none (Chrome then keeps only an ephemeral permission, facts A2). */
  readonly serialNumber?: string | null;
  /** wMaxPacketSize of the bulk endpoints (default 64, full speed). */
  readonly packetSize?: number;
}

export type DisconnectListener = (device: USBDevice) => void;

/** The control surface beside the WebUSB members. */
export interface VirtualReaderControl {
  insertCard(card: VirtualCardLike): void;
  removeCard(): void;
  /** Unplugs: pending transfers reject with NotFoundError, then `disconnect` listeners run. */
  unplug(): void;
  /** Plugs back in (closed, same object, same serial: no re-pairing), then `connect` listeners run. */
  plug(): void;
  readonly plugged: boolean;
  readonly cardPresent: boolean;
  onDisconnect(listener: DisconnectListener): () => void;
  onConnect(listener: DisconnectListener): () => void;
  inject(fault: Fault): void;
  clearFaults(): void;
  readonly stats: ReaderStats;
  resetStats(): void;
  /** The profile being emulated, after level/class overrides. */
  readonly profile: ReaderProfile;
}

/** What createVirtualReader returns: a WebUSB device plus its control surface. */
export type VirtualReader = USBDevice & VirtualReaderControl;
