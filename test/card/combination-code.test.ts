/**
 * combination_code and the 共通カードAP record it hashes (portal-protocol §3.4), against
 * the facts' test vector.
 */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/bytes';
import { CardDataFormatError, CardInputError, combinationCode, parseCommonRecord } from '../../src/card/index';

const RECORD = '01 1C ' + Array.from('4000000127198431322120350217', (c) => c.charCodeAt(0).toString(16)).join(' ');
const INSTALL_ID = fromHex('00112233445566778899aabbccddeeff');

describe('combination_code', () => {
  it('matches the facts\' vector: record 4000000127198431322120350217, uuid 0011…eeff', async () => {
    const record = parseCommonRecord(fromHex(RECORD));
    expect(record.manufactureNumber).toBe('0000012719843');
    expect(await combinationCode(record.manufactureNumber, INSTALL_ID, crypto.subtle)).toBe('1f61e35d1d1104656331df02ca5df8e5b624624bf7219ef6eed60e8d7f61a582');
  });

  it('reads the record\'s serial, municipality code and card expiry (MC\'s layout)', () => {
    expect(parseCommonRecord(fromHex(RECORD))).toMatchObject({ serial: '400000012719843', municipalityCode: '13221', cardExpiry: '2035-02-17' });
  });

  it.each([
    ['a 12-character manufacture number', '000001271984', INSTALL_ID],
    ['a 14-character manufacture number', '00000127198430', INSTALL_ID],
    ['a full-width digit in it', '000001271984３', INSTALL_ID],
    ['a 15-byte install id', '0000012719843', INSTALL_ID.subarray(1)],
    ['the install id as hex text', '0000012719843', '00112233445566778899aabbccddeeff' as unknown as Uint8Array],
  ])('refuses %s with a coded error', async (_, number, id) => {
    await expect(combinationCode(number, id, crypto.subtle)).rejects.toThrow(CardInputError);
  });

  it.each([
    ['14 characters, one short of the serial', '01 0E ' + '31 '.repeat(14)],
    ['a non-ASCII byte', '01 0F ' + '31 '.repeat(14) + 'C3'],
    ['a length past the end', '01 1C 31 32'],
    ['nothing', ''],
  ])('refuses a record of %s', (_, bytes) => {
    expect(() => parseCommonRecord(fromHex(bytes))).toThrow(CardDataFormatError);
  });
});
