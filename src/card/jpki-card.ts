/**
 * The JPKI application client (issue 3 §2): the contract the extension and the tests
 * use. Byte sequences follow jpki-protocol §9; every status word is translated in
 * status-errors.ts; APDUs go through CardChannel, which counts them and skips
 * redundant SELECTs.
 */
import { concat, fromHex } from '../bytes';
import { CONFIG } from '../config';
import { CardChannel, fidHex } from './card-channel';
import { CERTIFICATE_HEAD_LENGTH, serialFromCertificateHead } from './certificate-serial';
import type { ApduCounts } from './counting-transport';
import { readDerHeader } from './der';
import {
  CardResponseError,
  CardStatusError,
  CertificateParseError,
  DerFormatError,
  FileNotFoundError,
  SecurityStatusError,
} from './errors';
import { CERT_PRESENT, EF, P2_CURRENT_EF, TOKEN_LABEL_LENGTH } from './jpki-constants';
import { checkedPinBytes, pinStatusOf, verifyCommand, type PinStatus } from './pin-status';
import { computeSignature } from './raw-signature';
import { DIGEST_INFO_PREFIX, DIGEST_LENGTH } from './oids';
import type { HashName } from './oids';
import { errorForStatus, isPinLockedSw, type StatusContext } from './status-errors';
import { SW, isCounterSw } from './status-words';
import { decodeTokenLabel, tokenKindOf } from './token-label';
import type { TokenKind } from './token-label';
import type { ApduTransport } from './transport';

export type PinName = 'auth' | 'sign';
export type CertificateName = 'auth' | 'auth-ca' | 'sign' | 'sign-ca';

export type { PinStatus } from './pin-status';

const CERT_EF: Readonly<Record<CertificateName, number>> = { auth: EF.authCert, 'auth-ca': EF.authCaCert, sign: EF.signCert, 'sign-ca': EF.signCaCert };
const PIN_EF: Readonly<Record<PinName, number>> = { auth: EF.authPin, sign: EF.signPin };
const KEY_EF: Readonly<Record<PinName, number>> = { auth: EF.authKey, sign: EF.signKey };
const DER_SEQUENCE = 0x30;
const NO_DATA = new Uint8Array(0);
const DIGEST_INFO_PREFIX_BYTES = Object.fromEntries(
  Object.entries(DIGEST_INFO_PREFIX).map(([name, text]) => [name, fromHex(text)]),
) as Record<HashName, Uint8Array>;

/**
 * `table[key]` only for the table's own keys: callers in plain JS (or a message from a
 * page) could pass 'toString' or '__proto__', which must be refused, not looked up.
 */
function lookup<K extends string, V>(table: Readonly<Record<K, V>>, key: K, what: string): V {
  if (typeof key !== 'string' || !Object.hasOwn(table, key)) throw new TypeError(`unknown ${what}: ${String(key)}`);
  return table[key];
}

export class JpkiCard {
  private readonly channel: CardChannel;
  /** Cleared when the card refuses `00 20 00 (80|SFI)` with 6A86, so we stop trying it. */
  private sfiQueryWorks = true;
  /** Cleared when the card refuses `00 B0 (80|SFI)` with 6A86, so we stop trying it. */
  private shortEfReadWorks = true;

  /**
   * Pass the card's CardChannel when other clients (AssistCard, CommonCard) use the same
   * card, so all of them know which application is current; a transport gets its own.
   */
  constructor(link: ApduTransport | CardChannel) {
    this.channel = link instanceof CardChannel ? link : new CardChannel(link);
  }

  /** APDUs and bytes exchanged since construction or `resetApduCounts()`, GET RESPONSEs included. */
  apduCounts(): ApduCounts {
    return this.channel.counts();
  }

  resetApduCounts(): void {
    this.channel.resetCounts();
  }

  /** Call after the card was powered off or reset by someone else: the next command re-selects. */
  forgetSelection(): void {
    this.channel.forgetSelection();
  }

  /** Selects the JPKI application by its full AID; throws NotJpkiCardError when there is none. */
  async select(): Promise<void> {
    await this.channel.selectApplication();
  }

  /** EF 0006's label without padding: `JPKIAPICCTOKEN2` on a card. */
  async tokenLabel(): Promise<string> {
    await this.channel.selectEf(EF.tokenInfo);
    const bytes = await this.channel.readBinary(0, TOKEN_LABEL_LENGTH, { operation: 'read the token label (EF 0006)' });
    return decodeTokenLabel(bytes);
  }

  /** What the label says this is: a card, a 住基カード, or a smartphone token. */
  async tokenKind(): Promise<TokenKind> {
    return tokenKindOf(await this.tokenLabel());
  }

