/**
 * parseReaderDump reads every file of data/ccid-readers/ into a profile, field for
 * field, and refuses damaged files with ReaderDumpError (never another exception).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReaderDumpError, READER_PROFILES, parseReaderDump, type ReaderProfile } from '../../../src/virtual/reader';

const DIR = join(import.meta.dirname, '../../../../shared/data/ccid-readers');
const read = (f: string): string => readFileSync(join(DIR, f), 'utf8');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
/** Files that are not one device's dump: a concatenation of three devices, the same interface listed three times, the driver's reader list. */
const DAMAGED = ['ELYCTIS_CL_reader.txt', 'HID_5021_CL.txt', 'supported_readers.txt'];

it('reads every dump but the damaged ones, and refuses those with ReaderDumpError', () => {
  const refused: string[] = [];
  for (const f of FILES) {
    try {
      parseReaderDump(read(f), f);
    } catch (e) {
      expect(e).toBeInstanceOf(ReaderDumpError);
      refused.push(f);
    }
  }
  expect(refused).toEqual(DAMAGED);
  expect(FILES.length - refused.length).toBeGreaterThan(590);
});

it('takes SCR3310-NTTCom field for field: ids, names, class 0xFF, every class-descriptor field', () => {
  const p = parseReaderDump(read('SCR3310-NTTCom.txt'), 'SCR3310-NTTCom.txt');
  expect(p).toEqual(READER_PROFILES['SCR3310-NTTCom']);
});

it.each([
  ['ACR39U', 'ACS_ACR39U_ICC_Reader.txt'],
  ['ACR1252U', 'ACS_ACR1252_Reader.txt'],
  ['RC-S300', 'SONY_FeliCa_RC-S300_S.txt'],
] as const)('keeps the named profile %s equal to its dump %s (but the garbage iInterface string)', (name, file) => {
  const p = parseReaderDump(read(file), file);
  const named: ReaderProfile = READER_PROFILES[name];
  expect(p.interfaces[0]!.ccid).toEqual(named.interfaces[0]!.ccid);
  expect([p.vendorId, p.productId, p.productName, p.bcdDevice]).toEqual([named.vendorId, named.productId, named.productName, named.bcdDevice]);
});

it('reads every interface of a multi-interface dump (ACR1252 Dual: PICC extended APDU, SAM short APDU)', () => {
  const p = parseReaderDump(read('ACS_ACR1252_Dual_Reader.txt'));
  expect(p.interfaces.map((i) => [i.interfaceNumber, i.interfaceName, i.ccid.dwFeatures, i.ccid.dwMaxCCIDMessageLength])).toEqual([
    [0, 'ACR1252 Dual Reader PICC', 0x00040040, 522],
    [1, 'ACR1252 Dual Reader SAM', 0x000204ba, 288],
  ]);
});

it('reads a CRLF dump and one with a wrapped explanation line', () => {
  expect(parseReaderDump(read('Bit4id_Digital_DNA_Key_v2.txt')).interfaces).toHaveLength(1);
  expect(parseReaderDump(read('Yubico_Yubikey_neo.txt')).interfaces[0]!.ccid.dwMaxIFSD).toBe(1400);
});

it('keeps the pre-standard descriptor type (0xFF) and character level as the dump says, for the driver to refuse', () => {
  expect(parseReaderDump(read('Gem_e-SealPro.txt')).interfaces[0]!.ccid.bDescriptorType).toBe(0xff);
  expect(parseReaderDump(read('Oz776S.txt')).interfaces[0]!.ccid.dwFeatures & 0x70000).toBe(0);
});

describe('damaged text', () => {
  const good = read('SCR3310-NTTCom.txt');
  it.each([
    ['a missing field', good.replace(/ {2}dwFeatures:.*\n/, '')],
    ['a value of the wrong shape', good.replace('dwMaxCCIDMessageLength: 271 bytes', 'dwMaxCCIDMessageLength: lots')],
    ['a field given twice', good.replace('  dwMaxIFSD: 252\n', '  dwMaxIFSD: 252\n  dwMaxIFSD: 254\n')],
    ['no class descriptor', good.slice(0, good.indexOf(' CCID Class Descriptor'))],
    ['a byte field over 255', good.replace('bMaxSlotIndex: 0x00', 'bMaxSlotIndex: 0x100')],
    ['an empty file', ''],
    ['a file cut after the ids', good.slice(0, 120)],
  ])('refuses %s with ReaderDumpError', (_, text) => {
    expect(() => parseReaderDump(text)).toThrow(ReaderDumpError);
  });

  it('never throws anything but ReaderDumpError on random edits of a real dump', () => {
    const lines = good.split('\n');
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(lines.length - 1), fc.string({ maxLength: 30 })), { maxLength: 6 }), (edits) => {
      const copy = [...lines];
      for (const [at, text] of edits) copy[at] = text;
      try {
        parseReaderDump(copy.join('\n'));
      } catch (e) {
        expect(e).toBeInstanceOf(ReaderDumpError);
      }
    }), { numRuns: 300 });
  });

  it('never throws anything but ReaderDumpError on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      try {
        parseReaderDump(` idVendor: 0x0001\n${text}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ReaderDumpError);
      }
    }), { numRuns: 300 });
  });
});
