/**
 * AssistCard, CommonCard and JpkiCard.signRaw against byte-exact scripts: what we send,
 * to the byte, and what each answer becomes — 基本4情報 found by tag in any order, with
 * fields a later card might add, over one or several READ BINARYs.
 */
import { describe, expect, it } from 'vitest';
import { hex } from '../../src/bytes';
import { AssistCard, CardDataFormatError, CardInputError, CommonCard, FileNotFoundError, JpkiCard, NotJpkiCardError, PinLockedError } from '../../src/card/index';
import { ScriptedTransport, repeatHex } from './scripted-transport';
import type { Step } from './scripted-transport';

const OK = '90 00';
const SELECT_TEXT: Step = ['00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08', OK];
const SELECT_COMMON: Step = ['00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00', OK];
const SELECT_JPKI: Step = ['00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', OK];
const selectEf = (fid: string): Step => [`00 A4 02 0C 02 ${fid}`, OK];

const utf8Hex = (text: string): string => hex(new TextEncoder().encode(text));
const byteHex = (n: number): string => n.toString(16).padStart(2, '0').toUpperCase();
/** A TLV as spaced hex, the length computed here (short, 81 or 82 form), not by the code under test. */
function tlv(tag: string, valueHex: string): string {
  const n = valueHex.trim() === '' ? 0 : valueHex.trim().split(/\s+/).length;
  const length = n < 0x80 ? byteHex(n) : n < 0x100 ? `81 ${byteHex(n)}` : `82 ${byteHex(n >> 8)} ${byteHex(n & 0xff)}`;
  return `${tag} ${length} ${valueHex}`.trim();
}

const NAME = tlv('DF 22', utf8Hex('山田　花子'));
const ADDRESS = tlv('DF 23', utf8Hex('大阪府大阪市北区試験町１－２'));
const BIRTH = tlv('DF 24', utf8Hex('19900101'));
const SEX = tlv('DF 25', utf8Hex('2'));
const OFFSETS = tlv('DF 21', '00 0B 00 20 00 40 00 50');

function assistScript(steps: readonly Step[]): { assist: AssistCard; script: ScriptedTransport } {
  const script = new ScriptedTransport(steps);
  return { assist: new AssistCard(script), script };
}

describe('the 基本4情報, parsed by tag', () => {
  it.each([
    ['in the card\'s order', [OFFSETS, NAME, ADDRESS, BIRTH, SEX]],
    ['reversed', [SEX, BIRTH, ADDRESS, NAME, OFFSETS]],
    ['shuffled, with an unknown DF 30 field between', [BIRTH, tlv('DF 30', '01 02 03'), SEX, OFFSETS, ADDRESS, NAME]],
    ['without DF 21 (its layout is not public, so it is not required)', [NAME, ADDRESS, BIRTH, SEX]],
  ])('reads name, address, birth date and sex %s', async (_, fields) => {
    const object = tlv('FF 20', fields.join(' '));
    const { assist, script } = assistScript([SELECT_TEXT, selectEf('00 02'), ['00 B0 00 00 00', `${object} ${repeatHex('FF', 40)} ${OK}`]]);
    const info = await assist.readBasicInfo();
    expect(info).toMatchObject({ name: '山田　花子', address: '大阪府大阪市北区試験町１－２', birthDate: '1990-01-01', sex: 'female' });
    expect(hex(info.raw.sex)).toBe('32');
    script.expectDone();
  });

  it('reads a 基本4情報 longer than one chunk to its TLV length, and no further', async () => {
    const long = tlv('DF 23', utf8Hex('東'.repeat(120)));
    const object = tlv('FF 20', [OFFSETS, NAME, long, BIRTH, SEX].join(' ')).split(' ');
    expect(object.length).toBeGreaterThan(256);
    const rest = object.length - 256;
    const { assist, script } = assistScript([
      SELECT_TEXT,
      selectEf('00 02'),
      ['00 B0 00 00 00', `${object.slice(0, 256).join(' ')} ${OK}`],
      [`00 B0 01 00 ${byteHex(rest)}`, `${object.slice(256).join(' ')} ${OK}`],
    ]);
    expect((await assist.readBasicInfo()).address).toBe('東'.repeat(120));
    script.expectDone();
  });

  it.each([
    ['a field missing (no sex)', tlv('FF 20', [OFFSETS, NAME, ADDRESS, BIRTH].join(' '))],
    ['a field twice', tlv('FF 20', [OFFSETS, NAME, NAME, ADDRESS, BIRTH, SEX].join(' '))],
    ['a name that is not UTF-8', tlv('FF 20', [OFFSETS, tlv('DF 22', 'C3 28'), ADDRESS, BIRTH, SEX].join(' '))],
    ['another outer tag', tlv('FF 21', [OFFSETS, NAME, ADDRESS, BIRTH, SEX].join(' '))],
    ['an erased EF (all FF)', repeatHex('FF', 64)],
  ])('refuses %s with a CardDataFormatError', async (_, bytes) => {
    const { assist } = assistScript([SELECT_TEXT, selectEf('00 02'), ['00 B0 00 00 00', `${bytes} ${OK}`]]);
    await expect(assist.readBasicInfo()).rejects.toThrow(CardDataFormatError);
  });

  it('keeps a birth date with an unknown day as raw bytes only', async () => {
    const object = tlv('FF 20', [OFFSETS, NAME, ADDRESS, tlv('DF 24', utf8Hex('19900100')), SEX].join(' '));
    const { assist } = assistScript([SELECT_TEXT, selectEf('00 02'), ['00 B0 00 00 00', `${object} ${OK}`]]);
    const info = await assist.readBasicInfo();
    expect(info.birthDate).toBeUndefined();
    expect(hex(info.raw.birthDate)).toBe(utf8Hex('19900100'));
  });
});

