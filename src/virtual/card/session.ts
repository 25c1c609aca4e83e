/**
 * What the card's command handlers share: the card's lasting contents (files, PIN
 * counters, keys) and the session that a power-off clears (current AP and EF, verified
 * PINs). Each handler returns an Answer; the card turns it into bytes in one place.
 */
import type { AID } from '../../card/index';
import type { JpkiFile, KeyPinName, PinName } from './files';
import type { PinCounter } from './pin-counter';
import type { RsaPrivateKey } from './rsa';

export type AppName = keyof typeof AID;

export interface CardContents {
  readonly atr: Uint8Array;
  /** Each modelled application's files by FID; an AP without an entry selects but holds nothing. */
  readonly files: Readonly<Partial<Record<AppName, ReadonlyMap<number, JpkiFile>>>>;
  /** One counter per PIN, whichever AP holds it: each has its own tries (jpki-protocol §4). */
  readonly pins: Readonly<Partial<Record<PinName, PinCounter>>>;
  readonly keys: Readonly<Partial<Record<KeyPinName, RsaPrivateKey>>>;
}

export interface Session {
  app: AppName | undefined;
  ef: JpkiFile | undefined;
  /** Verified until power-off, not by a warm reset (MC, jpki-protocol §3.3). */
  readonly verified: Set<PinName>;
}

export interface Answer {
  readonly sw: number;
  readonly data?: Uint8Array;
}

export function status(sw: number): Answer {
  return { sw };
}

/** P2 (or P1 of READ BINARY) = 100x xxxx names an EF by short identifier (ISO 7816-4 §7.2.2). */
export const SFI_FLAG = 0x80;
const SFI_FORM_MASK = 0xe0;
const SFI_MASK = 0x1f;

export function sfiOf(p: number): number | undefined {
  return (p & SFI_FORM_MASK) === SFI_FLAG && (p & SFI_MASK) !== 0 ? p & SFI_MASK : undefined;
}

/**
 * A file of the current AP by short EF identifier. The FIDs are 00 01..00 1B, so the SFI
 * is the FID's low byte (MC: P2 97 = 0017, 9A = 001A, 98 = 0018; the 共通カードAP's record
 * EF 0001 is SFI 1).
 */
export function fileBySfi(card: CardContents, session: Session, sfi: number): JpkiFile | undefined {
  return fileOf(card, session, sfi);
}

/** A file of the current AP by FID; none when no AP is selected. */
export function fileOf(card: CardContents, session: Session, fid: number): JpkiFile | undefined {
  return session.app === undefined ? undefined : card.files[session.app]?.get(fid);
}
