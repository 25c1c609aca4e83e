/**
 * The card clients' link to the card: encodes commands, counts and chains them
 * (CountingTransport under GetResponseTransport), turns non-9000 answers into card
 * errors (through status-errors.ts only), and remembers which application and EF are
 * current so redundant SELECTs are skipped.
 *
 * One channel per card, shared by every client of that card (JPKI, 券面事項入力補助AP,
 * 共通カードAP): a card has one current application, so a cache per client would let
 * one client's SELECT leave another sending into the wrong application.
 *
 * Selection cache rules — when skipping is safe:
 * - `selectApplication()` always sends the SELECT; it is how a caller resynchronises
 *   after a power cycle or when another program may have used the card.
 * - Anything the card may have changed forgets the cache: a transport error, or a status
 *   word other than 9000, 63Cx, 6982, 6983, 6984 and 6B00 (those leave selection alone).
 * - An EF SELECT sent on an assumed (not freshly sent) application selection that fails
 *   is retried once after re-selecting the application: the card may have been reset
 *   under us, which leaves no application selected (jpki-protocol §3.1).
 * - A PIN-carrying command (pin-commands.ts) is never retried, whatever it is answered:
 *   the card may have counted the try before answering (issue 14 §4).
 */
import { concat, hex16 } from '../bytes';
import { CONFIG } from '../config';
import { decodeResponse, encodeCommand } from './apdu';
import type { CommandApdu, ResponseApdu } from './apdu';
import { CountingTransport } from './counting-transport';
import type { ApduCounts } from './counting-transport';
import { CardResponseError } from './errors';
import { GetResponseTransport } from './get-response';
import { carriesPin } from './pin-commands';
import { AID, CLA, INS, SELECT_P1, SELECT_P2_NO_FCI } from './jpki-constants';
import type { CardApplication } from './jpki-constants';
import { errorForStatus, isPinLockedSw } from './status-errors';
import type { StatusContext } from './status-errors';
import { SW, isCounterSw } from './status-words';
import type { ApduTransport } from './transport';

const NO_DATA = new Uint8Array(0);
/** READ BINARY P1 = 100xxxxx: bits 5–1 are a short EF identifier (ISO 7816-4 §11.2.2). */
const READ_P1_SHORT_EF = 0x80;
const SFI_MAX = 0x1e;
/**
 * Answers that, on an application selection we only assumed, may mean the card was
 * reset under us (nothing selected) rather than a real refusal: worth one re-select.
 */
const APPLICATION_NAME: Readonly<Record<CardApplication, string>> = Object.freeze({
  jpki: 'the JPKI application',
  text: 'the 券面事項入力補助AP',
  visual: 'the 券面事項確認AP',
  common: 'the 共通カードAP',
  juki: 'the 住基AP',
});
const SELECTION_LOST: ReadonlySet<number> = new Set([SW.FILE_NOT_FOUND, SW.REFERENCED_DATA_NOT_FOUND, SW.NO_CURRENT_EF, SW.INCORRECT_P1P2]);

/** Answers that report on a PIN or a file's content and do not disturb the selection. */
function keepsSelection(sw: number): boolean {
  return sw === SW.OK || isCounterSw(sw) || isPinLockedSw(sw) || sw === SW.SECURITY_STATUS_NOT_SATISFIED || sw === SW.OFFSET_OUTSIDE_EF;
}

export function fidHex(fid: number): string {
  return hex16(fid);
}

export class CardChannel {
  private readonly counter: CountingTransport;
  private readonly link: ApduTransport;
  private currentApp: CardApplication | undefined;
  private currentEf: number | undefined;

  constructor(transport: ApduTransport) {
    this.counter = new CountingTransport(transport);
    this.link = new GetResponseTransport(this.counter);
  }

  counts(): ApduCounts {
    return this.counter.counts();
  }

  resetCounts(): void {
    this.counter.reset();
  }

  forgetSelection(): void {
    this.currentApp = undefined;
    this.currentEf = undefined;
  }

  isCurrentEf(fid: number, app: CardApplication = 'jpki'): boolean {
    return this.currentApp === app && this.currentEf === fid;
  }

  /** The current EF may have changed (a command named another file by SFI): select it again next time. */
  forgetCurrentEf(): void {
    this.currentEf = undefined;
  }

  /**
   * Sends a command that needs only `app` selected (it names its file by SFI). Retried once after re-selecting the application when the answer says the
   * selection was lost. Only commands that cost no PIN try when refused are retried: a
   * PIN-carrying one gets its one answer back, whatever it is.
   */
  async exchangeInApplication(command: CommandApdu, app: CardApplication = 'jpki'): Promise<ResponseApdu> {
    const assumed = this.currentApp === app;
    if (!assumed) await this.selectApplication(app);
    const response = await this.exchange(command);
    if (!assumed || !SELECTION_LOST.has(response.sw) || carriesPin(command)) return response;
    await this.selectApplication(app);
    return this.exchange(command);
  }

  /**
   * One command in the application, selecting it first when needed, and whatever the
   * card answers is the answer: for a command whose refusal has a fallback of its own
   * (the SFI forms), where a re-select and retry would only cost an APDU.
   */
  async exchangeInApplicationOnce(command: CommandApdu, app: CardApplication = 'jpki'): Promise<ResponseApdu> {
    if (this.currentApp !== app) await this.selectApplication(app);
    return this.exchange(command);
  }

  /** Sends one command and returns the raw answer (any status word). */
  async exchange(command: CommandApdu): Promise<ResponseApdu> {
    let response: ResponseApdu;
    try {
      response = decodeResponse(await this.link.transmit(encodeCommand(command)));
    } catch (e) {
      this.forgetSelection();
      throw e;
    }
    if (!keepsSelection(response.sw)) this.forgetSelection();
    return response;
  }

