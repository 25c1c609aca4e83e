/**
 * The Port-100 driver's errors mapped onto the driver-neutral reader errors (../errors.ts)
 * once, at the driver's upper seam (source.ts), as the CCID driver does. The original
 * error stays as `cause` and its code as `details.driverCode`.
 */
import {
  CardMuteError,
  CardRemovedError,
  NoCardError,
  ReaderBusyError,
  ReaderGoneError,
  ReaderProtocolError,
  ReaderTimeoutError,
  ReaderUnsupportedError,
} from '../errors';
import { webUsbSeam, type SeamClass } from '../usb/index';
import { PORT100_ERRORS, type Port100ErrorCode } from './errors';

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

export const { toSeamError, atSeam } = webUsbSeam(PORT100_ERRORS, PORT100_TO_SEAM);
