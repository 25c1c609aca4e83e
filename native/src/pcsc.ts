/**
 * What the host needs from the operating system's PC/SC stack, and nothing more: the
 * protocol (host.ts) speaks only this interface, so it is tested with a fake and the
 * binding (smartcard-backend.ts) stays a small adapter. Every failure a backend throws
 * is a PcscFailure with one of the contract's codes; the binding maps its own errors
 * once (pcsc-errors.ts).
 */
import { BridgeError } from '../../src/error';
import type { Disposition, HostErrorCode, ReaderPresence } from '../../src/reader/native/index';

export class PcscFailure extends BridgeError {
  override readonly name = 'PcscFailure' as const;
  constructor(readonly code: HostErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, {}, options);
  }
}

export interface PcscReader {
  readonly name: string;
  readonly present: boolean;
}

export interface PcscCard {
  readonly atr: Uint8Array;
  readonly protocol: 'T=0' | 'T=1' | 'raw';
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  beginTransaction(): Promise<void>;
  endTransaction(): Promise<void>;
  disconnect(disposition: Disposition): Promise<void>;
}

export interface PcscEvent {
  readonly reader: string;
  readonly state: ReaderPresence;
}

export interface PcscBackend {
  listReaders(): Promise<readonly PcscReader[]>;
  /** Shared mode, T=1 preferred (T=0 accepted: the card layer handles 61xx/6Cxx itself). */
  connect(reader: string): Promise<PcscCard>;
  /** Reader and card changes, as they happen; returns the unsubscribe function. */
  watch(listener: (event: PcscEvent) => void): () => void;
  close(): void;
}
