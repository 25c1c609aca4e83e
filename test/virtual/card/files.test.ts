/**
 * SELECT and READ BINARY, byte-exact (jpki-protocol §2, §3.1, §3.2, §9): what a JPKI
 * client sees when it selects the application, reads the token label and the
 * certificates, and strays off the files.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { concat, hex } from '../../../src/bytes';
import { createVirtualCard, type VirtualJpkiCard } from '../../../src/virtual/index';
import { ascii, selectEf, SELECT_JPKI, sws, tx, txBytes, verifyCommand } from './helpers';

let card: VirtualJpkiCard;
beforeEach(async () => {
  card = await createVirtualCard();
});

describe('SELECT of an application', () => {
  it.each([
    ['the JPKI AP by its full AID', SELECT_JPKI, '90 00'],
    ['the 券面事項入力補助AP', '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08', '90 00'],
    ['the 券面事項確認AP', '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02', '90 00'],
    ['the 共通カードAP', '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00', '90 00'],
    ['the 住基AP', '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01', '90 00'],
    ['P2=00 (FCI asked, none given)', '00 A4 04 00 0A D3 92 F0 00 26 01 00 00 00 01 00', '90 00'],
    ['an AID one byte off', '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 02', '6A 82'],
    ['a prefix of the JPKI AID (not emulated)', '00 A4 04 0C 05 D3 92 F0 00 26', '6A 82'],
    ['no DF name at all', '00 A4 04 0C', '67 00'],
    ['a 17-byte DF name', `00 A4 04 0C 11 ${'D3 '.repeat(17)}`, '67 00'],
    ['Lc longer than the data', '00 A4 04 0C 0A D3 92 F0', '67 00'],
    ['P1=09, select by path (OpenSC PR #801)', '00 A4 09 0C 02 00 0A', '6A 86'],
    ['P2=04', '00 A4 04 04 0A D3 92 F0 00 26 01 00 00 00 01', '6A 86'],
    ['select MF right after a cold reset', '00 A4 00 00', '6A 86'],
    ['3F00 by identifier', '00 A4 00 0C 02 3F 00', '6A 82'],
  ])('%s: %s → %s', async (_name, command, sw) => {
    expect(await tx(card, command)).toBe(sw);
  });
});

describe('SELECT of an EF', () => {
  it.each(['0001', '0002', '0006', '0008', '0009', '000A', '000B', '0016', '0017', '0018', '001A', '001B'])('finds EF %s in the JPKI AP', async (fid) => {
    expect(await sws(card, SELECT_JPKI, selectEf(fid))).toEqual(['90 00', '90 00']);
  });

  it.each([
    ['a FID the AP does not have', selectEf('0003'), '6A 82'],
    ['the MF by FID', selectEf('3F00'), '6A 82'],
    ['a one-byte FID', '00 A4 02 0C 01 00', '67 00'],
    ['a three-byte FID', '00 A4 02 0C 03 00 00 0A', '67 00'],
    ['select MF with an AP current (does nothing)', '00 A4 00 00', '90 00'],
  ])('after selecting the AP, %s answers %s', async (_n, command, sw) => {
    expect(await sws(card, SELECT_JPKI, command)).toEqual(['90 00', sw]);
  });

  it('finds no EF before any AP is selected', async () => {
    expect(await tx(card, selectEf('000A'))).toBe('6A 82');
  });

  it('finds no JPKI EF inside another AP', async () => {
    expect(await sws(card, '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08', selectEf('000A'))).toEqual(['90 00', '6A 82']);
  });
});

describe('READ BINARY', () => {
  it('reads the token label JPKIAPICCTOKEN2, space padded (§9 "check the card")', async () => {
    await sws(card, SELECT_JPKI, selectEf('0006'));
    expect(await tx(card, '00 B0 00 00 20')).toBe(`${ascii('JPKIAPICCTOKEN2')} ${'20 '.repeat(17)}90 00`);
  });

  it('holds a 160-byte CK_TOKEN_INFO in EF 0006: Le=00 gets 160 bytes, offset 160 is past the end', async () => {
    await sws(card, SELECT_JPKI, selectEf('0006'));
    expect((await txBytes(card, '00 B0 00 00 00')).length).toBe(160 + 2);
    expect(await tx(card, '00 B0 00 9F 05')).toMatch(/^[0-9A-F]{2} 90 00$/);
    expect(await tx(card, '00 B0 00 A0 01')).toBe('6B 00');
  });

  it('answers EF 0008 with 8F 8F 00 when both certificates are present', async () => {
    expect(await sws(card, SELECT_JPKI, selectEf('0008'))).toEqual(['90 00', '90 00']);
    expect(await tx(card, '00 B0 00 00 00')).toBe('8F 8F 00 90 00');
  });

  it('reads the authentication certificate without a PIN in 256-byte chunks, DER first then FF padding, 6B00 at the end', async () => {
    await sws(card, SELECT_JPKI, selectEf('000A'));
    const head = await txBytes(card, '00 B0 00 00 04');
    expect(hex(head.subarray(0, 2))).toBe('30 82');
    const total = ((head[2]! << 8) | head[3]!) + 4;
    const chunks: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      const r = await txBytes(card, `00 B0 ${hex(Uint8Array.of(offset >> 8, offset & 0xff))} 00`);
      if (hex(r) === '6B 00') break;
      expect(hex(r.subarray(-2))).toBe('90 00');
      chunks.push(r.subarray(0, -2));
      offset += r.length - 2;
    }
    const ef = concat(...chunks);
    expect(ef.subarray(0, total)).toEqual(card.certificates.auth);
    expect(ef.length).toBeGreaterThan(total);
    expect(ef.subarray(total).every((b) => b === 0xff)).toBe(true);
    expect(ef.length).toBe(2048);
  });

  it.each([
    ['0001', 'sign'],
    ['0002', 'signCa'],
    ['000A', 'auth'],
    ['000B', 'authCa'],
  ] as const)('holds in EF %s exactly the %s certificate, then FF padding to the end of the EF', async (fid, field) => {
    await sws(card, SELECT_JPKI, selectEf('001B'), verifyCommand('ABC123'), selectEf(fid));
    const r = await txBytes(card, '00 B0 00 00 00 00 00');
    expect(hex(r.subarray(-2))).toBe('90 00');
    const ef = r.subarray(0, -2);
    const der = card.certificates[field]!;
    expect(ef.subarray(0, der.length)).toEqual(der);
    expect(ef.length).toBeGreaterThan(der.length);
    expect(ef.subarray(der.length).every((b) => b === 0xff)).toBe(true);
  });

  it('returns only what remains when Le asks for more', async () => {
    await sws(card, SELECT_JPKI, selectEf('000A'));
    const r = await txBytes(card, '00 B0 07 F0 00');
    expect(r.length).toBe(16 + 2);
    expect(hex(r)).toBe(`${'FF '.repeat(16)}90 00`);
  });

  it('reads a whole EF with one extended Le', async () => {
    await sws(card, SELECT_JPKI, selectEf('000B'));
    const r = await txBytes(card, '00 B0 00 00 00 00 00');
    expect(r.subarray(0, card.certificates.authCa.length)).toEqual(card.certificates.authCa);
    expect(r.length).toBe(2048 + 2);
  });

  it('refuses the signing certificate with 6982 until the signing password is verified (OSC-iss)', async () => {
    expect(await sws(card, SELECT_JPKI, selectEf('0001'), '00 B0 00 00 04')).toEqual(['90 00', '90 00', '69 82']);
    expect(await sws(card, selectEf('001B'), verifyCommand('ABC123'), selectEf('0001'))).toEqual(['90 00', '90 00', '90 00']);
    const head = await txBytes(card, '00 B0 00 00 04');
    expect(head.subarray(0, 4)).toEqual(card.certificates.sign!.subarray(0, 4));
  });

  it('does not open the signing certificate for the authentication PIN', async () => {
    await sws(card, SELECT_JPKI, selectEf('0018'), verifyCommand('1234'), selectEf('0001'));
    expect(await tx(card, '00 B0 00 00 04')).toBe('69 82');
  });

  it.each([
    ['no EF selected', [SELECT_JPKI], '00 B0 00 00 04', '69 86'],
    ['a key IEF', [SELECT_JPKI, selectEf('0017')], '00 B0 00 00 04', '69 82'],
    ['a PIN IEF', [SELECT_JPKI, selectEf('0018')], '00 B0 00 00 04', '69 82'],
    ['the protected EF 0009', [SELECT_JPKI, selectEf('0009')], '00 B0 00 00 04', '69 82'],
    ['the terminal-CA key reference 0016', [SELECT_JPKI, selectEf('0016')], '00 B0 00 00 04', '69 82'],
    ['no Le (case 1)', [SELECT_JPKI, selectEf('000A')], '00 B0 00 00', '67 00'],
    ['command data (case 3)', [SELECT_JPKI, selectEf('000A')], '00 B0 00 00 01 00', '67 00'],
    ['offset at the EF end', [SELECT_JPKI, selectEf('000A')], '00 B0 08 00 01', '6B 00'],
    ['the largest 15-bit offset', [SELECT_JPKI, selectEf('000A')], '00 B0 7F FF 01', '6B 00'],
    ['short-EF form with reserved P1 bits', [SELECT_JPKI], '00 B0 AA 00 04', '6A 86'],
    ['short-EF form naming no file', [SELECT_JPKI], '00 B0 83 00 04', '6A 82'],
    ['short-EF form for the signing certificate without PIN', [SELECT_JPKI], '00 B0 81 00 04', '69 82'],
    ['short-EF form before any AP', [], '00 B0 8A 00 04', '6A 82'],
  ])('with %s answers %s', async (_n, setup, command, sw) => {
    for (const s of setup) expect((await tx(card, s)).slice(-5)).toBe('90 00');
    expect(await tx(card, command)).toBe(sw);
  });

  it('reads by short EF identifier without a SELECT: 00 B0 8A 00 04', async () => {
    await tx(card, SELECT_JPKI);
    expect(await txBytes(card, '00 B0 8A 00 04')).toEqual(concat(card.certificates.auth.subarray(0, 4), Uint8Array.of(0x90, 0)));
  });
});
