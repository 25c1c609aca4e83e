/**
 * The `native` route's failures mapped onto the driver-neutral reader errors
 * (../errors.ts), once (STYLE §9). What the resident must tell apart (issue 12 §2) is
 * kept in details.driverCode: companion not installed, forbidden (extension id not in
 * the host manifest), crashed, too old or too new, no PC/SC service, reader in use.
 */
import {
  CardMuteError,
  CardRemovedError,
  NoCardError,
  ReaderBusyError,
  ReaderCancelledError,
  ReaderGoneError,
  ReaderProtocolError,
  ReaderTimeoutError,
  ReaderUnsupportedError,
  type READER_SEAM_ERRORS,
} from '../errors';
import type { HostErrorCode, RequestType, WireError } from './messages';

type SeamClass = (typeof READER_SEAM_ERRORS)[keyof typeof READER_SEAM_ERRORS];
export type CompanionFailure = InstanceType<SeamClass>;

/** Every host code has a row (the type makes a missing one a compile error). */
const HOST_TO_SEAM: { readonly [K in HostErrorCode]: SeamClass } = {
  'no-service': ReaderGoneError,
  'no-readers': ReaderGoneError,
  'unknown-reader': ReaderGoneError,
  'reader-unavailable': ReaderGoneError,
  'no-card': NoCardError,
  'card-removed': CardRemovedError,
  // Another program reset the card: our verified state is gone, as if it had been pulled.
  'card-reset': CardRemovedError,
  'card-unresponsive': CardMuteError,
  'sharing-violation': ReaderBusyError,
  timeout: ReaderTimeoutError,
  cancelled: ReaderCancelledError,
  // Our handle is gone (the host restarted under us): the reader must be opened again.
  'unknown-handle': ReaderGoneError,
  'not-supported': ReaderUnsupportedError,
  'pcsc-error': ReaderProtocolError,
  'bad-request': ReaderProtocolError,
  'too-large': ReaderProtocolError,
};

export function hostError(e: WireError, during: RequestType): CompanionFailure {
  const Cls = HOST_TO_SEAM[e.code];
  return new Cls(`companion ${during}: ${e.message}`, { driverCode: e.code });
}

/**
 * Chrome's texts for a native port that closed (extensions/browser/api/messaging/
 * native_message_process_host.cc, as runtime.lastError.message). No text at all is a
 * host that exited without Chrome seeing an error.
 */
const CHROME_PORT_ERRORS: readonly (readonly [string, string, string])[] = [
  ['Specified native messaging host not found.', 'companion-missing', 'the companion is not installed for this browser'],
  ['Access to the specified native messaging host is forbidden.', 'companion-forbidden', 'the installed companion does not list this extension'],
  ['Failed to start native messaging host.', 'companion-cannot-start', 'the browser could not start the companion'],
  ['Native host has exited.', 'companion-exited', 'the companion stopped'],
  ['Error when communicating with the native messaging host.', 'companion-broken', 'the companion broke the native-messaging framing'],
];

export function portGone(lastError: string | undefined): CompanionFailure {
  const row = CHROME_PORT_ERRORS.find(([text]) => text === lastError);
  const [, driverCode, message] = row ?? ['', 'companion-exited', `the companion stopped${lastError ? ` (${lastError})` : ''}`];
  return new ReaderGoneError(message, { driverCode });
}
