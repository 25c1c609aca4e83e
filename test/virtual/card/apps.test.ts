/**
 * The card's other applications, byte for byte (issue 10 §4): the 券面事項入力補助AP's
 * 基本4情報 behind its own PIN, and the 共通カードAP's record read with READ RECORD
 * (jpki-protocol §2, §3.3, §4; portal-protocol §3.4).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/bytes';
import { parseBasicInfo, parseCommonRecord } from '../../../src/card/index';
import { createVirtualCard, type VirtualJpkiCard } from '../../../src/virtual/index';
import { SELECT_JPKI, selectEf, sws, tx, txBytes, verifyCommand } from './helpers';

const SELECT_TEXT = '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08';
const SELECT_COMMON = '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00';
const READ_RECORD = '00 B2 01 0C 00';

let card: VirtualJpkiCard;
beforeEach(async () => {
  card = await createVirtualCard();
});

describe('the 券面事項入力補助AP', () => {
  it('answers the empty VERIFY on EF 0011 with 63C3 and costs no try', async () => {
    expect(await sws(card, SELECT_TEXT, selectEf('0011'), '00 20 00 80', '00 20 00 80')).toEqual(['90 00', '90 00', '63 C3', '63 C3']);
  });

  it('refuses READ BINARY of the 基本4情報 with 6982 before VERIFY, and gives FF 20 … after', async () => {
    expect(await sws(card, SELECT_TEXT, selectEf('0002'), '00 B0 00 00 00')).toEqual(['90 00', '90 00', '69 82']);
    expect(await sws(card, selectEf('0011'), verifyCommand('1234'), selectEf('0002'))).toEqual(['90 00', '90 00', '90 00']);
    const ef = await txBytes(card, '00 B0 00 00 00');
    expect(hex(ef.subarray(0, 2))).toBe('FF 20');
    expect(hex(ef.subarray(-2))).toBe('90 00');
    expect(parseBasicInfo(ef.subarray(0, -2))).toMatchObject({ name: '試験　太郎', birthDate: '1980-02-17', sex: 'male' });
  });

  it('writes DF 21 first, then DF 22–25 in order, and pads the EF with FF', async () => {
    await sws(card, SELECT_TEXT, selectEf('0011'), verifyCommand('1234'), selectEf('0002'));
    const ef = (await txBytes(card, '00 B0 00 00 00')).subarray(0, -2);
    const tags: string[] = [];
    const outerLength = ef[2]! < 0x80 ? ef[2]! : ef[3]!;
    let at = ef[2]! < 0x80 ? 3 : 4;
    const end = at + outerLength;
    while (at < end) {
      tags.push(hex(ef.subarray(at, at + 2)));
      at += 3 + ef[at + 2]!;
    }
    expect(tags).toEqual(['DF 21', 'DF 22', 'DF 23', 'DF 24', 'DF 25']);
    expect(ef.subarray(end).every((b) => b === 0xff)).toBe(true);
  });

  it('counts the assist PIN\'s tries apart from the JPKI PINs: 63C2, 63C1, 63C0, then 6984', async () => {
    expect(await sws(card, SELECT_TEXT, selectEf('0011'), verifyCommand('0000'), verifyCommand('0000'), verifyCommand('0000'), verifyCommand('1234'), '00 20 00 80'))
      .toEqual(['90 00', '90 00', '63 C2', '63 C1', '63 C0', '69 84', '69 84']);
    expect(card.pinTries('assist')).toEqual({ remaining: 0, max: 3 });
    expect(await sws(card, SELECT_JPKI, selectEf('0018'), '00 20 00 80')).toEqual(['90 00', '90 00', '63 C3']);
  });

  it('does not open the 基本4情報 for the authentication PIN, even though both are 1234', async () => {
    await sws(card, SELECT_JPKI, selectEf('0018'), verifyCommand('1234'));
    expect(await sws(card, SELECT_TEXT, selectEf('0002'), '00 B0 00 00 04')).toEqual(['90 00', '90 00', '69 82']);
  });

  it('keeps the assist PIN verified through a warm reset, and forgets it at power-off', async () => {
    await sws(card, SELECT_TEXT, selectEf('0011'), verifyCommand('1234'));
    card.reset();
    expect(await sws(card, SELECT_TEXT, selectEf('0002'), '00 B0 00 00 02')).toEqual(['90 00', '90 00', '90 00']);
    card.powerOff();
    card.powerOn();
    expect(await sws(card, SELECT_TEXT, selectEf('0002'), '00 B0 00 00 02')).toEqual(['90 00', '90 00', '69 82']);
  });

  it('starts locked when the profile says so, and takes another assist PIN', async () => {
    const locked = await createVirtualCard({ tries: { assist: 0 } });
    expect(await sws(locked, SELECT_TEXT, selectEf('0011'), '00 20 00 80')).toEqual(['90 00', '90 00', '69 84']);
    const other = await createVirtualCard({ pins: { assist: '9876' } });
    expect(await sws(other, SELECT_TEXT, selectEf('0011'), verifyCommand('9876'))).toEqual(['90 00', '90 00', '90 00']);
  });

  it('holds no My Number EF (0001) and no JPKI file', async () => {
    expect(await sws(card, SELECT_TEXT, selectEf('0001'), selectEf('0018'))).toEqual(['90 00', '6A 82', '6A 82']);
  });
});

describe('the 共通カードAP', () => {
  it('answers 00 B2 01 0C 00 with 01 1C and 28 ASCII digits, no PIN needed', async () => {
    const answer = await txBytes(card, SELECT_COMMON).then(() => txBytes(card, READ_RECORD));
    expect(hex(answer.subarray(0, 2))).toBe('01 1C');
    expect(answer.length).toBe(2 + 28 + 2);
    const record = parseCommonRecord(answer.subarray(0, -2));
    expect(record).toMatchObject({ municipalityCode: '13101' });
    expect(record.serial).toMatch(/^40[0-9]{13}$/);
  });

  it('gives each key set its own serial, and the profile\'s serial when it names one', async () => {
    const serialOf = async (c: VirtualJpkiCard): Promise<string> => {
      await tx(c, SELECT_COMMON);
      return parseCommonRecord((await txBytes(c, READ_RECORD)).subarray(0, -2)).serial;
    };
    const other = await createVirtualCard({ keySet: 1 });
    expect(await serialOf(card)).not.toBe(await serialOf(other));
    expect(await serialOf(await createVirtualCard({ cardSerial: '400000012719843' }))).toBe('400000012719843');
  });

  it.each([
    ['record 2, which it does not hold', '00 B2 02 0C 00', '6A 83'],
    ['record 0', '00 B2 00 0C 00', '6A 83'],
    ['SFI 2', '00 B2 01 14 00', '6A 82'],
    ['a P2 mode other than "record number in P1"', '00 B2 01 0D 00', '6A 86'],
    ['no Le', '00 B2 01 0C', '67 00'],
    ['READ BINARY of the record EF by SFI', '00 B0 81 00 00', '69 81'],
  ])('answers %s with %s', async (_, command, sw) => {
    expect(await sws(card, SELECT_COMMON, command)).toEqual(['90 00', sw]);
  });

  it('answers READ RECORD with SFI 0 from the current EF once the record EF is current', async () => {
    expect(await sws(card, SELECT_COMMON, '00 B2 01 04 00')).toEqual(['90 00', '69 86']);
    await tx(card, READ_RECORD);
    expect((await tx(card, '00 B2 01 04 00')).slice(0, 5)).toBe('01 1C');
  });

  it('has no record in the JPKI AP: READ RECORD by SFI there is 6981 (EF 0001 is binary)', async () => {
    expect(await sws(card, SELECT_JPKI, READ_RECORD)).toEqual(['90 00', '69 81']);
  });

  it('cuts the record to a short Le', async () => {
    await tx(card, SELECT_COMMON);
    expect(await tx(card, '00 B2 01 0C 04')).toBe(`01 1C ${hex(fromHex('34 30'))} 90 00`);
  });
});
