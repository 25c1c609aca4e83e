/**
 * COMPUTE DIGITAL SIGNATURE (jpki-protocol §3.5): the card pads PKCS#1 v1.5 type 1 over
 * the DigestInfo it is given and signs with the key of the selected EF (or 80|SFI).
 * The signatures are real: WebCrypto verifies them against the certificate's key.
 */
import * as pkijs from 'pkijs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { concat, fromHex, hex, toArrayBuffer } from '../../../src/bytes';
import { DIGEST_INFO_PREFIX, type HashName } from '../../../src/card/oids';
import { createVirtualCard, type VirtualJpkiCard } from '../../../src/virtual/index';
import { loadTestKey } from '../../../src/virtual/card/keys';
import { signPkcs1Type1 } from '../../../src/virtual/card/rsa';
import { selectEf, SELECT_JPKI, sws, tx, txBytes, verifyCommand } from './helpers';

const MESSAGE = new TextEncoder().encode('ログイン: https://example.jp nonce 0123456789abcdef');
const subtle = globalThis.crypto.subtle;

async function digestInfo(hash: HashName, message: Uint8Array): Promise<Uint8Array> {
  return concat(fromHex(DIGEST_INFO_PREFIX[hash]), new Uint8Array(await subtle.digest(hash, toArrayBuffer(message))));
}

function signCommand(p2: string, data: Uint8Array): string {
  return `80 2A 00 ${p2} ${hex(Uint8Array.of(data.length))} ${hex(data)} 00`;
}

async function certificateKey(der: Uint8Array, hash: HashName): Promise<CryptoKey> {
  const cert = pkijs.Certificate.fromBER(der.slice());
  const spki = cert.subjectPublicKeyInfo.toSchema().toBER(false);
  return subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
}

let card: VirtualJpkiCard;
beforeEach(async () => {
  card = await createVirtualCard();
});

describe('signing with the authentication key', () => {
  it('answers 256 bytes and 9000, and the signature verifies with WebCrypto over the original message', async () => {
    const data = await digestInfo('SHA-256', MESSAGE);
    await sws(card, SELECT_JPKI, selectEf('0018'), verifyCommand('1234'), selectEf('0017'));
    const r = await txBytes(card, signCommand('80', data));
    expect(r.length).toBe(258);
    expect(hex(r.subarray(256))).toBe('90 00');
    const key = await certificateKey(card.certificates.auth, 'SHA-256');
    expect(await subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(r.subarray(0, 256)), toArrayBuffer(MESSAGE))).toBe(true);
  });

  it.each(['SHA-1', 'SHA-384', 'SHA-512'] as const)('signs a %s DigestInfo that WebCrypto verifies (the card does not check the OID)', async (hash) => {
    await sws(card, SELECT_JPKI, '00 20 00 98 04 31 32 33 34');
    const r = await txBytes(card, signCommand('97', await digestInfo(hash, MESSAGE)));
    const key = await certificateKey(card.certificates.auth, hash);
    expect(await subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(r.subarray(0, 256)), toArrayBuffer(MESSAGE))).toBe(true);
  });

  it('gives byte-identical signatures by P2=80 after SELECT 0017 and by P2=97 (MC)', async () => {
    const data = await digestInfo('SHA-256', MESSAGE);
    await sws(card, SELECT_JPKI, selectEf('0018'), verifyCommand('1234'), selectEf('0017'));
    expect(await tx(card, signCommand('80', data))).toBe(await tx(card, signCommand('97', data)));
  });

  it('matches WebCrypto signing the same message with the same key, byte for byte', async () => {
    await sws(card, SELECT_JPKI, '00 20 00 98 04 31 32 33 34');
    const r = await txBytes(card, signCommand('97', await digestInfo('SHA-256', MESSAGE)));
    const own = new Uint8Array(await subtle.sign('RSASSA-PKCS1-v1_5', (await loadTestKey('card0Auth')).privateKey, toArrayBuffer(MESSAGE)));
    expect(r.subarray(0, 256)).toEqual(own);
  });

  it('signs several digests after one VERIFY (MYNA mpa)', async () => {
    await sws(card, SELECT_JPKI, '00 20 00 98 04 31 32 33 34');
    for (let i = 0; i < 3; i++) {
      expect((await tx(card, signCommand('97', await digestInfo('SHA-256', Uint8Array.of(i))))).slice(-5)).toBe('90 00');
    }
  });
});