  /**
   * Exactly the DER object in the certificate's EF, never the padding after it. The
   * first READ BINARY asks for a full chunk, so its header gives the length without an
   * extra round trip: SELECT AP (if needed) + SELECT EF + ceil(length / 256) reads.
   */
  async readCertificate(which: CertificateName): Promise<Uint8Array<ArrayBuffer>> {
    const context = await this.selectCertificate(which, 'certificate');
    const der = await this.channel.readSized((first) => certificateLength(first, which), context);
    // A fresh ArrayBuffer, so WebCrypto and pkijs take it as is.
    return der.slice();
  }

  /**
   * The certificate's serial from the head of its EF: one short READ BINARY by SFI (or SELECT + READ),
   * not the whole certificate. Enough to recognise a card seen before (the status cache).
   */
  async certificateSerial(which: CertificateName): Promise<string> {
    const fid = lookup(CERT_EF, which, 'certificate');
    if (this.shortEfReadWorks && !this.channel.isCurrentEf(fid)) {
      const head = await this.headByShortEf(which, fid);
      if (head !== undefined) return serialFromCertificateHead(head);
    }
    const context = await this.selectCertificate(which, 'certificate serial');
    return serialFromCertificateHead(await this.channel.readBinary(0, CERTIFICATE_HEAD_LENGTH, context));
  }

  /**
   * The head by `00 B0 (80|SFI) 00 23`, saving the EF SELECT (issue 13 §5: the warm status
   * read in 4 APDUs). Only one source (MC) says the card takes this form, so any answer
   * but 9000 or 6982 gives `undefined` and the caller falls back to SELECT + READ BINARY,
   * whose answer is authoritative; 6A86 (P1 refused) also stops trying it on this card.
   */
  private async headByShortEf(which: CertificateName, fid: number): Promise<Uint8Array | undefined> {
    const response = await this.channel.readBinaryShortEf(fid, 0, CERTIFICATE_HEAD_LENGTH);
    if (response.sw === SW.OK) return response.data;
    // The EF is there and protected (the sign certificate before its password): the
    // classic form would answer the same after one more APDU.
    if (response.sw === SW.SECURITY_STATUS_NOT_SATISFIED) {
      throw errorForStatus(response.sw, { operation: `read the ${which} certificate serial (EF ${fidHex(fid)})`, ...(which === 'sign' ? { pin: 'sign' as const } : {}), readingCertificate: true });
    }
    if (response.sw === SW.INCORRECT_P1P2) this.shortEfReadWorks = false;
    return undefined;
  }

  private async selectCertificate(which: CertificateName, what: string): Promise<StatusContext> {
    const fid = lookup(CERT_EF, which, 'certificate');
    await this.channel.selectEf(fid);
    return { operation: `read the ${which} ${what} (EF ${fidHex(fid)})`, ...(which === 'sign' ? { pin: 'sign' as const } : {}), readingCertificate: true };
  }

  /**
   * EF 0008 says which certificates the card holds: byte 0 = 8F when there is a signing
   * certificate (MC only — UNCONFIRMED, jpki-protocol §2). Because that reading is
   * unconfirmed, callers must treat `undefined` (file absent, protected or empty) as
   * "not known" and be right either way: a false here never hides the sign certificate
   * from a holder, it only skips offering it; reading EF 0001 is the final word.
   */
  async hasSignCertificate(): Promise<boolean | undefined> {
    let bytes: Uint8Array;
    try {
      await this.channel.selectEf(EF.certPresence);
      bytes = await this.channel.readBinary(0, 3, { operation: 'read the certificate presence flags (EF 0008)' });
    } catch (e) {
      const unreadable = e instanceof FileNotFoundError || e instanceof SecurityStatusError || e instanceof CardStatusError || e instanceof CardResponseError;
      if (unreadable) return undefined;
      throw e;
    }
    if (bytes.length === 0) return undefined;
    return bytes[0] === CERT_PRESENT;
  }

  /**
   * Tries left, from a VERIFY with no data (jpki-protocol §3.3), which never costs a try.
   * When the PIN EF is current: `00 20 00 80`. Otherwise the PIN is named by SFI,
   * `00 20 00 (80|SFI)` (MC verify_sfi, tested on a card; JSAPDU), instead of SELECT +
   * VERIFY, so the query takes at most 2 APDUs even on a fresh card. Only the query uses
   * that form: a VERIFY with data keeps the classic SELECT form every library uses.
   */
  async pinStatus(pin: PinName): Promise<PinStatus> {
    const fid = lookup(PIN_EF, pin, 'PIN');
    return pinStatusOf(await this.pinQuery(fid), pin);
  }