describe('the assist PIN, byte for byte', () => {
  it('sends SELECT AP, SELECT 0011 and 00 20 00 80 04 31 32 33 34 exactly once', async () => {
    const { assist, script } = assistScript([SELECT_TEXT, selectEf('00 11'), ['00 20 00 80 04 31 32 33 34', OK]]);
    await assist.verifyPin('1234');
    script.expectDone();
  });

  it('sends a wrong PIN once, whatever the card answers, and reports the tries left', async () => {
    const { assist, script } = assistScript([SELECT_TEXT, selectEf('00 11'), ['00 20 00 80 04 30 30 30 30', '63 C1']]);
    await expect(assist.verifyPin('0000')).rejects.toMatchObject({ code: 'wrong-pin', remaining: 1 });
    script.expectDone();
  });

  it.each([
    ['6A 82 (a reset under us?)', '6A 82', 'file-not-found'],
    ['6C 04', '6C 04', 'card-response'],
    ['6F 00', '6F 00', 'card-status'],
  ])('does not send the assist PIN again after %s on an assumed selection', async (_, sw, code) => {
    const { assist, script } = assistScript([SELECT_TEXT, selectEf('00 11'), ['00 20 00 80 04 31 32 33 34', sw]]);
    await assist.select();
    await expect(assist.verifyPin('1234')).rejects.toMatchObject({ code });
    script.expectDone();
  });

  it.each([
    ['63 C2', { remaining: 2, locked: false, verified: false }],
    ['63 C0', { remaining: 0, locked: true, verified: false }],
    ['69 84', { remaining: 0, locked: true, verified: false }],
    ['90 00', { remaining: 3, locked: false, verified: true }],
  ])('reads the empty VERIFY\'s %s as a status', async (sw, status) => {
    const { assist } = assistScript([SELECT_TEXT, selectEf('00 11'), ['00 20 00 80', sw]]);
    expect(await assist.pinStatus()).toMatchObject({ max: 3, ...status });
  });

  it('refuses a card that claims more than 3 tries', async () => {
    const { assist } = assistScript([SELECT_TEXT, selectEf('00 11'), ['00 20 00 80', '63 C5']]);
    await expect(assist.pinStatus()).rejects.toMatchObject({ code: 'card-response' });
  });

  it('says PIN locked on 6984 to a VERIFY', async () => {
    const { assist } = assistScript([SELECT_TEXT, selectEf('00 11'), ['00 20 00 80 04 31 32 33 34', '69 84']]);
    await expect(assist.verifyPin('1234')).rejects.toThrow(PinLockedError);
  });

  it('says not found, not "no JPKI", for a card without the AP', async () => {
    const { assist } = assistScript([['00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08', '6A 82']]);
    const error = await assist.select().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileNotFoundError);
    expect(error).not.toBeInstanceOf(NotJpkiCardError);
  });
});

