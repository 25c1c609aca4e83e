/**
 * apduLog() of the control surface: the command APDUs the card received and the status
 * word it answered, since the last call. It sits between the virtual reader and the
 * virtual card, so it shows what really reached the card whichever path sent it. VERIFY
 * data is redacted by the shared wire-log rule, so a PIN never appears here either.
 */
import { redactSecrets } from '../../wire-log';
import type { VirtualCardLike } from '../../virtual/reader/types';

export interface ApduRecord {
  /** Command APDU, hex, VERIFY data redacted. */
  readonly command: string;
  /** SW1 SW2 as four hex digits, e.g. "9000", "63C2". */
  readonly sw: string;
  /** Response data length in bytes (the data itself is not kept: it may be a certificate). */
  readonly responseLength: number;
}

/** Bounded so a long session cannot grow the worker's memory without limit. */
const CAPACITY = 2048;

export class ApduLog {
  private records: ApduRecord[] = [];

  add(command: Uint8Array, response: Uint8Array): void {
    const sw = response.length >= 2 ? ((response[response.length - 2]! << 8) | response[response.length - 1]!) : 0;
    this.records.push({
      command: redactSecrets(command),
      sw: sw.toString(16).toUpperCase().padStart(4, '0'),
      responseLength: Math.max(0, response.length - 2),
    });
    if (this.records.length > CAPACITY) this.records.shift();
  }

  drain(): ApduRecord[] {
    const out = this.records;
    this.records = [];
    return out;
  }
}

export function loggingCard(card: VirtualCardLike, log: ApduLog): VirtualCardLike {
  return {
    powerOn: () => card.powerOn(),
    powerOff: () => card.powerOff(),
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      const response = await card.transmit(command);
      log.add(command, response);
      return response;
    },
  };
}