  /** The empty VERIFY's status word, by the cheapest form this card accepts. */
  private async pinQuery(fid: number): Promise<number> {
    if (this.channel.isCurrentEf(fid)) return (await this.channel.exchange(verifyCommand(NO_DATA, P2_CURRENT_EF))).sw;
    if (this.sfiQueryWorks) {
      const { sw } = await this.channel.exchangeInApplication(verifyCommand(NO_DATA, P2_CURRENT_EF | fid));
      // Whether naming an EF by SFI also makes it current is not known: assume nothing.
      this.channel.forgetCurrentEf();
      if (sw === SW.OK || isCounterSw(sw) || isPinLockedSw(sw)) return sw;
      // Any other answer: maybe this card lacks the SFI form. The classic form decides,
      // and gives the authoritative error (6A82 for a PIN the card does not have).
      if (sw === SW.INCORRECT_P1P2) this.sfiQueryWorks = false;
    }
    await this.channel.selectEf(fid);
    return (await this.channel.exchange(verifyCommand(NO_DATA, P2_CURRENT_EF))).sw;
  }

  /**
   * Whether this card answered the empty VERIFY by SFI (`00 20 00 (80|SFI)`) with a
   * counter in this client's life. A login's second session passes it to
   * `verifyPin(…, { bySfi })`: the same addressing with data then saves the EF SELECT.
   */
  get pinBySfiWorks(): boolean {
    return this.sfiQueryWorks;
  }

  /**
   * Checks the format with the rules core first (a malformed PIN never reaches the card
   * and never costs a try), then sends the normalised PIN once. Never retries.
   *
   * `bySfi`: name the PIN EF in P2 (`00 20 00 (80|SFI)`, facts §3.3: MC verify_sfi,
   * JSAPDU) instead of SELECT + `00 20 00 80`. Whether every card generation takes the
   * data form is UNCONFIRMED, so the caller asks for it only where the empty query by
   * SFI already worked on this card; a refusal (6A86) is then an error of this attempt,
   * never a second VERIFY — the PIN was not evaluated, no try is spent, and the holder
   * types it again (the caller then uses the classic form).
   */
  async verifyPin(pin: PinName, value: string, options: { readonly bySfi?: boolean } = {}): Promise<void> {
    const fid = lookup(PIN_EF, pin, 'PIN');
    const bytes = checkedPinBytes(pin, value);
    const context = { operation: `verify the ${pin} PIN`, pin } as const;
    if (options.bySfi === true) {
      const { sw } = await this.channel.exchangeInApplicationOnce(verifyCommand(bytes, P2_CURRENT_EF | fid));
      this.channel.forgetCurrentEf();
      if (sw === SW.INCORRECT_P1P2) this.sfiQueryWorks = false;
      if (sw !== SW.OK) throw errorForStatus(sw, context);
      return;
    }
    await this.channel.selectEf(fid);
    await this.channel.expectOk(verifyCommand(bytes, P2_CURRENT_EF), context);
  }

  /**
   * Signs `digest` with the card's key: the DigestInfo for `hash`, padded PKCS#1 v1.5 by
   * the card (jpki-protocol §3.5; raw-signature.ts sends it).
   */
  async sign(key: PinName, hash: HashName, digest: Uint8Array, options: { readonly bySfi?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
    const prefix = lookup(DIGEST_INFO_PREFIX_BYTES, hash, 'hash');
    lookup(KEY_EF, key, 'key');
    const length = DIGEST_LENGTH[hash];
    if (!(digest instanceof Uint8Array) || digest.length !== length) {
      throw new TypeError(`a ${hash} digest is ${length} bytes, got ${digest instanceof Uint8Array ? digest.length : typeof digest}`);
    }
    return computeSignature(this.channel, key, concat(prefix, digest), options);
  }

  /**
   * Signs `data` exactly as given, 1 to 245 bytes (the portal's digests, which may be a
   * DigestInfo or a bare hash: portal-protocol §10.5). Nothing is sent for any other
   * length (SignatureInputError).
   */
  async signRaw(key: PinName, data: Uint8Array, options: { readonly bySfi?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
    return computeSignature(this.channel, key, data, options);
  }
}

/** The DER object's size from the first chunk; anything but a SEQUENCE is not a certificate. */
function certificateLength(first: Uint8Array, which: CertificateName): number {
  try {
    const header = readDerHeader(first, CONFIG.card.maxCertificateLength);
    if (header.tag !== DER_SEQUENCE) throw new DerFormatError(`EF starts with 0x${header.tag.toString(16)}, not a SEQUENCE`);
    return header.totalLength;
  } catch (e) {
    if (e instanceof DerFormatError) throw new CertificateParseError(`${which} certificate: ${e.message}`, {}, { cause: e });
    throw e;
  }
}
