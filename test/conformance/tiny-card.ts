/**
 * A card-shaped test peer for the vpcd bridge tests: it answers every APDU with its
 * own bytes + 9000, counts power events, and can be told to throw, stall or answer
 * nonsense. It exercises the bridge, not JPKI; the real virtual card is used by
 * opensc.test.ts.
 */
import { concat, fromHex } from '../../src/bytes';
import type { VpcdCard } from '../../src/virtual/pcsc/index';

export const TINY_ATR = fromHex('3B C5 FF 81 31 FB 45 80 73 C6 01 00 00');

export type TinyMode = 'echo' | 'throw' | 'stall' | 'one-byte' | 'dead';

export class TinyCard implements VpcdCard {
  powerOns = 0;
  powerOffs = 0;
  resets = 0;
  powered = false;
  mode: TinyMode = 'echo';
  readonly seen: Uint8Array[] = [];

  constructor(private readonly withReset = false) {
    if (withReset) this.reset = (): Uint8Array => {
      this.resets += 1;
      return TINY_ATR;
    };
  }

  reset?: () => Uint8Array;

  powerOn(): Uint8Array {
    if (this.mode === 'dead') throw new TypeError('card does not power up');
    this.powerOns += 1;
    this.powered = true;
    return TINY_ATR;
  }

  powerOff(): void {
    this.powerOffs += 1;
    this.powered = false;
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    this.seen.push(command);
    switch (this.mode) {
      case 'throw':
        return Promise.reject(new TypeError('card fault'));
      case 'stall':
        return new Promise(() => {});
      case 'one-byte':
        return Promise.resolve(Uint8Array.of(0x90));
      default:
        return Promise.resolve(concat(command, fromHex('90 00')));
    }
  }
}
