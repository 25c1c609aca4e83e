/**
 * The CCID driver's errors mapped onto the driver-neutral reader errors (../errors.ts),
 * once, at the driver's upper seam (source.ts). Everything the driver can throw has a
 * row here (the map's type makes a missing code a compile error); the original error
 * stays as `cause` and its code as `details.driverCode`, so logs still say exactly what
 * the driver saw. Raw WebUSB DOMExceptions that reach the seam are mapped here too.
 */
import { BridgeError } from '../../error';
import {
  CardMuteError,
  NoCardError,
  ReaderBusyError,
  ReaderCancelledError,
  ReaderGoneError,
  ReaderProtectedError,
  ReaderProtocolError,
  ReaderTimeoutError,
  ReaderUnsupportedError,
  READER_SEAM_ERRORS,
} from '../errors';
import { READER_ERRORS, type ReaderErrorCode } from './errors';
import { domName } from '../usb/index';

type SeamClass = (typeof READER_SEAM_ERRORS)[keyof typeof READER_SEAM_ERRORS];

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

/** WebUSB's DOMException names (facts A1, A2, A3) as they reach the seam unmapped. */
const DOM_TO_SEAM: Readonly<Record<string, SeamClass>> = {
  NotFoundError: ReaderGoneError,
  SecurityError: ReaderProtectedError,
  NetworkError: ReaderBusyError,
  AbortError: ReaderCancelledError,
  InvalidStateError: ReaderGoneError,
};

const SEAM_CLASSES: readonly SeamClass[] = Object.values(READER_SEAM_ERRORS);

function isSeamError(e: unknown): e is InstanceType<SeamClass> {
  return SEAM_CLASSES.some((cls) => e instanceof cls);
}

function isCcidError(e: unknown): e is InstanceType<(typeof READER_ERRORS)[ReaderErrorCode]> {
  return e instanceof BridgeError && Object.hasOwn(READER_ERRORS, e.code) && e instanceof READER_ERRORS[e.code as ReaderErrorCode];
}

/** The neutral error for anything the CCID driver (or WebUSB under it) threw. */
export function toSeamError(e: unknown): InstanceType<SeamClass> {
  if (isSeamError(e)) return e;
  if (isCcidError(e)) {
    const Cls = CCID_TO_SEAM[e.code];
    return new Cls(e.message, { ...e.details, driverCode: e.code }, { cause: e });
  }
  const name = domName(e);
  const Dom = DOM_TO_SEAM[name];
  const message = e instanceof Error ? e.message : String(e);
  if (Dom) return new Dom(message, { driverCode: `dom-${name}` }, { cause: e });
  // Anything else is a reader (or driver) doing what it must not: the exchange cannot be trusted.
  return new ReaderProtocolError(`unexpected reader failure: ${message}`, { driverCode: name === '' ? 'unknown' : `dom-${name}` }, { cause: e });
}

/** Runs `op`, rethrowing whatever it throws as a neutral reader error. */
export async function atSeam<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw toSeamError(e);
  }
}
