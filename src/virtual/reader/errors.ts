/**
 * The virtual reader's own error vocabulary (STYLE §8). Faults the reader plays are not
 * errors here: they reach the driver as USB results and CCID replies, as on hardware.
 */
import { BridgeError } from '../../error';

/** A reader dump (`data/ccid-readers/*.txt`) that is damaged or not a dump at all. */
export class ReaderDumpError extends BridgeError {
  readonly code = 'virtual-reader-dump' as const;
  override readonly name = 'ReaderDumpError' as const;
}

/** createVirtualReader options that describe no reader (no CCID interface, bad packet size). */
export class VirtualReaderOptionsError extends BridgeError {
  readonly code = 'virtual-reader-options' as const;
  override readonly name = 'VirtualReaderOptionsError' as const;
}

export const VIRTUAL_READER_ERRORS = {
  'virtual-reader-dump': ReaderDumpError,
  'virtual-reader-options': VirtualReaderOptionsError,
} as const;