describe('signing with the signing key', () => {
  it('signs after the signing password, verified against the signing certificate', async () => {
    await sws(card, SELECT_JPKI, selectEf('001B'), verifyCommand('ABC123'), selectEf('001A'));
    const r = await txBytes(card, signCommand('80', await digestInfo('SHA-256', MESSAGE)));
    const key = await certificateKey(card.certificates.sign!, 'SHA-256');
    expect(await subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(r.subarray(0, 256)), toArrayBuffer(MESSAGE))).toBe(true);
  });

  it('refuses with 6982 when only the authentication PIN is verified', async () => {
    await sws(card, SELECT_JPKI, '00 20 00 98 04 31 32 33 34');
    expect(await tx(card, signCommand('9A', await digestInfo('SHA-256', MESSAGE)))).toBe('69 82');
  });
});

describe('refusals', () => {
  const DATA = hex(fromHex(`${DIGEST_INFO_PREFIX['SHA-256']} ${'AB '.repeat(32)}`));
  it.each([
    ['no PIN verified', [SELECT_JPKI, selectEf('0017')], `80 2A 00 80 33 ${DATA} 00`, '69 82'],
    ['P1=01 (card-side SHA-256, not emulated)', [SELECT_JPKI, selectEf('0017')], `80 2A 01 80 33 ${DATA} 00`, '6A 86'],
    ['P1=02', [SELECT_JPKI, selectEf('0017')], `80 2A 02 80 33 ${DATA} 00`, '6A 86'],
    ['P2=00 (no default key in the JPKI AP)', [SELECT_JPKI, selectEf('0017')], `80 2A 00 00 33 ${DATA} 00`, '6A 86'],
    ['P2=80 with a PIN IEF selected', [SELECT_JPKI, selectEf('0018')], `80 2A 00 80 33 ${DATA} 00`, '6A 88'],
    ['P2=80 with nothing selected', [SELECT_JPKI], `80 2A 00 80 33 ${DATA} 00`, '69 86'],
    ['P2=98, a PIN rather than a key', [SELECT_JPKI], `80 2A 00 98 33 ${DATA} 00`, '6A 88'],
    ['CLA 00 instead of 80', [SELECT_JPKI, selectEf('0017')], `00 2A 00 80 33 ${DATA} 00`, '6E 00'],
  ])('%s answers %s', async (_n, setup, command, sw) => {
    for (const s of setup) expect(await tx(card, s)).toBe('90 00');
    expect(await tx(card, command)).toBe(sw);
  });

  it.each([
    ['no data', '80 2A 00 97 00'],
    ['246 bytes, one more than type-1 padding leaves room for', `80 2A 00 97 00 00 F6 ${'01 '.repeat(246)}01 00`],
    ['Le of 16 bytes for a 256-byte signature', `80 2A 00 97 33 ${DATA} 10`],
  ])('answers 6700 for %s', async (_n, command) => {
    await sws(card, SELECT_JPKI, '00 20 00 98 04 31 32 33 34');
    expect(await tx(card, command)).toBe('67 00');
  });

  it('signs the longest input, 245 bytes, with an extended Lc', async () => {
    await sws(card, SELECT_JPKI, '00 20 00 98 04 31 32 33 34');
    expect((await txBytes(card, `80 2A 00 97 00 00 F5 ${'01 '.repeat(245)}01 00`)).length).toBe(258);
  });
});

describe('the RSA private operation', () => {
  let key: Awaited<ReturnType<typeof loadTestKey>>;
  beforeAll(async () => {
    key = await loadTestKey('card1Sign');
  });

  it('pads 00 01 FF…FF 00 DigestInfo: raising the signature to e gives the padded block back', () => {
    const data = fromHex('30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13');
    const s = signPkcs1Type1(key.rsa, data);
    // RSAVP1 (RFC 8017 §5.2.2) written out here, apart from the card's code.
    let m = 1n;
    let base = BigInt(`0x${hex(s).replace(/ /g, '')}`) % key.rsa.n;
    for (let e = key.rsa.e; e > 0n; e >>= 1n) {
      if (e & 1n) m = (m * base) % key.rsa.n;
      base = (base * base) % key.rsa.n;
    }
    const em = hex(Uint8Array.from(m.toString(16).padStart(512, '0').match(/../g)!.map((x) => parseInt(x, 16))));
    expect(em).toBe(`00 01 ${'FF '.repeat(256 - 3 - data.length)}00 ${hex(data)}`);
  });
});
