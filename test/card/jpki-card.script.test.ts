/**
 * The JPKI client against byte-exact scripts (jpki-protocol §9): what we send, to the
 * byte, and what each card answer becomes.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../src/bytes';
import {
  CardResponseError,
  CardStatusError,
  CertificateParseError,
  FileNotFoundError,
  JpkiCard,
  NotJpkiCardError,
  PinFormatError,
  PinLockedError,
  SecurityStatusError,
} from '../../src/card/index';
import { ScriptedTransport, repeatHex } from './scripted-transport';
import type { Step } from './scripted-transport';

const SELECT_AP: Step = ['00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '90 00'];
const selectEf = (fid: string): Step => [`00 A4 02 0C 02 ${fid}`, '90 00'];
const OK = '90 00';

function card(steps: readonly Step[]): { jpki: JpkiCard; script: ScriptedTransport } {
  const script = new ScriptedTransport(steps);
  return { jpki: new JpkiCard(script), script };
}

/** A DER SEQUENCE of `total` bytes (header included, minimal length form), content bytes counting up. */
function derObject(total: number): Uint8Array {
  const header = total - 2 < 0x80 ? [0x30, total - 2] : total - 3 < 0x100 ? [0x30, 0x81, total - 3] : [0x30, 0x82, (total - 4) >> 8, (total - 4) & 0xff];
  const out = new Uint8Array(total);
  out.set(header);
  for (let i = header.length; i < total; i++) out[i] = i & 0xff;
  return out;
}

