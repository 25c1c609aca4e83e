/**
 * The card's own RSA private operation (jpki-protocol §3.5): with P1=00 the card takes
 * the bytes it is given (a DigestInfo), applies PKCS#1 v1.5 type-1 padding and signs.
 * WebCrypto cannot sign pre-hashed data, so the modular exponentiation is done here
 * with BigInt and the CRT parameters of the key (RFC 8017 §5.1.2, §9.2).
 */

export interface RsaPrivateKey {
  readonly n: bigint;
  readonly e: bigint;
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
  readonly dp: bigint;
  readonly dq: bigint;
  readonly qi: bigint;
  /** Modulus length in bytes (256 for RSA-2048). */
  readonly size: number;
}

/** RFC 8017 §9.2 note 1: type-1 padding needs at least 8 FF bytes plus 00 01 and 00. */
const PADDING_OVERHEAD = 11;

function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function bigIntToBytes(v: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = v;
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function base64UrlToBytes(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The key's numbers from its JWK export (RFC 7518 §6.3: n, e, d, p, q, dp, dq, qi). */
export function rsaKeyFromJwk(jwk: JsonWebKey): RsaPrivateKey {
  const num = (field: string | undefined): bigint => bytesToBigInt(base64UrlToBytes(field ?? ''));
  const nBytes = base64UrlToBytes(jwk.n ?? '');
  return {
    n: bytesToBigInt(nBytes), e: num(jwk.e), d: num(jwk.d), p: num(jwk.p), q: num(jwk.q),
    dp: num(jwk.dp), dq: num(jwk.dq), qi: num(jwk.qi),
    size: nBytes[0] === 0 ? nBytes.length - 1 : nBytes.length,
  };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** Largest input type-1 padding accepts for this key: 245 bytes for RSA-2048. */
export function maxPaddedInput(key: RsaPrivateKey): number {
  return key.size - PADDING_OVERHEAD;
}

/** EM = 00 01 FF…FF 00 ‖ data (RFC 8017 §9.2 step 5). Caller checks the length. */
function pkcs1Type1Pad(data: Uint8Array, size: number): Uint8Array {
  const em = new Uint8Array(size).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[size - data.length - 1] = 0x00;
  em.set(data, size - data.length);
  return em;
}

/** RSASP1 with the CRT (RFC 8017 §5.1.2 2.b), over the type-1 padded data. */
export function signPkcs1Type1(key: RsaPrivateKey, data: Uint8Array): Uint8Array {
  if (data.length < 1 || data.length > maxPaddedInput(key)) {
    throw new TypeError(`PKCS#1 type-1 input must be 1..${maxPaddedInput(key)} bytes, not ${data.length}`);
  }
  const m = bytesToBigInt(pkcs1Type1Pad(data, key.size));
  const s1 = modPow(m, key.dp, key.p);
  const s2 = modPow(m, key.dq, key.q);
  let h = (key.qi * (s1 - s2)) % key.p;
  if (h < 0n) h += key.p;
  return bigIntToBytes(s2 + h * key.q, key.size);
}
