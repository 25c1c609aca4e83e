/**
 * The CCID driver's errors mapped onto the driver-neutral reader errors (../errors.ts),
 * once, at the driver's upper seam (source.ts). Everything the driver can throw has a
 * row here (the map's type makes a missing code a compile error); the original error
 * stays as `cause` and its code as `details.driverCode`, so logs still say exactly what
 * the driver saw. The mechanism (neutral errors pass, raw DOMExceptions by name) is
 * the one in ../usb/seam.ts; this file holds only what each CCID code means.
 */
import {
  CardMuteError,
  NoCardError,
  ReaderBusyError,
  ReaderGoneError,
  ReaderProtectedError,
  ReaderProtocolError,
  ReaderTimeoutError,
  ReaderUnsupportedError,
} from '../errors';
import { READER_ERRORS, type ReaderErrorCode } from './errors';
import { webUsbSeam, type SeamClass } from '../usb/index';

/**
 * Which neutral error each CCID code means to the layers above. The choices keep what
 * the resident is told unchanged: stalls read as "the reader does not answer" (as the
 * views already said), framing/T=1/bError failures as "the exchange broke" (the views
 * had no words for them and still have none).
 */
const CCID_TO_SEAM: { readonly [K in ReaderErrorCode]: SeamClass } = {
  'reader-timeout': ReaderTimeoutError,
  'reader-stall': ReaderTimeoutError,
  'reader-disconnected': ReaderGoneError,
  'reader-closed': ReaderGoneError,
  'reader-transfer-failed': ReaderProtocolError,
  'reader-framing': ReaderProtocolError,
  'reader-protected-interface': ReaderProtectedError,
  'reader-busy': ReaderBusyError,
  // bError 0xE0: another host command holds the slot; "busy" is the closest neutral word.
  'slot-busy': ReaderBusyError,
  'reader-unsupported': ReaderUnsupportedError,
  'reader-descriptor': ReaderProtocolError,
  'card-absent': NoCardError,
  'card-mute': CardMuteError,
  'reader-hardware': ReaderProtocolError,
  'reader-command-failed': ReaderProtocolError,
  't1-desync': ReaderProtocolError,
  't1-resync-failed': ReaderProtocolError,
  't1-block': ReaderProtocolError,
  'atr-parse': ReaderProtocolError,
};

export const { toSeamError, atSeam } = webUsbSeam(READER_ERRORS, CCID_TO_SEAM);
