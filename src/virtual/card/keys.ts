/**
 * The committed test keys (test-keys.ts), imported once per slot and cached, so making
 * a virtual card costs no key generation and no repeated import. WebCrypto only
 * (globalThis.crypto), so this runs in Node and in the extension's service worker.
 */
import { rsaKeyFromJwk, type RsaPrivateKey } from './rsa';
import { TEST_KEYS_PKCS8, type TestKeySlot } from './test-keys';

export interface TestKeyPair {
  readonly slot: TestKeySlot;
  /** RSASSA-PKCS1-v1_5 / SHA-256, for pkijs to sign certificates with. */
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Uint8Array;
  /** The numbers the card's own private operation uses (rsa.ts). */
  readonly rsa: RsaPrivateKey;
}

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const cache = new Map<TestKeySlot, Promise<TestKeyPair>>();

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function importSlot(slot: TestKeySlot): Promise<TestKeyPair> {
  const subtle = globalThis.crypto.subtle;
  const pkcs8 = base64ToBytes(TEST_KEYS_PKCS8[slot]);
  const privateKey = await subtle.importKey('pkcs8', pkcs8, ALGORITHM, true, ['sign']);
  const jwk = await subtle.exportKey('jwk', privateKey);
  const publicJwk: JsonWebKey = { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true };
  const publicKey = await subtle.importKey('jwk', publicJwk, ALGORITHM, true, ['verify']);
  const spki = new Uint8Array(await subtle.exportKey('spki', publicKey));
  return { slot, privateKey, publicKey, spki, rsa: rsaKeyFromJwk(jwk) };
}

export function loadTestKey(slot: TestKeySlot): Promise<TestKeyPair> {
  let pending = cache.get(slot);
  if (pending === undefined) {
    pending = importSlot(slot).catch((e: unknown) => {
      cache.delete(slot);
      throw e;
    });
    cache.set(slot, pending);
  }
  return pending;
}
