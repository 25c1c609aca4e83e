/**
 * AssistCard, CommonCard and raw signing against the virtual My Number Card (issue 10
 * §4): the portal's mode-04 reads and the combination_code record, with the exact APDU
 * counts docs/card.md gives, every PIN path, and one channel shared by all three clients.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { concat, fromHex, hex, toArrayBuffer } from '../../src/bytes';
import {
  AssistCard,
  CardChannel,
  CardInputError,
  CommonCard,
  FileNotFoundError,
  JpkiCard,
  PinFormatError,
  PinLockedError,
  SecurityStatusError,
  WrongPinError,
  basicInfoHex,
  combinationCode,
  parseCertificate,
} from '../../src/card/index';
import { cardExpiry } from '../../src/rules/index';
import { CARD_PROFILE_NAMES, createVirtualCard, namedCardProfile, DEFAULT_HOLDER } from '../../src/virtual/index';
import type { VirtualCardProfile, VirtualJpkiCard } from '../../src/virtual/index';

const TODAY = '2026-12-04';
const SHA256_PREFIX = fromHex('30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20');

async function cardWith(profile?: VirtualCardProfile): Promise<{ virtual: VirtualJpkiCard; channel: CardChannel; assist: AssistCard; common: CommonCard; jpki: JpkiCard }> {
  const virtual = await createVirtualCard(profile);
  virtual.powerOff();
  virtual.powerOn();
  virtual.clearLog();
  const channel = new CardChannel(virtual);
  return { virtual, channel, assist: new AssistCard(channel), common: new CommonCard(channel), jpki: new JpkiCard(channel) };
}

/** Commands the virtual card logged, as hex. */
const sent = (v: VirtualJpkiCard): string[] => v.log.map((e) => e.command);

