/**
 * The 共通カードAP client (issue 10 §4): the one record the portal reads for its
 * combination_code (portal-protocol §3.4). Record 1 of SFI 1 is SIMPLE-TLV tag 01 with
 * 28 ASCII digits, serial(15) ‖ municipality code(5) ‖ card expiry YYYYMMDD(8) (MC); the
 * port's "manufacture number" is characters 2..15 of the value. No PIN is involved.
 */
import { isCalendarDate } from '../rules/index';
import type { CommandApdu } from './apdu';
import { CardChannel } from './card-channel';
import type { ApduCounts } from './counting-transport';
import { CardDataFormatError } from './errors';
import { CLA, COMMON_RECORD, INS, READ_RECORD_P2_BY_NUMBER } from './jpki-constants';
import { errorForStatus } from './status-errors';
import { SW } from './status-words';
import { readTlv } from './tlv';
import type { ApduTransport } from './transport';

/** The port requires 15 characters and takes [2..15) (portal-protocol §3.4). */
const SERIAL_LENGTH = 15;
const MANUFACTURE_START = 2;
/** Le=00: up to 256 bytes, the whole record (30 bytes on MC's card). */
const RECORD_LE = 256;

export interface CommonRecord {
  /** The first 15 characters: the card's serial on MC's card. */
  readonly serial: string;
  /** The serial without its first two characters: 13 characters, what combination_code hashes. */
  readonly manufactureNumber: string;
  /** 5 digits, when the record has the 28-digit layout MC describes. */
  readonly municipalityCode?: string;
  /** `YYYY-MM-DD`, when the record has that layout and the date is a real day. */
  readonly cardExpiry?: string;
  /** The record's value as read. */
  readonly raw: Uint8Array;
}

export class CommonCard {
  private readonly channel: CardChannel;

  /** Pass the card's CardChannel when JpkiCard or AssistCard use the same card. */
  constructor(link: ApduTransport | CardChannel) {
    this.channel = link instanceof CardChannel ? link : new CardChannel(link);
  }

  apduCounts(): ApduCounts {
    return this.channel.counts();
  }

  resetApduCounts(): void {
    this.channel.resetCounts();
  }

  /** `00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00`, always sent. */
  async select(): Promise<void> {
    await this.channel.selectApplication('common');
  }

  /**
   * `00 B2 01 0C 00` (READ RECORD 1 of SFI 1) in the 共通カードAP, selecting it first
   * unless it is current: 2 APDUs from any other state, 1 when it is.
   */
  async readRecord(): Promise<CommonRecord> {
    const command: CommandApdu = {
      cla: CLA.ISO,
      ins: INS.READ_RECORD,
      p1: COMMON_RECORD.record,
      p2: (COMMON_RECORD.sfi << 3) | READ_RECORD_P2_BY_NUMBER,
      data: new Uint8Array(0),
      le: RECORD_LE,
    };
    const response = await this.channel.exchangeInApplication(command, 'common');
    // Naming an EF by SFI may make it current; the cache must not assume otherwise.
    this.channel.forgetCurrentEf();
    if (response.sw !== SW.OK) throw errorForStatus(response.sw, { operation: 'read the 共通カードAP record (SFI 1, record 1)' });
    return parseCommonRecord(response.data);
  }

  /** The 13-character manufacture number alone (portal-protocol §3.4). */
  async manufactureNumber(): Promise<string> {
    return (await this.readRecord()).manufactureNumber;
  }
}

/**
 * Any bytes give a CommonRecord or a CardDataFormatError. The tag is not checked, as the
 * port (which works against real cards) does not; MYNA's own fixture uses 30, MC saw 01.
 * The value must be printable ASCII: characters and bytes must agree, because the
 * portal's hash takes bytes and the port cuts by characters.
 */
export function parseCommonRecord(bytes: Uint8Array): CommonRecord {
  if (!(bytes instanceof Uint8Array)) throw new CardDataFormatError('the 共通カードAP record must be bytes');
  const tlv = readTlv(bytes, 0);
  const raw = bytes.slice(tlv.valueStart, tlv.valueEnd);
  if (raw.some((b) => b < 0x21 || b > 0x7e)) throw new CardDataFormatError('the 共通カードAP record is not printable ASCII');
  const text = String.fromCharCode(...raw);
  if (text.length < SERIAL_LENGTH) throw new CardDataFormatError(`the 共通カードAP record has ${text.length} characters, fewer than ${SERIAL_LENGTH}`, { length: text.length });
  const serial = text.slice(0, SERIAL_LENGTH);
  const rest = text.slice(SERIAL_LENGTH);
  // After the serial: municipality code (5 digits) and expiry YYYYMMDD, on MC's card.
  const layout = /^([0-9]{5})([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(rest);
  const expiry = layout === null ? undefined : `${layout[2]}-${layout[3]}-${layout[4]}`;
  return {
    serial,
    manufactureNumber: serial.slice(MANUFACTURE_START),
    ...(layout === null ? {} : { municipalityCode: layout[1]! }),
    ...(expiry !== undefined && isCalendarDate(expiry) ? { cardExpiry: expiry } : {}),
    raw,
  };
}
