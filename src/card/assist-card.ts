/**
 * The 券面事項入力補助AP client (issue 10 §4; jpki-protocol §2, portal-protocol §4 mode
 * 04): its PIN's tries, VERIFY, and the 基本4情報 (name, address, birth date, sex). The
 * My Number EF (0001) is never read (DESIGN, privacy rules).
 */
import { CardChannel } from './card-channel';
import type { ApduCounts } from './counting-transport';
import { BASIC_INFO_TAG, MAX_BASIC_INFO_LENGTH, parseBasicInfo, type BasicInfo } from './basic-info';
import { CardDataFormatError } from './errors';
import { P2_CURRENT_EF, TEXT_EF } from './jpki-constants';
import { checkedPinBytes, pinStatusOf, verifyCommand, type PinStatus } from './pin-status';
import { readTlvHeader } from './tlv';
import type { ApduTransport } from './transport';

const NO_DATA = new Uint8Array(0);

export class AssistCard {
  private readonly channel: CardChannel;

  /** Pass the card's CardChannel when JpkiCard or CommonCard use the same card. */
  constructor(link: ApduTransport | CardChannel) {
    this.channel = link instanceof CardChannel ? link : new CardChannel(link);
  }

  apduCounts(): ApduCounts {
    return this.channel.counts();
  }

  resetApduCounts(): void {
    this.channel.resetCounts();
  }

  /** `00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08`, always sent; FileNotFoundError when the card has no such AP. */
  async select(): Promise<void> {
    await this.channel.selectApplication('text');
  }

  /**
   * Tries left on the 券面事項入力補助用暗証番号: SELECT EF 0011 (skipped when current),
   * then the empty VERIFY `00 20 00 80`, which costs no try (jpki-protocol §3.3). Only
   * the classic form: the SFI form is documented for the JPKI AP alone.
   */
  async pinStatus(): Promise<PinStatus> {
    await this.channel.selectEf(TEXT_EF.assistPin, 'text');
    const { sw } = await this.channel.exchange(verifyCommand(NO_DATA, P2_CURRENT_EF));
    return pinStatusOf(sw, 'assist');
  }

  /**
   * The rules core checks the 4 digits first (a malformed PIN never reaches the card),
   * then `00 20 00 80 04 <ASCII>` is sent once, never retried; not upper-cased, as the
   * port does not (portal-protocol §4).
   */
  async verifyPin(value: string): Promise<void> {
    const bytes = checkedPinBytes('assist', value);
    await this.channel.selectEf(TEXT_EF.assistPin, 'text');
    await this.channel.expectOk(verifyCommand(bytes, P2_CURRENT_EF), { operation: 'verify the assist PIN', pin: 'assist' });
  }

  /**
   * SELECT EF 0002, then READ BINARY up to the outer TLV's stated size (one read for any
   * ordinary holder; SecurityStatusError before the PIN is verified), parsed by tag.
   */
  async readBasicInfo(): Promise<BasicInfo> {
    await this.channel.selectEf(TEXT_EF.basicInfo, 'text');
    const bytes = await this.channel.readSized(basicInfoLength, { operation: 'read the 基本4情報 (EF 0002)', pin: 'assist' });
    return parseBasicInfo(bytes);
  }
}

/** The outer TLV's size from the first chunk, bounded so a hostile length cannot make us read for long. */
function basicInfoLength(first: Uint8Array): number {
  const header = readTlvHeader(first, 0);
  if (header.tag !== BASIC_INFO_TAG.outer) throw new CardDataFormatError(`基本4情報 starts with tag ${header.tag.toString(16)}, not FF20`, { tag: header.tag });
  const total = header.valueStart + header.length;
  if (total > MAX_BASIC_INFO_LENGTH) throw new CardDataFormatError(`基本4情報 of ${total} bytes is larger than ${MAX_BASIC_INFO_LENGTH}`, { length: total });
  return total;
}