describe('the 券面事項入力補助AP on a healthy card', () => {
  let virtual: VirtualJpkiCard;
  let assist: AssistCard;
  let common: CommonCard;
  let channel: CardChannel;
  beforeEach(async () => ({ virtual, assist, common, channel } = await cardWith()));

  it('reads the holder\'s 基本4情報 in 5 APDUs after the assist PIN, and the portal\'s lower-case hex of the raw bytes', async () => {
    await assist.verifyPin('1234');
    const info = await assist.readBasicInfo();
    expect(channel.counts().commands).toBe(5);
    expect(sent(virtual)).toEqual([
      '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08',
      '00 A4 02 0C 02 00 11',
      expect.stringMatching(/^00 20 00 80 04 /),
      '00 A4 02 0C 02 00 02',
      '00 B0 00 00 00',
    ]);
    expect(info).toMatchObject({ name: DEFAULT_HOLDER.name, address: DEFAULT_HOLDER.address, birthDate: DEFAULT_HOLDER.birthDate, sex: 'male' });
    expect(basicInfoHex(info)).toEqual({
      name: 'e8a9a6e9a893e38080e5a4aae9838e',
      sex: '31',
      address: Array.from(new TextEncoder().encode(DEFAULT_HOLDER.address), (b) => b.toString(16).padStart(2, '0')).join(''),
      birthday: '3139383030323137',
    });
  });

  it('never touches the My Number EF (0001) while reading the 基本4情報', async () => {
    await assist.verifyPin('1234');
    await assist.readBasicInfo();
    expect(sent(virtual).some((c) => c.startsWith('00 A4 02 0C 02 00 01'))).toBe(false);
  });

  it('reports 3 tries from a cold card in 3 APDUs, then 1 APDU once the PIN EF is current, at no cost', async () => {
    expect(await assist.pinStatus()).toEqual({ remaining: 3, max: 3, locked: false, verified: false });
    expect(channel.counts().commands).toBe(3);
    channel.resetCounts();
    expect((await assist.pinStatus()).remaining).toBe(3);
    expect(channel.counts().commands).toBe(1);
    expect(virtual.pinTries('assist')).toEqual({ remaining: 3, max: 3 });
  });

  it('refuses to read the 基本4情報 before the assist PIN (6982)', async () => {
    await expect(assist.readBasicInfo()).rejects.toThrow(SecurityStatusError);
  });

  it('costs one try for a wrong PIN, and only the assist PIN\'s', async () => {
    await expect(assist.verifyPin('0000')).rejects.toMatchObject({ code: 'wrong-pin', remaining: 2 });
    expect(sent(virtual).filter((c) => c.startsWith('00 20 00 80 04'))).toHaveLength(1);
    expect(virtual.pinTries('assist')?.remaining).toBe(2);
    expect(virtual.pinTries('auth')?.remaining).toBe(3);
    await assist.verifyPin('1234');
    expect(virtual.pinTries('assist')?.remaining).toBe(3);
  });

  it.each([
    ['three digits', '123'],
    ['five digits', '12345'],
    ['letters', 'abcd'],
    ['nothing', ''],
    ['a space inside', '12 4'],
    ['a circled digit', '①234'],
  ])('refuses a PIN of %s without sending anything', async (_, pin) => {
    await expect(assist.verifyPin(pin)).rejects.toThrow(PinFormatError);
    expect(channel.counts().commands).toBe(0);
    expect(virtual.pinTries('assist')?.remaining).toBe(3);
  });

  it('takes the full-width digits an IME types, as the 4 ASCII digits the card compares', async () => {
    await assist.verifyPin('１２３４');
    expect((await assist.readBasicInfo()).name).toBe(DEFAULT_HOLDER.name);
  });

  it('locks after three wrong PINs: 63C0 on the third, 6984 after, and the status says locked', async () => {
    await expect(assist.verifyPin('0000')).rejects.toThrow(WrongPinError);
    await expect(assist.verifyPin('0000')).rejects.toThrow(WrongPinError);
    await expect(assist.verifyPin('0000')).rejects.toThrow(PinLockedError);
    await expect(assist.verifyPin('1234')).rejects.toThrow(PinLockedError);
    expect(virtual.log.at(-1)?.sw).toBe(0x6984);
    expect(await assist.pinStatus()).toMatchObject({ remaining: 0, locked: true });
    expect(virtual.pinTries('auth')?.remaining).toBe(3);
  });

  it('forgets the verified assist PIN at power-off, like the JPKI PINs', async () => {
    await assist.verifyPin('1234');
    expect(virtual.verifiedPins).toContain('assist');
    virtual.powerOff();
    virtual.powerOn();
    expect(virtual.verifiedPins).toEqual([]);
    await expect(new AssistCard(virtual).readBasicInfo()).rejects.toThrow(SecurityStatusError);
  });

  it('reads the 共通カードAP record in 2 APDUs: a 15-digit serial, its 13-character manufacture number, the card\'s expiry', async () => {
    const record = await common.readRecord();
    expect(channel.counts().commands).toBe(2);
    expect(sent(virtual)).toEqual(['00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00', '00 B2 01 0C 00']);
    expect(record.serial).toMatch(/^40[0-9]{13}$/);
    expect(record.manufactureNumber).toBe(record.serial.slice(2));
    expect(record.municipalityCode).toBe('13101');
    expect(record.cardExpiry).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    channel.resetCounts();
    expect(await common.manufactureNumber()).toBe(record.manufactureNumber);
    expect(channel.counts().commands).toBe(1);
  });
});