  /** Sends one command; 9000 gives its data, anything else the translated card error. */
  async expectOk(command: CommandApdu, context: StatusContext): Promise<Uint8Array> {
    const response = await this.exchange(command);
    if (response.sw !== SW.OK) throw errorForStatus(response.sw, context);
    return response.data;
  }

  /**
   * `00 A4 04 0C 0A <AID>`, always sent, full AID (jpki-protocol §3.1, §9: the card also
   * takes a prefix). One card answered the first command after power-up with 6F00 (MC,
   * §8), so a 6F00 here is retried once before the answer counts.
   */
  async selectApplication(app: CardApplication = 'jpki'): Promise<void> {
    this.forgetSelection();
    const command = { cla: CLA.ISO, ins: INS.SELECT, p1: SELECT_P1.BY_DF_NAME, p2: SELECT_P2_NO_FCI, data: AID[app] };
    let response = await this.exchange(command);
    if (response.sw === SW.NO_PRECISE_DIAGNOSIS) response = await this.exchange(command);
    // Only the JPKI AID decides whether this is a My Number Card at all; another AP
    // missing is an ordinary not-found on a card that may still do JPKI.
    if (response.sw !== SW.OK) throw errorForStatus(response.sw, { operation: `select ${APPLICATION_NAME[app]}`, selectingApplication: app === 'jpki' });
    this.currentApp = app;
  }

  /** `00 A4 02 0C 02 <FID>` unless that EF is already current in `app`. */
  async selectEf(fid: number, app: CardApplication = 'jpki'): Promise<void> {
    const assumed = this.currentApp === app;
    if (!assumed) await this.selectApplication(app);
    if (this.currentEf === fid) return;
    const command = { cla: CLA.ISO, ins: INS.SELECT, p1: SELECT_P1.EF_UNDER_CURRENT_DF, p2: SELECT_P2_NO_FCI, data: Uint8Array.of(fid >> 8, fid & 0xff) };
    const context = { operation: `select EF ${fidHex(fid)}${app === 'jpki' ? '' : ` of ${APPLICATION_NAME[app]}`}` };
    let response = await this.exchange(command);
    if (response.sw !== SW.OK && assumed) {
      await this.selectApplication(app);
      response = await this.exchange(command);
    }
    if (response.sw !== SW.OK) throw errorForStatus(response.sw, context);
    this.currentEf = fid;
  }

  /**
   * `00 B0 (80|SFI) <offset> Le`: READ BINARY naming the EF by its short identifier, with
   * no SELECT (jpki-protocol §3.2, from one source, MC; offsets up to 255 only). The raw
   * answer, any status word: the caller decides whether to fall back to SELECT + READ.
   * Whether the card then makes that EF current is not known, so the cache assumes not.
   */
  async readBinaryShortEf(fid: number, offset: number, le: number): Promise<ResponseApdu> {
    if (fid < 1 || fid > SFI_MAX || offset < 0 || offset > 0xff || le < 1 || le > CONFIG.card.readChunk) {
      throw new CardResponseError(`cannot read ${le} bytes at offset ${offset} of EF ${fidHex(fid)} by short EF identifier`);
    }
    const command = { cla: CLA.ISO, ins: INS.READ_BINARY, p1: READ_P1_SHORT_EF | fid, p2: offset, data: NO_DATA, le };
    const response = await this.exchangeInApplication(command);
    this.forgetCurrentEf();
    if (response.sw === SW.OK && response.data.length > le) throw new CardResponseError(`READ BINARY of EF ${fidHex(fid)}: asked for ${le} bytes, got ${response.data.length}`);
    return response;
  }

  /**
   * `00 B0 <offset> Le` with a short Le (≤ 256, jpki-protocol §3.2). The card may return
   * less than asked; more is a broken answer.
   */
  async readBinary(offset: number, le: number, context: StatusContext): Promise<Uint8Array> {
    if (offset < 0 || offset > 0x7fff || le < 1 || le > CONFIG.card.readChunk) {
      throw new CardResponseError(`cannot read ${le} bytes at offset ${offset} with a short READ BINARY`);
    }
    const command = { cla: CLA.ISO, ins: INS.READ_BINARY, p1: offset >> 8, p2: offset & 0xff, data: NO_DATA, le };
    const data = await this.expectOk(command, context);
    if (data.length > le) throw new CardResponseError(`${context.operation}: asked for ${le} bytes, got ${data.length}`);
    return data;
  }

  /**
   * An object in the current EF whose size its first bytes state (a DER certificate, a
   * BER-TLV file), never the padding after it: one full-chunk READ BINARY, so the header
   * comes without an extra round trip, then ≤256-byte chunks up to `sizeOf(first)`.
   */
  async readSized(sizeOf: (head: Uint8Array) => number, context: StatusContext): Promise<Uint8Array> {
    const chunk = CONFIG.card.readChunk;
    const first = await this.readBinary(0, chunk, context);
    const total = sizeOf(first);
    const parts = [first.subarray(0, total)];
    let offset = Math.min(first.length, total);
    // Each pass adds at least one byte, so this ends within `total` passes.
    while (offset < total) {
      const le = Math.min(chunk, total - offset);
      const data = await this.readBinary(offset, le, context);
      if (data.length === 0) throw new CardResponseError(`${context.operation}: no data at offset ${offset}`);
      parts.push(data);
      offset += data.length;
    }
    return concat(...parts);
  }
}
