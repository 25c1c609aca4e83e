/**
 * A PIN reaches the card once per submission (issue 14 §4), whatever the card answers:
 * no 6Cxx resend, no resend on 61xx (GET RESPONSE follows, which carries no PIN), and
 * no re-select-and-retry after 6A82 / 6A86 / 6A88 / 6986. Byte-exact scripts: a second
 * PIN-carrying command would be off the script and fail the test.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../src/bytes';
import { CardChannel } from '../../src/card/card-channel';
import { CardResponseError, JpkiCard, isCardError } from '../../src/card/index';
import { GetResponseTransport } from '../../src/card/get-response';
import { ScriptedTransport } from './scripted-transport';
import type { Step } from './scripted-transport';

const SELECT_AP: Step = ['00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '90 00'];

describe('GetResponseTransport never sends a PIN-carrying command twice', () => {
  it('answers 61xx to a VERIFY with GET RESPONSE, not with the VERIFY again', async () => {
    const card = new ScriptedTransport([
      ['00 20 00 80 04 31 32 33 34', '61 02'],
      ['00 C0 00 00 02', 'AA BB 90 00'],
    ]);
    expect(hex(await new GetResponseTransport(card).transmit(fromHex('00 20 00 80 04 31 32 33 34')))).toBe('AA BB 90 00');
    card.expectDone();
  });

  it('follows a 6Cxx answered to the GET RESPONSE after a VERIFY by resending the GET RESPONSE only', async () => {
    const card = new ScriptedTransport([
      ['00 20 00 80 04 31 32 33 34', '61 00'],
      ['00 C0 00 00 00', '6C 04'],
      ['00 C0 00 00 04', '01 02 03 04 90 00'],
    ]);
    expect(hex(await new GetResponseTransport(card).transmit(fromHex('00 20 00 80 04 31 32 33 34')))).toBe('01 02 03 04 90 00');
    card.expectDone();
  });

  it.each([
    ['VERIFY with an Le (case 4 short)', '00 20 00 80 04 31 32 33 34 00', '6C 00'],
    ['VERIFY in the extended form with an Le (case 4 extended)', '00 20 00 80 00 00 04 31 32 33 34 00 00', '6C 04'],
    ['VERIFY in the extended form without an Le (case 3 extended)', '00 20 00 80 00 00 04 31 32 33 34', '6C 04'],
    ['CHANGE REFERENCE DATA with an Le', '00 24 01 80 04 35 36 37 38 00', '6C 10'],
    ['RESET RETRY COUNTER with data and an Le', '00 2C 00 80 08 31 32 33 34 35 36 37 38 00', '6C 00'],
    ['VERIFY with the odd INS 21 and an Le', '00 21 00 80 04 31 32 33 34 00', '6C 02'],
  ])('refuses a 6Cxx answered to a %s instead of sending the PIN again', async (_name, command, sw) => {
    const card = new ScriptedTransport([[command, sw]]);
    await expect(new GetResponseTransport(card).transmit(fromHex(command))).rejects.toThrow(CardResponseError);
    card.expectDone();
    expect(card.sent).toHaveLength(1);
  });

  it('still resends a PIN-less case 4 command (COMPUTE DIGITAL SIGNATURE) with the Le the card asks for', async () => {
    const card = new ScriptedTransport([
      ['80 2A 00 80 03 01 02 03 00', '6C 10'],
      ['80 2A 00 80 03 01 02 03 10', '55 90 00'],
    ]);
    expect(hex(await new GetResponseTransport(card).transmit(fromHex('80 2A 00 80 03 01 02 03 00')))).toBe('55 90 00');
    card.expectDone();
  });
});

describe('CardChannel never retries a PIN-carrying command after a re-select', () => {
  it.each(['6A 82', '6A 86', '6A 88', '69 86'])('returns %s to a VERIFY on an assumed selection, with no re-select and no second VERIFY', async (sw) => {
    const card = new ScriptedTransport([SELECT_AP, ['00 20 00 98 04 31 32 33 34', sw]]);
    const channel = new CardChannel(card);
    await channel.selectApplication();
    const verify = { cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x98, data: fromHex('31 32 33 34') };
    const response = await channel.exchangeInApplication(verify);
    expect(hex(Uint8Array.of(response.sw1, response.sw2))).toBe(sw);
    card.expectDone();
  });

  it('still re-selects and retries the empty VERIFY (the tries query costs nothing)', async () => {
    const card = new ScriptedTransport([SELECT_AP, ['00 20 00 98', '6A 82'], SELECT_AP, ['00 20 00 98', '63 C3']]);
    const channel = new CardChannel(card);
    await channel.selectApplication();
    expect((await channel.exchangeInApplication({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x98, data: new Uint8Array(0) })).sw).toBe(0x63c3);
    card.expectDone();
  });
});

describe('JpkiCard.verifyPin sends the PIN once', () => {
  it('re-selects the application when the PIN EF SELECT fails on an assumed selection, then sends one VERIFY', async () => {
    const card = new ScriptedTransport([
      SELECT_AP,
      ['00 A4 02 0C 02 00 18', '6A 82'],
      SELECT_AP,
      ['00 A4 02 0C 02 00 18', '90 00'],
      ['00 20 00 80 04 31 32 33 34', '90 00'],
    ]);
    const jpki = new JpkiCard(card);
    await jpki.select();
    await jpki.verifyPin('auth', '1234');
    card.expectDone();
  });

  it.each(['6A 82', '6A 86', '6A 88', '69 86'])('takes %s to the VERIFY itself as the answer: no re-select, no second VERIFY', async (sw) => {
    const card = new ScriptedTransport([SELECT_AP, ['00 A4 02 0C 02 00 18', '90 00'], ['00 20 00 80 04 31 32 33 34', sw]]);
    const jpki = new JpkiCard(card);
    await jpki.select();
    await expect(jpki.verifyPin('auth', '1234')).rejects.toSatisfy(isCardError);
    card.expectDone();
  });

  it('takes 61xx to the VERIFY as more data: GET RESPONSE, then the final answer, one VERIFY', async () => {
    const card = new ScriptedTransport([SELECT_AP, ['00 A4 02 0C 02 00 18', '90 00'], ['00 20 00 80 04 31 32 33 34', '61 00'], ['00 C0 00 00 00', '63 C2']]);
    const jpki = new JpkiCard(card);
    await jpki.select();
    await expect(jpki.verifyPin('auth', '1234')).rejects.toMatchObject({ code: 'wrong-pin', remaining: 2 });
    card.expectDone();
  });
});

describe('the SFI forms a login uses after the PIN is typed', () => {
  it('verifies by SFI in one APDU, and signs by SFI in one more (no EF SELECT)', async () => {
    const card = new ScriptedTransport([SELECT_AP, ['00 20 00 98 04 31 32 33 34', '90 00'], ['80 2A 00 97 33 ' + '30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ' + '07 '.repeat(32) + '00', `${'AB '.repeat(256)}90 00`]]);
    const jpki = new JpkiCard(card);
    await jpki.select();
    await jpki.verifyPin('auth', '1234', { bySfi: true });
    expect((await jpki.sign('auth', 'SHA-256', new Uint8Array(32).fill(7), { bySfi: true })).length).toBe(256);
    card.expectDone();
  });

  it('takes a refused SFI VERIFY (6A86) as this attempt’s error: no second VERIFY, and the next attempt uses SELECT', async () => {
    const card = new ScriptedTransport([SELECT_AP, ['00 20 00 98 04 31 32 33 34', '6A 86']]);
    const jpki = new JpkiCard(card);
    await jpki.select();
    await expect(jpki.verifyPin('auth', '1234', { bySfi: true })).rejects.toSatisfy(isCardError);
    card.expectDone();
    expect(jpki.pinBySfiWorks).toBe(false);
  });

  it('falls back to SELECT + P2 80 when the card refuses the signing key by SFI (a signature carries no PIN)', async () => {
    const digestInfo = '30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ' + '07 '.repeat(32);
    const card = new ScriptedTransport([
      SELECT_AP,
      [`80 2A 00 9A 33 ${digestInfo}00`, '6A 86'],
      // After 6A86 the channel trusts no selection: the application first, then the key EF.
      SELECT_AP,
      ['00 A4 02 0C 02 00 1A', '90 00'],
      [`80 2A 00 80 33 ${digestInfo}00`, `${'CD '.repeat(256)}90 00`],
    ]);
    const jpki = new JpkiCard(card);
    await jpki.select();
    expect((await jpki.sign('sign', 'SHA-256', new Uint8Array(32).fill(7), { bySfi: true }))[0]).toBe(0xcd);
    card.expectDone();
  });
});

describe('JpkiCard.verifyPin refuses a PIN the card would not take before any APDU', () => {
  it.each<['auth' | 'sign', string, string]>([
    ['sign', 'straße1', 'ß'],
    ['auth', '①②③④', '①'],
    ['auth', '𝟏𝟐𝟑𝟒', '𝟏'],
  ])('%s %j: PinFormatError naming %j, nothing sent', async (pin, value, character) => {
    const card = new ScriptedTransport([]);
    await expect(new JpkiCard(card).verifyPin(pin, value)).rejects.toMatchObject({ code: 'pin-format', details: { reason: 'charset', character } });
    expect(card.sent).toHaveLength(0);
  });
});
