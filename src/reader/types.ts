/**
 * The one open-reader interface every reader source implements (DESIGN "Where readers
 * come from"): an ApduTransport plus power, presence and identity. The background sees
 * readers only through this file and ./errors.ts; it cannot tell a CCID reader from an
 * RC-S380, the native companion or the virtual reader (STYLE §17).
 */
import type { ApduTransport } from '../card/index';

/** Card presence in a reader, driver-neutral: powered, present but unpowered, or none. */
export type SlotState = 'active' | 'inactive' | 'absent';

/** Where a reader comes from (DESIGN "Where readers come from"). */
export type ReaderSourceKind = 'webusb-ccid' | 'webusb-port100' | 'native' | 'virtual';

/** What the views may say about a reader. USB ids are absent where the route has none (PC/SC names only). */
export interface ReaderIdentity {
  readonly name: string;
  readonly vendorId?: number;
  readonly productId?: number;
  readonly source: ReaderSourceKind;
}

export interface OpenReader extends ApduTransport {
  readonly identity: ReaderIdentity;
  /**
   * Powers the card and returns its ATR (for a contactless card: RF on and activation,
   * returning what the card answered). A driver whose card may already be powered
   * powers it off first, so every session starts cold: only a power-off clears a
   * verified PIN (facts jpki-protocol §3.3).
   */
  powerOn(): Promise<Uint8Array>;
  /** Unpowers the card (contactless: DESELECT and RF off). Clears any verified PIN. */
  powerOff(): Promise<void>;
  slotStatus(): Promise<SlotState>;
  /** Card inserted or removed; returns the unsubscribe function. */
  onSlotChange(listener: (present: boolean) => void): () => void;
  close(): Promise<void>;
}

export interface ReaderCandidate {
  /** Stable for this device while the browser runs (the setup page forgets by it). */
  readonly key: string;
  readonly identity: ReaderIdentity;
  /**
   * Opens and claims the reader. Throws only the errors of ./errors.ts (the driver maps
   * its own onto them once). A failed open leaves nothing open.
   */
  open(): Promise<OpenReader>;
  /** Removes the browser's permission for the device (setup page "forget"). */
  forget(): Promise<void>;
}

export interface ReaderSource {
  readonly kind: ReaderSourceKind;
  list(): Promise<readonly ReaderCandidate[]>;
  /** A reader was plugged, unplugged or paired. Returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}