describe('select and the token label', () => {
  it('selects the JPKI AP by its full AID, then reads 32 bytes of EF 0006 and trims the padding', async () => {
    const label = `${hex(new TextEncoder().encode('JPKIAPICCTOKEN2'))} ${repeatHex('20', 17)}`;
    const { jpki, script } = card([SELECT_AP, selectEf('00 06'), ['00 B0 00 00 20', `${label} 90 00`]]);
    await jpki.select();
    expect(await jpki.tokenLabel()).toBe('JPKIAPICCTOKEN2');
    script.expectDone();
    expect(jpki.apduCounts().commands).toBe(3);
  });

  it.each([
    ['JPKIAPICCTOKEN2', 'card'],
    ['JPKIAPGPSETOKEN', 'android'],
    ['JPKIAPIOSTOKEN', 'iphone'],
    ['JPKIAPICCTOKEN', 'juki-card'],
    ['SOMETHINGELSE', 'unknown'],
  ])('reports the label %s as a %s token', async (text, kind) => {
    const label = `${hex(new TextEncoder().encode(text))} ${repeatHex('00', 32 - text.length)}`;
    const { jpki } = card([SELECT_AP, selectEf('00 06'), ['00 B0 00 00 20', `${label} 90 00`]]);
    expect(await jpki.tokenKind()).toBe(kind);
  });

  it.each(['6A 82', '6A 86', '6D 00', '6E 00'])('reports a card that answers %s to the JPKI AID as not a JPKI card', async (sw) => {
    const { jpki } = card([['00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', sw]]);
    await expect(jpki.select()).rejects.toThrow(NotJpkiCardError);
  });

  it('retries the SELECT once when a freshly powered card answers 6F00 (MC saw this)', async () => {
    const { jpki, script } = card([['00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '6F 00'], SELECT_AP]);
    await jpki.select();
    script.expectDone();
  });

  it('refuses a label with control bytes as a broken answer', async () => {
    const { jpki } = card([SELECT_AP, selectEf('00 06'), ['00 B0 00 00 20', '4A 01 4B 90 00']]);
    await expect(jpki.tokenLabel()).rejects.toThrow(CardResponseError);
  });
});

describe('readCertificate', () => {
  it('reads exactly the DER object in ceil(len/256) READ BINARYs, never the FF padding', async () => {
    const cert = derObject(1583); // GEBO's real length
    const file = new Uint8Array(2048).fill(0xff);
    file.set(cert);
    const reads: Step[] = [];
    for (let off = 0; off < 1583; off += 256) {
      const le = off === 0 ? 256 : Math.min(256, 1583 - off);
      const p1p2 = `${(off >> 8).toString(16).padStart(2, '0')} ${(off & 0xff).toString(16).padStart(2, '0')}`;
      reads.push([`00 B0 ${p1p2} ${(le & 0xff).toString(16).padStart(2, '0')}`, `${hex(file.subarray(off, off + le))} 90 00`]);
    }
    const { jpki, script } = card([SELECT_AP, selectEf('00 0A'), ...reads]);
    const got = await jpki.readCertificate('auth');
    expect(hex(got)).toBe(hex(cert));
    script.expectDone();
    expect(jpki.apduCounts().commands).toBeLessThanOrEqual(Math.ceil(1583 / 256) + 3);
    expect(jpki.apduCounts().commands).toBe(Math.ceil(1583 / 256) + 2);
  });

  it('takes a certificate shorter than one chunk from the first read alone', async () => {
    const cert = derObject(200);
    const { jpki, script } = card([SELECT_AP, selectEf('00 0B'), ['00 B0 00 00 00', `${hex(cert)} ${repeatHex('FF', 56)} 90 00`]]);
    expect(hex(await jpki.readCertificate('auth-ca'))).toBe(hex(cert));
    script.expectDone();
  });

  it('keeps reading when the card returns fewer bytes than asked', async () => {
    const cert = derObject(300);
    const { jpki } = card([
      SELECT_AP,
      selectEf('00 02'),
      ['00 B0 00 00 00', `${hex(cert.subarray(0, 100))} 90 00`],
      ['00 B0 00 64 C8', `${hex(cert.subarray(100, 250))} 90 00`],
      ['00 B0 00 FA 32', `${hex(cert.subarray(250))} 90 00`],
    ]);
    expect(hex(await jpki.readCertificate('sign-ca'))).toBe(hex(cert));
  });

  it('throws SecurityStatusError for the sign certificate before the password is verified', async () => {
    const { jpki } = card([SELECT_AP, selectEf('00 01'), ['00 B0 00 00 00', '69 82']]);
    await expect(jpki.readCertificate('sign')).rejects.toThrow(SecurityStatusError);
  });

  it('throws FileNotFoundError when the EF is missing', async () => {
    const { jpki } = card([SELECT_AP, ['00 A4 02 0C 02 00 01', '6A 82'], SELECT_AP, ['00 A4 02 0C 02 00 01', '6A 82']]);
    await expect(jpki.readCertificate('sign')).rejects.toThrow(FileNotFoundError);
  });

  it.each([
    ['an erased EF', repeatHex('FF', 256)],
    ['an indefinite length', `30 80 ${repeatHex('00', 254)}`],
    ['an object larger than any EF can hold', `30 83 01 00 00 ${repeatHex('00', 251)}`],
  ])('reports %s as CertificateParseError after one read', async (_, data) => {
    const { jpki, script } = card([SELECT_AP, selectEf('00 0A'), ['00 B0 00 00 00', `${data} 90 00`]]);
    await expect(jpki.readCertificate('auth')).rejects.toThrow(CertificateParseError);
    script.expectDone();
  });

  it('reports an EF that ends inside the DER object (6B00 past the end) as CertificateParseError', async () => {
    const cert = derObject(600);
    const { jpki } = card([SELECT_AP, selectEf('00 0A'), ['00 B0 00 00 00', `${hex(cert.subarray(0, 256))} 90 00`], ['00 B0 01 00 00', `${hex(cert.subarray(256, 512))} 90 00`], ['00 B0 02 00 58', '6B 00']]);
    await expect(jpki.readCertificate('auth')).rejects.toThrow(CertificateParseError);
  });

  it('refuses a READ BINARY answer longer than the Le asked for', async () => {
    const cert = derObject(300);
    const { jpki } = card([SELECT_AP, selectEf('00 0A'), ['00 B0 00 00 00', `${hex(cert.subarray(0, 256))} 90 00`], ['00 B0 01 00 2C', `${hex(cert.subarray(256))} 00 90 00`]]);
    await expect(jpki.readCertificate('auth')).rejects.toThrow(CardResponseError);
  });
});

describe('certificateSerial: the head by short EF identifier, SELECT + READ as the fallback', () => {
  // A 35-byte head: SEQUENCE, tbsCertificate SEQUENCE, [0] version 2, INTEGER serial 0x1234.
  const HEAD = `30 82 05 00 30 82 04 E8 A0 03 02 01 02 02 02 12 34 ${repeatHex('00', 18)}`;

  it('reads 35 bytes of EF 000A with 00 B0 8A 00 23, no SELECT of the EF', async () => {
    const { jpki, script } = card([SELECT_AP, ['00 B0 8A 00 23', `${HEAD} 90 00`]]);
    await jpki.select();
    expect(await jpki.certificateSerial('auth')).toBe('1234');
    script.expectDone();
  });

  it('falls back to SELECT + READ BINARY when the card refuses the short-EF form (6A86), and stops trying it', async () => {
    const { jpki, script } = card([
      SELECT_AP,
      ['00 B0 8A 00 23', '6A 86'],
      SELECT_AP, // 6A86 on an assumed selection: maybe the card was reset, one re-select
      ['00 B0 8A 00 23', '6A 86'],
      SELECT_AP, // a 6A86 leaves the selection unknown (card-channel.ts), so it is made again
      selectEf('00 0A'),
      ['00 B0 00 00 23', `${HEAD} 90 00`],
      ['00 B0 00 00 23', `${HEAD} 90 00`], // the second time: EF 000A current, no SFI try
    ]);
    await jpki.select();
    expect(await jpki.certificateSerial('auth')).toBe('1234');
    expect(await jpki.certificateSerial('auth')).toBe('1234');
    script.expectDone();
  });

  it('takes 6982 to the short-EF read of the sign certificate as the answer: SecurityStatusError, no fallback', async () => {
    const { jpki, script } = card([SELECT_AP, ['00 B0 81 00 23', '69 82']]);
    await jpki.select();
    await expect(jpki.certificateSerial('sign')).rejects.toThrow(SecurityStatusError);
    script.expectDone();
  });

  it('refuses a head longer than asked for', async () => {
    const { jpki } = card([SELECT_AP, ['00 B0 8A 00 23', `${HEAD} 00 90 00`]]);
    await jpki.select();
    await expect(jpki.certificateSerial('auth')).rejects.toThrow(CardResponseError);
  });
});

describe('pinStatus: VERIFY with no data, never a try', () => {
  it.each([
    ['63 C3', { remaining: 3, max: 3, locked: false, verified: false }],
    ['63 C1', { remaining: 1, max: 3, locked: false, verified: false }],
    ['63 C0', { remaining: 0, max: 3, locked: true, verified: false }],
    ['69 84', { remaining: 0, max: 3, locked: true, verified: false }],
    ['69 83', { remaining: 0, max: 3, locked: true, verified: false }],
    ['90 00', { remaining: 3, max: 3, locked: false, verified: true }],
  ])('reads %s on the auth PIN', async (sw, status) => {
    const { jpki, script } = card([SELECT_AP, ['00 20 00 98', sw]]);
    expect(await jpki.pinStatus('auth')).toEqual(status);
    script.expectDone();
    expect(jpki.apduCounts().commands).toBe(2);
  });

  it('refuses a counter above the PIN policy (63C4 for the 3-try auth PIN) as a broken answer', async () => {
    const { jpki } = card([SELECT_AP, ['00 20 00 98', '63 C4']]);
    await expect(jpki.pinStatus('auth')).rejects.toThrow(CardResponseError);
  });

  it('uses P2=80 when the PIN EF is already current (after a VERIFY)', async () => {
    const { jpki, script } = card([SELECT_AP, selectEf('00 18'), ['00 20 00 80 04 31 32 33 34', OK], ['00 20 00 80', '63 C3']]);
    await jpki.verifyPin('auth', '1234');
    expect((await jpki.pinStatus('auth')).remaining).toBe(3);
    script.expectDone();
  });

  it('selects the PIN EF again before a VERIFY that follows an SFI query', async () => {
    const { jpki, script } = card([SELECT_AP, selectEf('00 18'), ['00 20 00 80 04 31 32 33 34', OK], ['00 20 00 9B', '63 C5'], selectEf('00 18'), ['00 20 00 80 04 31 32 33 34', OK]]);
    await jpki.verifyPin('auth', '1234');
    await jpki.pinStatus('sign');
    await jpki.verifyPin('auth', '1234');
    script.expectDone();
  });

  it('reads the sign password counter out of 5 from EF 001B (SFI 1B)', async () => {
    const { jpki } = card([SELECT_AP, ['00 20 00 9B', '63 C5']]);
    expect(await jpki.pinStatus('sign')).toEqual({ remaining: 5, max: 5, locked: false, verified: false });
  });

  it('throws CardStatusError, naming the status word, for any other answer', async () => {
    const { jpki, script } = card([SELECT_AP, ['00 20 00 98', '6A 81'], SELECT_AP, selectEf('00 18'), ['00 20 00 80', '6A 81']]);
    await expect(jpki.pinStatus('auth')).rejects.toMatchObject({ code: 'card-status', details: { sw: '6A81', swName: 'SW_6A81' } });
    script.expectDone();
  });

  it('falls back to SELECT + VERIFY when the card refuses the SFI form (6A86), and stops trying it', async () => {
    const { jpki, script } = card([
      SELECT_AP,
      ['00 20 00 98', '6A 86'],
      SELECT_AP,
      selectEf('00 18'),
      ['00 20 00 80', '63 C3'],
      selectEf('00 1B'),
      ['00 20 00 80', '63 C5'],
    ]);
    expect((await jpki.pinStatus('auth')).remaining).toBe(3);
    expect((await jpki.pinStatus('sign')).remaining).toBe(5);
    script.expectDone();
  });
});

describe('verifyPin', () => {
  it('sends the normalised PIN as ASCII, full-width digits folded', async () => {
    const { jpki, script } = card([SELECT_AP, selectEf('00 18'), ['00 20 00 80 04 31 32 33 34', OK]]);
    await jpki.verifyPin('auth', '１２３４');
    script.expectDone();
  });

  it('upper-cases the signing password before sending it', async () => {
    const { jpki, script } = card([SELECT_AP, selectEf('00 1B'), ['00 20 00 80 06 41 42 43 31 32 33', OK]]);
    await jpki.verifyPin('sign', 'abc123');
    script.expectDone();
  });

  it.each([
    ['auth', ''],
    ['auth', '123'],
    ['auth', '12345'],
    ['auth', '12a4'],
    ['sign', 'AB12'],
    ['sign', 'ABC-123'],
    ['sign', 'A'.repeat(17)],
  ] as const)('refuses the %s PIN %j without sending anything', async (kind, value) => {
    const { jpki, script } = card([]);
    const error = await jpki.verifyPin(kind, value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinFormatError);
    script.expectDone();
    expect(jpki.apduCounts().commands).toBe(0);
    // The error crosses to pages and logs: it names the rule broken, never the PIN typed.
    if (value.length >= 3 && error instanceof PinFormatError) {
      expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain(value);
    }
  });

  it('throws WrongPinError with the tries left, and does not retry', async () => {
    const { jpki, script } = card([SELECT_AP, selectEf('00 18'), ['00 20 00 80 04 30 30 30 30', '63 C2']]);
    await expect(jpki.verifyPin('auth', '0000')).rejects.toMatchObject({ code: 'wrong-pin', remaining: 2, details: { remaining: 2 } });
    script.expectDone();
  });

  it.each(['63 C0', '69 84', '69 83'])('throws PinLockedError for %s', async (sw) => {
    const { jpki } = card([SELECT_AP, selectEf('00 18'), ['00 20 00 80 04 30 30 30 30', sw]]);
    await expect(jpki.verifyPin('auth', '0000')).rejects.toThrow(PinLockedError);
  });

  it('after a status query, verifies with SELECT + VERIFY (the SFI query leaves no EF known)', async () => {
    const { jpki, script } = card([SELECT_AP, ['00 20 00 98', '63 C3'], selectEf('00 18'), ['00 20 00 80 04 31 32 33 34', OK]]);
    await jpki.pinStatus('auth');
    jpki.resetApduCounts();
    await jpki.verifyPin('auth', '1234');
    expect(jpki.apduCounts().commands).toBe(2);
    script.expectDone();
  });
});

describe('sign', () => {
  const digest = new Uint8Array(32).fill(0x11);
  const signature = repeatHex('5A', 256);

  it('selects the key EF and sends 80 2A 00 80 with a SHA-256 DigestInfo and Le 00', async () => {
    const { jpki, script } = card([
      SELECT_AP,
      selectEf('00 17'),
      [`80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ${repeatHex('11', 32)} 00`, `${signature} 90 00`],
    ]);
    expect((await jpki.sign('auth', 'SHA-256', digest)).length).toBe(256);
    script.expectDone();
  });

  it.each([
    ['SHA-1', 20, '23 30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14'],
    ['SHA-384', 48, '43 30 41 30 0D 06 09 60 86 48 01 65 03 04 02 02 05 00 04 30'],
    ['SHA-512', 64, '53 30 51 30 0D 06 09 60 86 48 01 65 03 04 02 03 05 00 04 40'],
  ] as const)('builds the %s DigestInfo with the sign key', async (hash, length, lcAndPrefix) => {
    const { jpki } = card([SELECT_AP, selectEf('00 1A'), [`80 2A 00 80 ${lcAndPrefix} ${repeatHex('22', length)} 00`, `${signature} 90 00`]]);
    expect((await jpki.sign('sign', hash, new Uint8Array(length).fill(0x22))).length).toBe(256);
  });

  it.each([
    ['SHA-256', 31],
    ['SHA-256', 33],
    ['SHA-1', 32],
    ['SHA-512', 0],
  ] as const)('throws TypeError for a %s digest of %i bytes without any APDU', async (hash, length) => {
    const { jpki } = card([]);
    await expect(jpki.sign('auth', hash, new Uint8Array(length))).rejects.toThrow(TypeError);
    expect(jpki.apduCounts().commands).toBe(0);
  });

  it.each([
    ['an unknown hash', () => ['auth', 'MD5', new Uint8Array(16)]],
    ['a prototype key as hash', () => ['auth', 'toString', new Uint8Array(32)]],
    ['an unknown key', () => ['admin', 'SHA-256', new Uint8Array(32)]],
    ['a digest that is not bytes', () => ['auth', 'SHA-256', Array.from({ length: 32 }, () => 0)]],
  ])('throws TypeError for %s without any APDU', async (_, args) => {
    const { jpki } = card([]);
    const [key, hash, digest] = args() as [never, never, never];
    await expect(jpki.sign(key, hash, digest)).rejects.toThrow(TypeError);
    await expect(jpki.readCertificate('__proto__' as never)).rejects.toThrow(TypeError);
    expect(jpki.apduCounts().commands).toBe(0);
  });

  it('throws SecurityStatusError when the PIN is not verified (6982)', async () => {
    const { jpki } = card([SELECT_AP, selectEf('00 17'), [`80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ${repeatHex('11', 32)} 00`, '69 82']]);
    await expect(jpki.sign('auth', 'SHA-256', digest)).rejects.toThrow(SecurityStatusError);
  });

  it('refuses a signature that is not 256 bytes', async () => {
    const { jpki } = card([SELECT_AP, selectEf('00 17'), [`80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ${repeatHex('11', 32)} 00`, `${repeatHex('5A', 128)} 90 00`]]);
    await expect(jpki.sign('auth', 'SHA-256', digest)).rejects.toThrow(CardResponseError);
  });
});

describe('hasSignCertificate (EF 0008, UNCONFIRMED fact)', () => {
  it.each([
    ['8F 8F 00 90 00', true],
    ['00 8F 00 90 00', false],
    ['6A 82', undefined],
    ['69 82', undefined],
    ['90 00', undefined],
  ])('reads %s as %s', async (answer, expected) => {
    const { jpki } = card([SELECT_AP, selectEf('00 08'), ['00 B0 00 00 03', answer]]);
    expect(await jpki.hasSignCertificate()).toBe(expected);
  });

  it('answers undefined when the EF cannot be selected', async () => {
    const { jpki } = card([SELECT_AP, ['00 A4 02 0C 02 00 08', '6A 82'], SELECT_AP, ['00 A4 02 0C 02 00 08', '6A 82']]);
    expect(await jpki.hasSignCertificate()).toBeUndefined();
  });
});

describe('selection cache', () => {
  it('skips SELECTs already in effect and selects again after an explicit select()', async () => {
    const cert = derObject(100);
    const read: Step = ['00 B0 00 00 00', `${hex(cert)} 90 00`];
    const { jpki, script } = card([SELECT_AP, selectEf('00 0A'), read, read, SELECT_AP, selectEf('00 0A'), read]);
    await jpki.readCertificate('auth');
    await jpki.readCertificate('auth');
    await jpki.select();
    await jpki.readCertificate('auth');
    script.expectDone();
  });

  it('re-selects the application once when an EF SELECT fails on an assumed selection (card reset under us)', async () => {
    const { jpki, script } = card([SELECT_AP, ['00 20 00 98', '63 C3'], ['00 A4 02 0C 02 00 1B', '6A 82'], SELECT_AP, selectEf('00 1B'), ['00 20 00 80 06 41 42 43 31 32 33', OK]]);
    await jpki.pinStatus('auth');
    await jpki.verifyPin('sign', 'ABC123');
    script.expectDone();
  });

  it('re-selects the application once when an SFI query finds nothing selected', async () => {
    const { jpki, script } = card([SELECT_AP, ['00 20 00 98', '63 C3'], ['00 20 00 9B', '6A 88'], SELECT_AP, ['00 20 00 9B', '63 C5']]);
    await jpki.pinStatus('auth');
    expect((await jpki.pinStatus('sign')).remaining).toBe(5);
    script.expectDone();
  });

  it('forgets the selection after a transport failure', async () => {
    let fail = false;
    const script = new ScriptedTransport([SELECT_AP, ['00 20 00 98', '63 C3'], SELECT_AP, ['00 20 00 98', '63 C3']]);
    const flaky = { transmit: async (c: Uint8Array) => { if (fail) { fail = false; throw new CardResponseError('unplugged'); } return script.transmit(c); } };
    const jpki = new JpkiCard(flaky);
    await jpki.pinStatus('auth');
    fail = true;
    await expect(jpki.pinStatus('auth')).rejects.toThrow('unplugged');
    await jpki.pinStatus('auth');
    script.expectDone();
  });
});

it('names an unexpected status word in CardStatusError', () => {
  const e = new CardStatusError('x', 0x6a86);
  expect(e.details).toMatchObject({ sw: '6A86', swName: 'INCORRECT_P1P2' });
  expect(fromHex('00').length).toBe(1);
});
