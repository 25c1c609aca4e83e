/**
 * The public shapes of the CCID driver (issue 4 §1). Field names follow the CCID
 * class descriptor (facts B2) and ISO 7816-3 §8 where a field comes from one of them.
 */
import type { CcidClassFields, ExchangeLevel } from '../../spec/index';

export type { ExchangeLevel } from '../../spec/index';
export type CardProtocol = 'T=0' | 'T=1';
export type SlotState = 'active' | 'inactive' | 'absent';

/**
 * The CCID class descriptor (bDescriptorType 0x21) as parsed: every field but the two
 * header bytes parseCcidDescriptor has already checked, plus what the driver derives.
 */
export interface CcidDescriptor extends Omit<CcidClassFields, 'bLength' | 'bDescriptorType'> {
  /** Derived from dwFeatures & FEATURE.LEVEL_MASK. */
  readonly exchangeLevel: ExchangeLevel;
  /** Derived from dwProtocols. */
  readonly protocols: readonly CardProtocol[];
}

export interface ReaderInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  /** 0x0B (Smart Card) or 0xFF (vendor class carrying a CCID descriptor). */
  readonly interfaceClass: number;
  readonly interfaceNumber: number;
  readonly exchangeLevel: ExchangeLevel;
  readonly protocols: readonly CardProtocol[];
  /** dwMaxCCIDMessageLength after quirks (header included). */
  readonly maxMessageLength: number;
  readonly maxIfsd: number;
  readonly slotCount: number;
  readonly dwFeatures: number;
  readonly hasInterruptEndpoint: boolean;
  readonly descriptor: CcidDescriptor;
}

/** ISO 7816-3 §8 Answer-To-Reset, with the bytes kept (STYLE §14). */
export interface Atr {
  readonly raw: Uint8Array;
  readonly convention: 'direct' | 'inverse';
  readonly ts: number;
  readonly t0: number;
  /** TA(i), TB(i), TC(i), TD(i) for i = 1..n; undefined where absent. */
  readonly interfaceBytes: readonly { ta?: number; tb?: number; tc?: number; td?: number }[];
  readonly historicalBytes: Uint8Array;
  readonly tck?: number;
  readonly protocols: readonly number[];
  /** TA1, or 0x11 (Fi=372, Di=1) when absent. */
  readonly fiDi: number;
  /** TC1 extra guard time, 0 when absent. */
  readonly guardTime: number;
  /** TA2 present: the card is in specific mode and takes no PPS. */
  readonly specificMode: boolean;
  /** T=1 parameters from the first TA/TB/TC after a TD announcing T=1 (ISO 7816-3 §11.4). */
  readonly t1: { readonly ifsc: number; readonly bwi: number; readonly cwi: number; readonly edc: 'lrc' | 'crc' };
}

export interface SlotChangeEvent {
  readonly slot: number;
  readonly present: boolean;
  /** Where the change was seen: the interrupt endpoint's NotifySlotChange, or polling GetSlotStatus. */
  readonly source: 'interrupt' | 'poll';
}

export type SlotChangeListener = (event: SlotChangeEvent) => void;

export interface CcidOpenOptions {
  /** Deadline for one reader command (ms) where the ATR gives none; default CONFIG.reader.commandTimeoutMs. */
  timeoutMs?: number;
  /** Slot to use (default 0). */
  slot?: number;
  /** Poll interval for onSlotChange when the reader has no interrupt endpoint (ms). */
  pollIntervalMs?: number;
}
