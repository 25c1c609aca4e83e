/**
 * createVirtualCard(profile): a VirtualJpkiCard with the profile's holder, PINs and
 * tries, its keys taken from the committed test keys and its certificates issued by the
 * test CA. Nothing is generated at run time, so a card takes milliseconds. The
 * 券面事項入力補助AP holds the same holder as the signing certificate (a card under 15
 * has the AP without the certificate); the 共通カードAP holds the card's serial.
 */
import { commonApFiles, textApFiles } from './app-files';
import { myNumberCardAtr } from './atr';
import { jpkiFiles, type JpkiCertificates } from './files';
import { cardSerialFor, holderOtherNames, opaqueSubjectCn, serialFor } from './holder-fields';
import { loadTestKey } from './keys';
import { PinCounter } from './pin-counter';
import { PIN_MAX_TRIES, resolveProfile, type ResolvedProfile, type VirtualCardProfile } from './profile';
import { createTestCa } from './test-ca';
import type { TestKeySlot } from './test-keys';
import { VirtualJpkiCard } from './virtual-jpki-card';

const KEY_SLOTS: Readonly<Record<0 | 1 | 2, { auth: TestKeySlot; sign: TestKeySlot }>> = Object.freeze({
  0: { auth: 'card0Auth', sign: 'card0Sign' },
  1: { auth: 'card1Auth', sign: 'card1Sign' },
  2: { auth: 'card2Auth', sign: 'card2Sign' },
});

/** The same profile gives byte-identical certificates: every identifier derives from it. */
function seedOf(p: ResolvedProfile, kind: 'auth' | 'sign'): string {
  return [kind, p.keySet, p.issueDate, p.holder.birthDate, p.holder.name, p.validity[kind].notAfter.toISOString()].join('|');
}

export async function createVirtualCard(profile: VirtualCardProfile = {}): Promise<VirtualJpkiCard> {
  const p = resolveProfile(profile);
  const slots = KEY_SLOTS[p.keySet];
  const [ca, authKey, signKey] = await Promise.all([createTestCa(), loadTestKey(slots.auth), loadTestKey(slots.sign)]);
  const auth = await ca.issueAuthCertificate({
    subjectSpki: authKey.spki,
    subjectCn: await opaqueSubjectCn(seedOf(p, 'auth')),
    serial: await serialFor(seedOf(p, 'auth')),
    ...p.validity.auth,
  });
  const sign = p.signCertificate
    ? await ca.issueSignCertificate({
      subjectSpki: signKey.spki,
      subjectCn: await opaqueSubjectCn(seedOf(p, 'sign')),
      serial: await serialFor(seedOf(p, 'sign')),
      locality: p.holder.locality,
      otherNames: holderOtherNames(p.holder),
      ...p.validity.sign,
    })
    : undefined;
  const certificates: JpkiCertificates = { auth, authCa: ca.authCaCertificate, sign, signCa: ca.signCaCertificate };
  const encode = (pin: string): Uint8Array => new TextEncoder().encode(pin);
  const card = new VirtualJpkiCard({
    atr: myNumberCardAtr(),
    files: {
      jpki: jpkiFiles(certificates, `VIRTUAL${p.keySet}`),
      text: textApFiles(p.holder),
      common: commonApFiles({
        serial: p.cardSerial ?? await cardSerialFor(seedOf(p, 'auth')),
        municipalityCode: p.municipalityCode,
        cardExpiry: p.cardExpiry,
      }),
    },
    pins: {
      auth: new PinCounter(encode(p.pins.auth), PIN_MAX_TRIES.auth, p.tries.auth),
      ...(sign ? { sign: new PinCounter(encode(p.pins.sign), PIN_MAX_TRIES.sign, p.tries.sign) } : {}),
      assist: new PinCounter(encode(p.pins.assist), PIN_MAX_TRIES.assist, p.tries.assist),
    },
    keys: { auth: authKey.rsa, ...(sign ? { sign: signKey.rsa } : {}) },
  }, certificates, p.quirks);
  // Returned powered, like a card in a connected reader; a reader may power-cycle it.
  card.powerOn();
  return card;
}
