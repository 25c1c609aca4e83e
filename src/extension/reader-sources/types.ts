/**
 * What the background asks of a reader source (DESIGN "Where readers come from"): a
 * list of readers it could open, and a signal when that list changes. An opened reader
 * is an ApduTransport plus power, presence and identity; the layers above cannot tell
 * the sources apart (STYLE §17: the virtual reader is a peer, not a mock).
 */
import type { ApduTransport } from '../../card/transport';
import type { SlotState } from '../../reader/ccid/types';
import type { ReaderSnapshot } from '../status-model';

export type { SlotState };

export interface OpenReader extends ApduTransport {
  readonly identity: ReaderSnapshot;
  /** Powers the card and returns its ATR. */
  powerOn(): Promise<Uint8Array>;
  powerOff(): Promise<void>;
  slotStatus(): Promise<SlotState>;
  /** Card inserted or removed; returns the unsubscribe function. */
  onSlotChange(listener: (present: boolean) => void): () => void;
  close(): Promise<void>;
}

export interface ReaderCandidate {
  /** Stable for this device while the browser runs (the setup page forgets by it). */
  readonly key: string;
  readonly identity: ReaderSnapshot;
  /** Opens and claims the reader; throws the CCID driver's typed errors. */
  open(): Promise<OpenReader>;
  /** Removes Chrome's permission for the device (setup page "forget"). */
  forget(): Promise<void>;
}

export interface ReaderSource {
  readonly kind: ReaderSnapshot['source'];
  list(): Promise<readonly ReaderCandidate[]>;
  /** A reader was plugged, unplugged or paired. Returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}
