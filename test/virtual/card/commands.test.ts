/**
 * The class and instruction bytes, the commands a JPKI client never needs, and the ATR
 * (jpki-protocol §3.1, §3.6, §7, §8): a probing client gets a status word for anything.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { hex } from '../../../src/bytes';
import { createVirtualCard, MY_NUMBER_CARD_CONTACT_ATR_HEX, type VirtualJpkiCard } from '../../../src/virtual/index';
import { SELECT_JPKI, tx, txBytes } from './helpers';

let card: VirtualJpkiCard;
beforeEach(async () => {
  card = await createVirtualCard();
});

describe('class byte', () => {
  it.each([
    ['logical channel 1', '01 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '68 81'],
    ['logical channel 3', '03 B0 00 00 04', '68 81'],
    ['a further-interindustry channel (CLA 40)', '40 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '68 81'],
    ['secure messaging CLA 08', '08 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '68 82'],
    ['secure messaging CLA 0C', '0C B0 00 00 04', '68 82'],
    ['proprietary class with secure messaging (8C)', '8C 2A 00 80 01 00 00', '68 82'],
    ['command chaining (CLA 10), which the ATR does not offer', '10 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '6E 00'],
    ['an undefined class (CLA 20)', '20 A4 04 0C 02 00 0A', '6E 00'],
    ['CLA A0', 'A0 A4 04 0C 02 00 0A', '6E 00'],
    ['CLA FF (a PPS byte, not a class)', 'FF A4 04 0C 02 00 0A', '6E 00'],
    ['SELECT under the proprietary class 80', '80 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '6E 00'],
  ])('%s answers %s', async (_n, command, sw) => {
    expect(await tx(card, command)).toBe(sw);
  });
});

describe('instruction byte and frame length', () => {
  it.each([
    ['an unknown ISO instruction (00 12)', '00 12 00 00', '6D 00'],
    ['ERASE BINARY (00 0E)', '00 0E 00 00', '6D 00'],
    ['the proprietary 80 A2 (terminal-CA, not emulated)', '80 A2 00 00 02 00 16', '6D 00'],
    ['an empty frame', '', '67 00'],
    ['a two-byte frame', '00 A4', '67 00'],
    ['a three-byte frame', '00 A4 04', '67 00'],
    ['a short Lc of 00 with data following', '00 A4 04 0C 00 01 02', '67 00'],
  ])('%s answers %s', async (_n, command, sw) => {
    expect(await tx(card, command)).toBe(sw);
  });
});

describe('the other commands (MC)', () => {
  it('GET DATA 5F51 answers the contact ATR minus TS', async () => {
    expect(await tx(card, '00 CA 5F 51 00')).toBe(`${MY_NUMBER_CARD_CONTACT_ATR_HEX.slice(3)} 90 00`);
  });

  it('GET DATA of another tag answers 6A88', async () => {
    expect(await tx(card, '00 CA 01 01 00')).toBe('6A 88');
  });

  it('GET CHALLENGE answers Le random bytes; extended Le answers 6985', async () => {
    const a = await txBytes(card, '00 84 00 00 08');
    const b = await txBytes(card, '00 84 00 00 08');
    expect(a.length).toBe(10);
    expect(hex(a.subarray(8))).toBe('90 00');
    expect(a).not.toEqual(b);
    expect(await tx(card, '00 84 00 00 00 00 08')).toBe('69 85');
    expect(await tx(card, '00 84 00 00')).toBe('67 00');
  });

  it('GET RESPONSE answers 6985: this card never leaves a response pending', async () => {
    expect(await tx(card, '00 C0 00 00 10')).toBe('69 85');
  });
});

describe('power and ATR', () => {
  it('answers a real contact My Number Card ATR whose TCK makes T0..TCK XOR to zero', () => {
    card.powerOff();
    const atr = card.powerOn();
    expect(hex(atr)).toBe('3B C5 FF 81 31 FB 45 80 73 C6 01 00 00');
    expect(atr.subarray(1).reduce((x, b) => x ^ b, 0)).toBe(0);
  });

  it('is powered when createVirtualCard returns, ready for SELECT', async () => {
    expect(card.isPowered).toBe(true);
    expect(await tx(card, SELECT_JPKI)).toBe('90 00');
  });
});

describe('the 6F00-after-power-on quirk (MC: one card did this)', () => {
  it('answers the first command after each cold power-on with 6F00 and ignores it, when asked to', async () => {
    const odd = await createVirtualCard({ quirks: { mute6F00AfterPowerOn: true } });
    expect(await tx(odd, SELECT_JPKI)).toBe('6F 00');
    expect(await tx(odd, SELECT_JPKI)).toBe('90 00');
    odd.reset();
    expect(await tx(odd, SELECT_JPKI)).toBe('90 00');
    odd.powerOff();
    odd.powerOn();
    expect(await tx(odd, SELECT_JPKI)).toBe('6F 00');
  });
});
