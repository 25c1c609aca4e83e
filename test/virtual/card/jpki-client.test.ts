/**
 * The project's own JPKI client (src/card, issue 3 §2) against the virtual card: the
 * contract works end to end, and the APDU cost of each operation is what a user waits for.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { toArrayBuffer } from '../../../src/bytes';
import { JpkiCard, parseCertificate, PinLockedError, SecurityStatusError, WrongPinError } from '../../../src/card/index';
import { createVirtualCard, type VirtualJpkiCard } from '../../../src/virtual/index';

let card: VirtualJpkiCard;
let client: JpkiCard;
beforeEach(async () => {
  card = await createVirtualCard();
  client = new JpkiCard(card);
  card.clearLog();
});

async function cost<T>(run: () => Promise<T>): Promise<number> {
  const before = card.apduCount;
  await run();
  return card.apduCount - before;
}

describe('JpkiCard on the virtual card', () => {
  it('selects the AP and reads the label JPKIAPICCTOKEN2', async () => {
    await client.select();
    expect(await client.tokenLabel()).toBe('JPKIAPICCTOKEN2');
  });

  it('reads every free certificate byte-identical to what the card holds, within ceil(length/256) + 3 APDUs', async () => {
    for (const [which, der] of [['auth', card.certificates.auth], ['auth-ca', card.certificates.authCa], ['sign-ca', card.certificates.signCa]] as const) {
      client.forgetSelection();
      let read = new Uint8Array(0);
      const n = await cost(async () => {
        read = await client.readCertificate(which);
      });
      expect(read).toEqual(der);
      expect(n).toBeLessThanOrEqual(Math.ceil(der.length / 256) + 3);
    }
  });

  it('is refused the signing certificate before the password, then reads it after', async () => {
    await expect(client.readCertificate('sign')).rejects.toBeInstanceOf(SecurityStatusError);
    await client.verifyPin('sign', 'abc123'); // the rules core upper-cases the password
    expect(await client.readCertificate('sign')).toEqual(card.certificates.sign);
  });

  it('reports tries in at most 2 APDUs, counts a wrong PIN down and locks on the last', async () => {
    expect(await cost(() => client.pinStatus('auth'))).toBeLessThanOrEqual(2);
    expect(await client.pinStatus('auth')).toMatchObject({ remaining: 3, max: 3, locked: false });
    await expect(client.verifyPin('auth', '0000')).rejects.toMatchObject({ constructor: WrongPinError, remaining: 2 });
    await expect(client.verifyPin('auth', '0000')).rejects.toBeInstanceOf(WrongPinError);
    await expect(client.verifyPin('auth', '0000')).rejects.toBeInstanceOf(PinLockedError);
    await expect(client.verifyPin('auth', '1234')).rejects.toBeInstanceOf(PinLockedError);
    expect(await client.pinStatus('auth')).toMatchObject({ remaining: 0, locked: true });
  });

  it('signs with each key after its PIN; the signature verifies against the certificate', async () => {
    const message = new TextEncoder().encode('e-Tax 申告書');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', message));
    await expect(client.sign('auth', 'SHA-256', digest)).rejects.toBeInstanceOf(SecurityStatusError);
    for (const [key, pin, der] of [['auth', '1234', card.certificates.auth], ['sign', 'ABC123', card.certificates.sign!]] as const) {
      await client.verifyPin(key, pin);
      const signature = await client.sign(key, 'SHA-256', digest);
      const publicKey = await crypto.subtle.importKey('spki', toArrayBuffer(parseCertificate(der).spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
      expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, toArrayBuffer(signature), toArrayBuffer(message))).toBe(true);
    }
  });

  it('loses the verified PIN when the card is powered off', async () => {
    await client.verifyPin('auth', '1234');
    card.powerOff();
    card.powerOn();
    client.forgetSelection();
    await expect(client.sign('auth', 'SHA-256', new Uint8Array(32))).rejects.toBeInstanceOf(SecurityStatusError);
  });
});
