/**
 * The `smartcard` binding's failures as the contract's codes, in one table. Its addon
 * rejects with `Error(GetPCSCErrorString(rc))` and keeps no numeric code (smartcard
 * 3.7.0 src/pcsc_errors.h), so the text is what we have: each row is that header's
 * string for one SCARD_* return code. A string we do not know is the generic
 * `pcsc-error`, message kept, so a binding update shows up as a readable failure.
 */
import type { HostErrorCode } from '../../src/reader/native/index';

const BY_MESSAGE: Readonly<Record<string, HostErrorCode>> = {
  'PC/SC service not running': 'no-service', // SCARD_E_NO_SERVICE
  'PC/SC service stopped': 'no-service', // SCARD_E_SERVICE_STOPPED
  'No readers available': 'no-readers', // SCARD_E_NO_READERS_AVAILABLE
  'Unknown reader': 'unknown-reader', // SCARD_E_UNKNOWN_READER
  'Reader unavailable': 'reader-unavailable', // SCARD_E_READER_UNAVAILABLE
  'Reader not ready': 'reader-unavailable', // SCARD_E_NOT_READY
  'No smart card present': 'no-card', // SCARD_E_NO_SMARTCARD
  'Card was removed': 'card-removed', // SCARD_W_REMOVED_CARD
  'Card was reset': 'card-reset', // SCARD_W_RESET_CARD
  'Card is unresponsive': 'card-unresponsive', // SCARD_W_UNRESPONSIVE_CARD
  'Card is unpowered': 'card-unresponsive', // SCARD_W_UNPOWERED_CARD
  'Sharing violation': 'sharing-violation', // SCARD_E_SHARING_VIOLATION
  'Operation timed out': 'timeout', // SCARD_E_TIMEOUT
  'Operation cancelled': 'cancelled', // SCARD_E_CANCELLED
  'System cancelled operation': 'cancelled', // SCARD_E_SYSTEM_CANCELLED
  'Invalid handle': 'unknown-handle', // SCARD_E_INVALID_HANDLE
  // The binding's own refusals (pcsc_card.cpp) when its handle was already released.
  'Card is not connected': 'unknown-handle',
  'Context is not valid': 'no-service',
};

export function codeForBindingError(error: unknown): { code: HostErrorCode; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { code: BY_MESSAGE[message] ?? 'pcsc-error', message };
}
