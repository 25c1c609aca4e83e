/**
 * The JpkiCard contract against the virtual My Number Card (src/virtual): every error
 * path the issue lists, and real RSA signatures checked with WebCrypto against the
 * public key of the certificate the card holds.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fromHex, hex, toArrayBuffer } from '../../src/bytes';
import {
  FileNotFoundError,
  JpkiCard,
  NotJpkiCardError,
  PinFormatError,
  PinLockedError,
  SecurityStatusError,
  WrongPinError,
  parseCertificate,
} from '../../src/card/index';
import type { HashName } from '../../src/card/index';
import { createVirtualCard } from '../../src/virtual/index';
import type { VirtualCardProfile, VirtualJpkiCard } from '../../src/virtual/index';

async function poweredCard(profile?: VirtualCardProfile): Promise<{ virtual: VirtualJpkiCard; jpki: JpkiCard }> {
  const virtual = await createVirtualCard(profile);
  virtual.powerOn();
  return { virtual, jpki: new JpkiCard(virtual) };
}

async function rsaVerify(spki: Uint8Array, hash: HashName, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  const key = await crypto.subtle.importKey('spki', toArrayBuffer(spki), { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
  return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), toArrayBuffer(message));
}

async function digestOf(hash: HashName, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(message)));
}

const message = new TextEncoder().encode('login nonce for https://example.go.jp');

describe('a healthy card', () => {
  let virtual: VirtualJpkiCard;
  let jpki: JpkiCard;
  beforeEach(async () => ({ virtual, jpki } = await poweredCard()));

  it('is recognised as a physical My Number Card by its label', async () => {
    await jpki.select();
    expect(await jpki.tokenLabel()).toBe('JPKIAPICCTOKEN2');
    expect(await jpki.tokenKind()).toBe('card');
  });

  it.each([
    ['auth', 'auth'],
    ['auth-ca', 'authCa'],
    ['sign-ca', 'signCa'],
  ] as const)('reads the %s certificate byte-identical to what the card holds, without its FF padding', async (which, field) => {
    const got = await jpki.readCertificate(which);
    expect(hex(got)).toBe(hex(virtual.certificates[field]));
  });

  it('reads a certificate\'s serial from the head of its EF in one APDU (short EF identifier), the same serial the whole certificate carries', async () => {
    await jpki.select();
    jpki.resetApduCounts();
    const serial = await jpki.certificateSerial('auth');
    expect(jpki.apduCounts().commands).toBe(1);
    expect(serial).toBe(parseCertificate(virtual.certificates.auth).serialNumber);
    await expect(jpki.certificateSerial('sign')).rejects.toThrow(SecurityStatusError);
  });

  it('pads each certificate EF with FF, and answers 6B00 past the end of the EF', async () => {
    const der = virtual.certificates.auth;
    await jpki.readCertificate('auth'); // leaves EF 000A current
    const at = der.length;
    const padding = await virtual.transmit(fromHex(`00 B0 ${hex(Uint8Array.of(at >> 8, at & 0xff))} 04`));
    expect(hex(padding)).toBe('FF FF FF FF 90 00');
    expect(hex(await virtual.transmit(fromHex('00 B0 7F 00 01')))).toBe('6B 00');
  });

  it('refuses the sign certificate before the sign password, and reads it after', async () => {
    await expect(jpki.readCertificate('sign')).rejects.toThrow(SecurityStatusError);
    await jpki.verifyPin('sign', 'abc123');
    expect(hex(await jpki.readCertificate('sign'))).toBe(hex(virtual.certificates.sign!));
  });

  it('says it has a signing certificate (EF 0008)', async () => {
    expect(await jpki.hasSignCertificate()).toBe(true);
  });

  it('gives certificates that parse: auth without holder data, sign with the holder from its SAN', async () => {
    const auth = parseCertificate(await jpki.readCertificate('auth'));
    expect(auth.kind).toBe('auth');
    expect(auth.holder).toBeUndefined();
    await jpki.verifyPin('sign', 'ABC123');
    const sign = parseCertificate(await jpki.readCertificate('sign'));
    expect(sign.kind).toBe('sign');
    expect(sign.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(sign.holder).toMatchObject({ name: '試験　太郎', birthDate: '1980-02-17', sex: 'male', address: '東京都千代田区試験町一丁目２番３号' });
    // The default card: issued 2025-10-27, born 17 February → 2030-02-17 (facts §5).
    expect(sign.notAfterDate).toBe('2030-02-17');
  });

  it.each(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const)('signs a %s digest with the auth key, verifiable against the auth certificate', async (hash) => {
    const cert = parseCertificate(await jpki.readCertificate('auth'));
    await jpki.verifyPin('auth', '1234');
    const signature = await jpki.sign('auth', hash, await digestOf(hash, message));
    expect(signature.length).toBe(256);
    expect(await rsaVerify(cert.spki, hash, signature, message)).toBe(true);
    expect(await rsaVerify(cert.spki, hash, signature, new TextEncoder().encode('another message'))).toBe(false);
  });

  it('signs with the sign key after the sign password, verifiable against the sign certificate', async () => {
    await jpki.verifyPin('sign', 'ABC123');
    const cert = parseCertificate(await jpki.readCertificate('sign'));
    const signature = await jpki.sign('sign', 'SHA-256', await digestOf('SHA-256', message));
    expect(await rsaVerify(cert.spki, 'SHA-256', signature, message)).toBe(true);
  });

  it('refuses to sign without the PIN, and one key’s PIN does not unlock the other', async () => {
    const digest = await digestOf('SHA-256', message);
    await expect(jpki.sign('auth', 'SHA-256', digest)).rejects.toThrow(SecurityStatusError);
    await jpki.verifyPin('auth', '1234');
    await expect(jpki.sign('sign', 'SHA-256', digest)).rejects.toThrow(SecurityStatusError);
  });

  it('refuses a malformed PIN without sending anything to the card', async () => {
    await jpki.select();
    const before = virtual.apduCount;
    await expect(jpki.verifyPin('auth', '12345')).rejects.toThrow(PinFormatError);
    await expect(jpki.verifyPin('sign', 'ABC-123')).rejects.toThrow(PinFormatError);
    expect(virtual.apduCount).toBe(before);
    expect(virtual.pinTries('auth')).toEqual({ remaining: 3, max: 3 });
  });

  it('counts down wrong auth PINs to the lock; once locked even the right PIN is refused', async () => {
    await expect(jpki.verifyPin('auth', '0000')).rejects.toMatchObject({ code: 'wrong-pin', remaining: 2 });
    expect(await jpki.pinStatus('auth')).toMatchObject({ remaining: 2, locked: false });
    await expect(jpki.verifyPin('auth', '0000')).rejects.toMatchObject({ code: 'wrong-pin', remaining: 1 });
    await expect(jpki.verifyPin('auth', '0000')).rejects.toThrow(PinLockedError); // 63C0
    await expect(jpki.verifyPin('auth', '1234')).rejects.toThrow(PinLockedError); // 6984
    expect(await jpki.pinStatus('auth')).toEqual({ remaining: 0, max: 3, locked: true, verified: false });
  });

  it('resets the counter on a correct PIN', async () => {
    await expect(jpki.verifyPin('sign', 'WRONG1')).rejects.toThrow(WrongPinError);
    expect((await jpki.pinStatus('sign')).remaining).toBe(4);
    await jpki.verifyPin('sign', 'ABC123');
    expect(await jpki.pinStatus('sign')).toMatchObject({ remaining: 5, max: 5, locked: false });
  });

  it('keeps counters across a power cycle, and the power cycle clears verification', async () => {
    await expect(jpki.verifyPin('auth', '9999')).rejects.toThrow(WrongPinError);
    await jpki.verifyPin('sign', 'ABC123');
    await jpki.verifyPin('auth', '1234');
    await expect(jpki.verifyPin('auth', '9999')).rejects.toThrow(WrongPinError);
    virtual.powerOff();
    virtual.powerOn();
    // No select() on purpose: the client must notice the card lost its selection.
    await expect(jpki.sign('auth', 'SHA-256', await digestOf('SHA-256', message))).rejects.toThrow(SecurityStatusError);
    await expect(jpki.readCertificate('sign')).rejects.toThrow(SecurityStatusError);
    expect((await jpki.pinStatus('auth')).remaining).toBe(2);
  });

  it('keeps verification across a warm reset (only power-off clears it, jpki-protocol §3.3)', async () => {
    await jpki.verifyPin('auth', '1234');
    virtual.reset();
    const signature = await jpki.sign('auth', 'SHA-256', await digestOf('SHA-256', message));
    expect(signature.length).toBe(256);
  });

  it('throws TypeError for a digest of the wrong length, with no APDU', async () => {
    const before = virtual.apduCount;
    await expect(jpki.sign('auth', 'SHA-256', new Uint8Array(20))).rejects.toThrow(TypeError);
    expect(virtual.apduCount).toBe(before);
  });
});

describe('unusual cards', () => {
  it('a card with no signing certificate (under 15): EF 0008 says so, the sign files are missing', async () => {
    const { jpki } = await poweredCard({ signCertificate: false });
    expect(await jpki.hasSignCertificate()).toBe(false);
    await expect(jpki.readCertificate('sign')).rejects.toThrow(FileNotFoundError);
    await expect(jpki.pinStatus('sign')).rejects.toThrow(FileNotFoundError);
    expect((await jpki.readCertificate('auth')).length).toBeGreaterThan(0);
  });

  it('a card issued with a locked auth PIN reports it without costing anything', async () => {
    const { jpki } = await poweredCard({ tries: { auth: 0 } });
    expect(await jpki.pinStatus('auth')).toMatchObject({ locked: true, remaining: 0 });
    await expect(jpki.verifyPin('auth', '1234')).rejects.toThrow(PinLockedError);
  });

  it('a card on its last sign try reports 1 remaining', async () => {
    const { jpki } = await poweredCard({ tries: { sign: 1 } });
    expect(await jpki.pinStatus('sign')).toEqual({ remaining: 1, max: 5, locked: false, verified: false });
  });

  it('a card without the JPKI application is reported as not a JPKI card', async () => {
    // A foreign card: it knows no application at all.
    const foreign = { transmit: async () => fromHex('6A 82') };
    await expect(new JpkiCard(foreign).select()).rejects.toThrow(NotJpkiCardError);
    await expect(new JpkiCard(foreign).readCertificate('auth')).rejects.toThrow(NotJpkiCardError);
  });
});
