/**
 * The status read (issue 5 §1): token label, the authentication certificate (parsed),
 * whether a signing certificate exists, and the remaining tries of both PINs. A card
 * already in the cache is recognised by its authentication certificate's serial from
 * the head of EF 000A, and its label and certificate are not read again (warm read).
 * One card session of the status action, which powers the card on before and off after.
 */
import { FileNotFoundError, JpkiCard, SecurityStatusError, isSmartphoneToken, parseCertificate, serialFromCertificateHead, tokenKindOf } from '../../../card/index';
import { toJstDate } from '../../../rules/index';
import { CONFIG } from '../../../config';
import type { CertificateSnapshot, PinSnapshot, StatusSnapshot, StatusStep } from '../../status-model';
import type { CardSession } from '../session/index';
import type { ActionSpec } from './action';

/** What a card tells that does not change while it stays the same card (kept by status/card-cache.ts). */
export interface CachedCard {
  readonly serial: string;
  readonly tokenLabel: string;
  readonly kind: NonNullable<StatusSnapshot['card']>['kind'];
  readonly authCert: CertificateSnapshot;
  readonly signCertPresent?: boolean;
}

/** The cards read before, by their authentication certificate's serial. */
export interface KnownCards {
  entries(): Promise<readonly CachedCard[]>;
  find(serial: string): Promise<CachedCard | undefined>;
  put(entry: CachedCard): Promise<void>;
}

export interface StatusRequest {
  readonly cache: KnownCards;
  /** Called as each step starts, so the popup shows progress instead of freezing. */
  readonly progress: (step: StatusStep) => void;
}

export interface CardStatus {
  readonly card: NonNullable<StatusSnapshot['card']>;
  readonly cache: 'cold' | 'warm';
}

export const STATUS_ACTION: ActionSpec = Object.freeze({
  name: 'status',
  sessionDeadlineMs: CONFIG.extension.statusDeadlineMs,
  waitMs: CONFIG.extension.sessionWaitMs,
});

export async function readCardStatus(session: CardSession, request: StatusRequest): Promise<CardStatus> {
  request.progress('card');
  const card = new JpkiCard(session.transport);
  await card.select();
  const known = await recognise(card, request);
  const identity = known ?? (await readIdentity(card, request));
  request.progress('pins');
  const pins = {
    auth: await pinOrUndefined(card, 'auth'),
    sign: identity.signCertPresent === false ? undefined : await pinOrUndefined(card, 'sign'),
  };
  return {
    cache: known === undefined ? 'cold' : 'warm',
    card: {
      tokenLabel: identity.tokenLabel,
      kind: identity.kind,
      authCert: identity.authCert,
      ...(identity.signCertPresent === undefined ? {} : { signCertPresent: identity.signCertPresent }),
      pins: { ...(pins.auth ? { auth: pins.auth } : {}), ...(pins.sign ? { sign: pins.sign } : {}) },
    },
  };
}

/** Warm path: only when something is cached, read the certificate head and look it up. */
async function recognise(card: JpkiCard, request: StatusRequest): Promise<CachedCard | undefined> {
  if ((await request.cache.entries()).length === 0) return undefined;
  request.progress('certificate');
  try {
    return await request.cache.find(await card.certificateSerial('auth'));
  } catch {
    // A head we cannot read is not an error of the card: fall back to the full read.
    return undefined;
  }
}

async function readIdentity(card: JpkiCard, request: StatusRequest): Promise<CachedCard> {
  const tokenLabel = await card.tokenLabel();
  const token = tokenKindOf(tokenLabel);
  const kind = token === 'card' || token === 'juki-card' ? 'card' : isSmartphoneToken(token) ? 'smartphone' : 'other';
  request.progress('certificate');
  const der = await card.readCertificate('auth');
  const authCert = certificateSnapshot(der);
  const signCertPresent = await signCertificatePresent(card);
  const entry: CachedCard = { serial: authCert.serial, tokenLabel, kind, authCert, ...(signCertPresent === undefined ? {} : { signCertPresent }) };
  await request.cache.put(entry);
  return entry;
}

function certificateSnapshot(der: Uint8Array): CertificateSnapshot {
  const parsed = parseCertificate(der);
  return {
    serial: serialFromCertificateHead(der),
    subject: parsed.subject,
    issuer: parsed.issuer,
    notBefore: parsed.notBefore.toISOString(),
    notAfter: parsed.notAfter.toISOString(),
    notBeforeDate: toJstDate(parsed.notBefore),
    notAfterDate: parsed.notAfterDate,
  };
}

/**
 * The signing certificate is PIN-protected, so reading it without the password tells
 * presence only: 6982 means it is there, 6A82 that the card has none (a holder under
 * 15, jpki-protocol §2). Anything else leaves it unknown.
 */
async function signCertificatePresent(card: JpkiCard): Promise<boolean | undefined> {
  try {
    await card.readCertificate('sign');
    return true;
  } catch (error) {
    if (error instanceof SecurityStatusError) return true;
    if (error instanceof FileNotFoundError) return false;
    return undefined;
  }
}

async function pinOrUndefined(card: JpkiCard, pin: 'auth' | 'sign'): Promise<PinSnapshot | undefined> {
  try {
    const { remaining, max, locked } = await card.pinStatus(pin);
    return { remaining, max, locked };
  } catch (error) {
    if (error instanceof FileNotFoundError) return undefined;
    throw error;
  }
}