describe('one channel shared by the three clients', () => {
  it('the portal\'s mode 04: assist PIN, 基本4情報, then the record: 7 APDUs, and a combination_code', async () => {
    const { assist, common, channel } = await cardWith({ cardSerial: '400000012719843' });
    await assist.verifyPin('1234');
    const info = await assist.readBasicInfo();
    const number = await common.manufactureNumber();
    expect(channel.counts().commands).toBe(7);
    expect(info.sex).toBe('male');
    expect(await combinationCode(number, fromHex('00112233445566778899aabbccddeeff'), crypto.subtle)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the portal\'s mode 01: auth PIN, raw signature, certificate, record; the JPKI AP is selected again after the 共通カードAP', async () => {
    const { virtual, jpki, common, channel } = await cardWith();
    await jpki.verifyPin('auth', '1234');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('nonce')));
    const signature = await jpki.signRaw('auth', concat(SHA256_PREFIX, digest));
    const certificate = await jpki.readCertificate('auth');
    await common.manufactureNumber();
    // Back to JPKI after the common AP: the channel knows the JPKI AP is no longer current.
    virtual.clearLog();
    expect((await jpki.readCertificate('auth')).length).toBe(certificate.length);
    expect(sent(virtual)[0]).toBe('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(parseCertificate(certificate).spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), new TextEncoder().encode('nonce'))).toBe(true);
    expect(channel.counts().commands).toBeGreaterThan(0);
  });
});

describe('raw signing with either JPKI key', () => {
  it('gives the very signature sign() gives for the same DigestInfo (PKCS#1 v1.5 is deterministic), in 2 APDUs after the PIN', async () => {
    const { jpki } = await cardWith();
    await jpki.verifyPin('sign', 'ABC123');
    const digest = new Uint8Array(32).fill(7);
    jpki.resetApduCounts();
    const raw = await jpki.signRaw('sign', concat(SHA256_PREFIX, digest));
    expect(jpki.apduCounts().commands).toBe(2);
    expect(hex(raw)).toBe(hex(await jpki.sign('sign', 'SHA-256', digest)));
  });

  it.each([1, 32, 245])('signs %i bytes as given', async (length) => {
    const { jpki } = await cardWith();
    await jpki.verifyPin('auth', '1234');
    expect((await jpki.signRaw('auth', new Uint8Array(length).fill(1))).length).toBe(256);
  });

  it.each([0, 246, 300])('refuses %i bytes without sending anything', async (length) => {
    const { jpki, channel } = await cardWith();
    await expect(jpki.signRaw('auth', new Uint8Array(length))).rejects.toThrow(CardInputError);
    expect(channel.counts().commands).toBe(0);
  });

  it('refuses before the key\'s PIN is verified (6982)', async () => {
    const { jpki } = await cardWith();
    await expect(jpki.signRaw('sign', new Uint8Array(51))).rejects.toThrow(SecurityStatusError);
  });

  it('finds no signing key on a card under 15', async () => {
    const { jpki } = await cardWith(namedCardProfile('under-15', TODAY));
    await expect(jpki.signRaw('sign', new Uint8Array(51))).rejects.toThrow(FileNotFoundError);
  });
});

describe.each(CARD_PROFILE_NAMES)('the named profile %s', (name) => {
  it('holds the signing certificate\'s holder in its 券面事項入力補助AP, and its card expiry in the 共通カードAP record', async () => {
    const profile = namedCardProfile(name, TODAY);
    const { virtual, assist, common, jpki } = await cardWith(profile);
    await assist.verifyPin('1234');
    const info = await assist.readBasicInfo();
    const holder = { ...DEFAULT_HOLDER, ...profile.holder };
    expect(info).toMatchObject({ name: holder.name, address: holder.address, birthDate: holder.birthDate, sex: holder.sex });
    if (virtual.certificates.sign !== undefined) {
      await jpki.verifyPin('sign', 'ABC123');
      const signHolder = parseCertificate(await jpki.readCertificate('sign')).holder;
      expect(signHolder).toMatchObject({ name: info.name, address: info.address, birthDate: info.birthDate, sex: info.sex });
    }
    const record = await common.readRecord();
    expect(record.manufactureNumber).toHaveLength(13);
    expect(record.cardExpiry).toBe(cardExpiry({ birthDate: holder.birthDate, issueDate: profile.issueDate! }).date);
  });
});
