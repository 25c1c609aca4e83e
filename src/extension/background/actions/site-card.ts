/**
 * What every site action reads before a PIN is typed (issue 9 §1), and the check it
 * makes after: session 1 learns the card (its authentication certificate's serial), the
 * PIN's tries (an empty VERIFY: no try spent) and whether the card takes the SFI forms;
 * session 2 first reads the serial again, so a card swapped while the window waited is
 * never sent the PIN typed for the other one.
 */
import { CardChannel, CommonCard, FileNotFoundError, JpkiCard, SecurityStatusError, parseCertificate, type PinName } from '../../../card/index';
import type { PinSnapshot } from '../../status-model';
import { CardChangedError, CertificateExpiredError, CertificateNotYetValidError } from '../errors';
import type { CardSession } from '../session/index';

export interface CardBefore {
  /** The authentication certificate's serial: the card's identity across sessions. */
  readonly serial: string;
  readonly tries: PinSnapshot;
  /** The empty VERIFY by SFI worked: session 2 may send the PIN the same way. */
  readonly pinBySfi: boolean;
}

export async function readBefore(session: CardSession, pin: PinName): Promise<CardBefore & { readonly card: JpkiCard; readonly channel: CardChannel }> {
  const channel = new CardChannel(session.transport);
  const card = new JpkiCard(channel);
  await card.select();
  const serial = await card.certificateSerial('auth');
  const { remaining, max, locked } = await card.pinStatus(pin);
  return { card, channel, serial, tries: { remaining, max, locked }, pinBySfi: card.pinBySfiWorks };
}

/** The 13-character manufacture number from the 共通カードAP record (no PIN; portal-protocol §3.4). */
export async function readManufactureNumber(read: { readonly channel: CardChannel }): Promise<string> {
  return new CommonCard(read.channel).manufactureNumber();
}

/** Session 2's first step: the same card, or CardChangedError before anything secret is sent. */
export async function sameCard(session: CardSession, before: CardBefore): Promise<JpkiCard> {
  return (await sameCardChannel(session, before)).card;
}

/** The same, with the card's channel for the card's other applications (the assist AP). */
export async function sameCardChannel(session: CardSession, before: CardBefore): Promise<{ readonly card: JpkiCard; readonly channel: CardChannel }> {
  const channel = new CardChannel(session.transport);
  const card = new JpkiCard(channel);
  await card.select();
  if ((await card.certificateSerial('auth')) !== before.serial) throw new CardChangedError('the card in the reader is not the one the request began with');
  return { card, channel };
}

/** Whether the card holds a signing certificate, without the password: 6982 = there, 6A82 = none. */
export async function hasSigningCertificate(card: JpkiCard): Promise<boolean> {
  try {
    await card.certificateSerial('sign');
    return true;
  } catch (error) {
    if (error instanceof SecurityStatusError) return true;
    if (error instanceof FileNotFoundError) return false;
    throw error;
  }
}

/** Refuses a certificate outside its validity at `now` (the dates are the certificate's own). */
export function checkValidity(der: Uint8Array, now: Date): void {
  const parsed = parseCertificate(der);
  if (now < parsed.notBefore) throw new CertificateNotYetValidError(`the certificate is valid from ${parsed.notBefore.toISOString()}`);
  if (now > parsed.notAfter) throw new CertificateExpiredError(`the certificate expired at ${parsed.notAfter.toISOString()}`);
}

/** The first bytes of a hash as grouped hex, for the window (a careful holder can compare). */
export function fingerprint(hash: Uint8Array): string {
  return Array.from(hash.subarray(0, 8), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}
