/**
 * The Port-100 driver's errors mapped onto the driver-neutral reader errors (../errors.ts)
 * once, at the driver's upper seam (source.ts), as the CCID driver does. The original
 * error stays as `cause` and its code as `details.driverCode`.
 */
import { BridgeError } from '../../error';
import {
  CardMuteError,
  CardRemovedError,
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
import { domName } from '../usb/index';
import { PORT100_ERRORS, type Port100ErrorCode } from './errors';

type SeamClass = (typeof READER_SEAM_ERRORS)[keyof typeof READER_SEAM_ERRORS];

/**
 * What each Port-100 code means to the layers above. A card that answers REQB but cannot
 * be activated is "mute" (it is there, it does not talk); a card that stops answering in
 * an exchange was lifted off the reader; a WTX storm is a timeout.
 */
const PORT100_TO_SEAM: { readonly [K in Port100ErrorCode]: SeamClass } = {
  'reader-timeout': ReaderTimeoutError,
  'reader-stall': ReaderTimeoutError,
  'reader-disconnected': ReaderGoneError,
  'reader-closed': ReaderGoneError,
  'reader-transfer-failed': ReaderProtocolError,
  'port100-frame': ReaderProtocolError,
  'port100-sequence': ReaderProtocolError,
  'port100-status': ReaderProtocolError,
  'reader-unsupported': ReaderUnsupportedError,
  'reader-busy': ReaderBusyError,
  'card-absent': NoCardError,
  'type-b-activation': CardMuteError,
  'card-removed': CardRemovedError,
  'iso-dep-protocol': ReaderProtocolError,
  'iso-dep-timeout': ReaderTimeoutError,
};

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

function isPort100Error(e: unknown): e is InstanceType<(typeof PORT100_ERRORS)[Port100ErrorCode]> {
  return e instanceof BridgeError && Object.hasOwn(PORT100_ERRORS, e.code) && e instanceof PORT100_ERRORS[e.code as Port100ErrorCode];
}

export function toSeamError(e: unknown): InstanceType<SeamClass> {
  if (isSeamError(e)) return e;
  if (isPort100Error(e)) {
    const Cls = PORT100_TO_SEAM[e.code];
    return new Cls(e.message, { ...e.details, driverCode: e.code }, { cause: e });
  }
  const name = domName(e);
  const Dom = DOM_TO_SEAM[name];
  const message = e instanceof Error ? e.message : String(e);
  if (Dom) return new Dom(message, { driverCode: `dom-${name}` }, { cause: e });
  return new ReaderProtocolError(`unexpected reader failure: ${message}`, { driverCode: name === '' ? 'unknown' : `dom-${name}` }, { cause: e });
}

export async function atSeam<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw toSeamError(e);
  }
}
