/**
 * VERIFY, CHANGE REFERENCE DATA and COMPUTE DIGITAL SIGNATURE as the JPKI card answers
 * them (jpki-protocol §3.3–§3.5, §8).
 */
import type { CommandApdu } from '../../card/index';
import { P2_CURRENT_EF, SIGN_P1_PKCS1_DIGEST_INFO } from '../../card/index';
import { SW } from '../../card/index';
import { MAX_PIN_BYTES, type JpkiFile } from './files';
import { maxPaddedInput, signPkcs1Type1 } from './rsa';
import { fileBySfi, sfiOf, status, type Answer, type CardContents, type Session } from './session';

/** CHANGE REFERENCE DATA P1=01: new data only, after VERIFY (jpki-protocol §3.4). */
const CHANGE_P1_NEW_ONLY = 0x01;
/** Short Le=00 asks for 256 bytes: the whole RSA-2048 signature. */
const SIGNATURE_LE = 256;

/**
 * The IEF a VERIFY-family or signing P2 names: 80 = the current EF, 80|SFI = that EF
 * (jpki-protocol §3.3, §3.5). Another P2 is 6A86; a reference to the wrong kind of
 * file is 6A88; none selected is 6986 (MYNA's mock; the card's answer is UNCONFIRMED).
 */
type IefKind = 'pin' | 'key';
type Ief<K extends IefKind> = Extract<JpkiFile, { kind: K }>;

function referencedFile<K extends IefKind>(p2: number, kind: K, card: CardContents, s: Session): Ief<K> | Answer {
  let file: JpkiFile | undefined;
  if (p2 === P2_CURRENT_EF) {
    if (s.ef === undefined) return status(SW.NO_CURRENT_EF);
    file = s.ef;
  } else {
    const sfi = sfiOf(p2);
    if (sfi === undefined) return status(SW.INCORRECT_P1P2);
    file = fileBySfi(card, s, sfi);
  }
  return file !== undefined && file.kind === kind ? (file as Ief<K>) : status(SW.REFERENCED_DATA_NOT_FOUND);
}

function isAnswer(x: Ief<IefKind> | Answer): x is Answer {
  return 'sw' in x;
}

function counterSw(remaining: number): number {
  return SW.VERIFY_FAILED_COUNTER | remaining;
}

export function verify(c: CommandApdu, card: CardContents, s: Session): Answer {
  if (c.p1 !== 0x00) return status(SW.INCORRECT_P1P2);
  const file = referencedFile(c.p2, 'pin', card, s);
  if (isAnswer(file)) return file;
  const counter = card.pins[file.pin];
  if (counter === undefined) return status(SW.REFERENCED_DATA_NOT_FOUND);
  // After the attempt that answered 63C0, every VERIFY — the empty query too — is 6984
  // (MC citing JICSAP 5.2.2).
  if (counter.locked) return status(SW.REFERENCE_DATA_BLOCKED);
  // No data: the retry query, 63Cx without using a try; answered 63Cx even when already
  // verified, as OpenSC's GET_INFO needs SW1=63 (jpki-protocol §3.3).
  if (c.data.length === 0) return status(counterSw(counter.remaining));
  // Refused before comparing, so an over-long entry costs no try (our choice).
  if (c.data.length > MAX_PIN_BYTES) return status(SW.WRONG_LENGTH);
  if (counter.verify(c.data) === 'verified') {
    s.verified.add(file.pin);
    return status(SW.OK);
  }
  s.verified.delete(file.pin);
  return status(counterSw(counter.remaining));
}

export function changeReferenceData(c: CommandApdu, card: CardContents, s: Session): Answer {
  if (c.p1 !== CHANGE_P1_NEW_ONLY) return status(SW.INCORRECT_P1P2);
  const file = referencedFile(c.p2, 'pin', card, s);
  if (isAnswer(file)) return file;
  const counter = card.pins[file.pin];
  if (counter === undefined) return status(SW.REFERENCED_DATA_NOT_FOUND);
  if (counter.locked) return status(SW.REFERENCE_DATA_BLOCKED);
  if (!s.verified.has(file.pin)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (c.data.length === 0 || c.data.length > MAX_PIN_BYTES) return status(SW.WRONG_LENGTH);
  counter.change(c.data);
  return status(SW.OK);
}

export function computeDigitalSignature(c: CommandApdu, card: CardContents, s: Session): Answer {
  // MC documents P1=01..05 (card-side hashing, PSS); only MC has them (UNCONFIRMED) and
  // no JPKI client uses them, so this card knows P1=00 alone and answers the rest 6A86.
  if (c.p1 !== SIGN_P1_PKCS1_DIGEST_INFO) return status(SW.INCORRECT_P1P2);
  const file = referencedFile(c.p2, 'key', card, s);
  if (isAnswer(file)) return file;
  const key = card.keys[file.pin];
  if (key === undefined) return status(SW.REFERENCED_DATA_NOT_FOUND);
  // The key's PIN must be verified in this power session (jpki-protocol §3.5: 6982).
  if (!s.verified.has(file.pin)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
  // The card pads 1..245 bytes (PKCS#1 v1.5 type 1, RSA-2048) and answers all 256 bytes.
  if (c.data.length < 1 || c.data.length > maxPaddedInput(key)) return status(SW.WRONG_LENGTH);
  if (c.le !== undefined && c.le < SIGNATURE_LE) return status(SW.WRONG_LENGTH);
  return { sw: SW.OK, data: signPkcs1Type1(key, c.data) };
}