describe('the 共通カードAP record, byte for byte', () => {
  const record = tlv('01', utf8Hex('4000000127198431322120350217'));

  it('selects the AP by its full AID and sends 00 B2 01 0C 00', async () => {
    const script = new ScriptedTransport([SELECT_COMMON, ['00 B2 01 0C 00', `${record} ${OK}`]]);
    expect(await new CommonCard(script).manufactureNumber()).toBe('0000012719843');
    script.expectDone();
  });

  it('takes the value whatever its tag, as the port does (MYNA\'s fixture uses 30)', async () => {
    const script = new ScriptedTransport([SELECT_COMMON, ['00 B2 01 0C 00', `${tlv('30', utf8Hex('4000000127198431322120350217'))} ${OK}`]]);
    expect(await new CommonCard(script).manufactureNumber()).toBe('0000012719843');
  });

  it('re-selects the AP once when a card reset under us left nothing selected', async () => {
    const script = new ScriptedTransport([SELECT_COMMON, ['00 B2 01 0C 00', `${record} ${OK}`], ['00 B2 01 0C 00', '6A 82'], SELECT_COMMON, ['00 B2 01 0C 00', `${record} ${OK}`]]);
    const common = new CommonCard(script);
    await common.readRecord();
    expect((await common.readRecord()).serial).toBe('400000012719843');
    script.expectDone();
  });

  it('passes a missing record on as not found', async () => {
    const script = new ScriptedTransport([SELECT_COMMON, ['00 B2 01 0C 00', '6A 83']]);
    await expect(new CommonCard(script).readRecord()).rejects.toMatchObject({ code: 'card-status', details: { swName: 'RECORD_NOT_FOUND' } });
  });
});

describe('raw signing, byte for byte', () => {
  it('sends 80 2A 00 80 Lc <the bytes as given> 00 after selecting the key EF', async () => {
    const data = repeatHex('5A', 32);
    const script = new ScriptedTransport([SELECT_JPKI, selectEf('00 17'), [`80 2A 00 80 20 ${data} 00`, `${repeatHex('AB', 256)} ${OK}`]]);
    const signature = await new JpkiCard(script).signRaw('auth', new Uint8Array(32).fill(0x5a));
    expect(signature.length).toBe(256);
    script.expectDone();
  });

  it('sends the largest input, 245 bytes, with Lc F5', async () => {
    const script = new ScriptedTransport([SELECT_JPKI, selectEf('00 1A'), [`80 2A 00 80 F5 ${repeatHex('01', 245)} 00`, `${repeatHex('AB', 256)} ${OK}`]]);
    await new JpkiCard(script).signRaw('sign', new Uint8Array(245).fill(1));
    script.expectDone();
  });

  it.each([['an empty input', 0], ['246 bytes', 246]])('refuses %s before the card', async (_, n) => {
    const script = new ScriptedTransport([]);
    await expect(new JpkiCard(script).signRaw('auth', new Uint8Array(n))).rejects.toThrow(CardInputError);
    expect(script.sent).toEqual([]);
  });

  it('refuses a key name that is not a JPKI key before the card', async () => {
    const script = new ScriptedTransport([]);
    await expect(new JpkiCard(script).signRaw('toString' as 'auth', new Uint8Array(32))).rejects.toThrow(CardInputError);
  });

  it('calls a signature that is not 256 bytes a broken answer', async () => {
    const script = new ScriptedTransport([SELECT_JPKI, selectEf('00 17'), [`80 2A 00 80 01 01 00`, `${repeatHex('AB', 128)} ${OK}`]]);
    await expect(new JpkiCard(script).signRaw('auth', Uint8Array.of(1))).rejects.toMatchObject({ code: 'card-response' });
  });
});
