/**
 * The one place a status word becomes a card error (STYLE §9). Callers say what they
 * were doing; the status word decides the class. SELECT by AID is the single context
 * that reads 6A82 differently (no JPKI application), and it is decided here too.
 */
import { CardStatusError, CertificateParseError, FileNotFoundError, NotJpkiCardError, PinLockedError, SecurityStatusError, WrongPinError } from './errors';
import type { CardError } from './errors';
import { SW, describeSw, isCounterSw, swHex, triesLeftOf } from './status-words';

export interface StatusContext {
  /** What was being done, for the message: "read EF 000A", "sign with the auth key". */
  readonly operation: string;
  /** Set for VERIFY and for anything guarded by a PIN: names the PIN in the message. */
  readonly pin?: 'auth' | 'sign' | 'assist';
  /** SELECT of the JPKI AID: any refusal means the card has no JPKI application. */
  readonly selectingApplication?: boolean;
  /** Reading a certificate whose DER header promised more: 6B00 means the EF ends inside it. */
  readonly readingCertificate?: boolean;
}

/** True for the three answers that mean "this PIN is blocked" (jpki-protocol §3.3, §8). */
export function isPinLockedSw(sw: number): boolean {
  return sw === SW.VERIFY_FAILED_COUNTER || sw === SW.REFERENCE_DATA_BLOCKED || sw === SW.AUTH_METHOD_BLOCKED;
}

export function errorForStatus(sw: number, context: StatusContext): CardError {
  const details = { sw: swHex(sw), swName: describeSw(sw), operation: context.operation };
  const pin = context.pin === undefined ? '' : ` (${context.pin} PIN)`;
  if (context.selectingApplication === true) {
    // Any answer but 9000: a foreign card may say 6A82, 6A86, 6D00 or 6E00 (jpki-protocol §7).
    return new NotJpkiCardError(`the card has no JPKI application: ${details.swName}`, details);
  }
  if (context.readingCertificate === true && sw === SW.OFFSET_OUTSIDE_EF) {
    return new CertificateParseError(`${context.operation}: the EF ends inside the DER object its header announced`, details);
  }
  if (isPinLockedSw(sw)) return new PinLockedError(`${context.operation}: PIN is locked${pin}`, details);
  if (isCounterSw(sw)) {
    const remaining = triesLeftOf(sw);
    return new WrongPinError(`${context.operation}: wrong PIN${pin}, ${remaining} tries left`, remaining, details);
  }
  if (sw === SW.SECURITY_STATUS_NOT_SATISFIED) {
    return new SecurityStatusError(`${context.operation}: the PIN must be verified first${pin}`, details);
  }
  // 6A88 "referenced data not found": a PIN or key named by SFI that the card lacks
  // (e.g. the sign password on a card with no signing certificate) — a missing file too.
  if (sw === SW.FILE_NOT_FOUND || sw === SW.REFERENCED_DATA_NOT_FOUND) {
    return new FileNotFoundError(`${context.operation}: file not found`, details);
  }
  return new CardStatusError(`${context.operation}: card answered ${details.sw} ${details.swName}`, sw, {
    operation: context.operation,
  });
}
