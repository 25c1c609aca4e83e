/**
 * RSASSA-PKCS1-v1_5 verification over a hash that is already computed (RFC 8017 §8.2.2).
 * WebCrypto's verify always hashes the message itself and has no raw RSA operation, so
 * a signature over a hash a site computed elsewhere (the card signs DigestInfo the host
 * built, jpki-protocol §3.5) is checked here with BigInt: s^e mod n must equal
 * EMSA-PKCS1-v1_5(DigestInfo) byte for byte, which also refuses any other padding.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { concat, fromHex } from '../bytes';
import { DIGEST_INFO_PREFIX, DIGEST_LENGTH, OID, type HashName } from '../card/index';
import { CertificateMalformedError, VerifyArgumentError } from './errors';

export interface RsaPublicKey {
  readonly n: bigint;
  readonly e: bigint;
  /** k in RFC 8017: the modulus length in bytes, which is also the signature's. */
  readonly length: number;
}

/** JPKI keys are RSA-2048 (jpki-protocol §5); the upper bound caps the work a hostile certificate can ask for. */
const MIN_MODULUS_BITS = 2048;
const MAX_MODULUS_BITS = 8192;
/** e is 65537 on every JPKI key; a huge exponent would only make verification slow. */
const MAX_EXPONENT_BITS = 64;
/** RFC 8017 §9.2 step 3: at least eight FF octets of padding. */
const MIN_PADDING = 8;

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

function toBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if ((e & 1n) === 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** The RSA key of a DER SubjectPublicKeyInfo; anything else is CertificateMalformedError. */
export function rsaPublicKey(spki: Uint8Array): RsaPublicKey {
  let info: pkijs.PublicKeyInfo;
  let key: pkijs.RSAPublicKey;
  try {
    info = pkijs.PublicKeyInfo.fromBER(spki.slice());
    if (info.algorithm.algorithmId !== OID.rsaEncryption) throw new CertificateMalformedError(`the key is not RSA (${info.algorithm.algorithmId})`);
    key = pkijs.RSAPublicKey.fromBER(info.subjectPublicKey.valueBlock.valueHexView.slice());
  } catch (e) {
    if (e instanceof CertificateMalformedError) throw e;
    throw new CertificateMalformedError('the certificate\'s public key is not a readable RSA key', {}, { cause: e });
  }
  return checkedKey(key.modulus, key.publicExponent);
}

function checkedKey(modulus: asn1js.Integer, exponent: asn1js.Integer): RsaPublicKey {
  const n = toBigInt(modulus.valueBlock.valueHexView);
  const e = toBigInt(exponent.valueBlock.valueHexView);
  const bits = n.toString(2).length;
  if (n <= 0n || bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
    throw new CertificateMalformedError(`RSA modulus of ${bits} bits is outside ${MIN_MODULUS_BITS}..${MAX_MODULUS_BITS}`, { bits });
  }
  if (e < 3n || e % 2n === 0n || e.toString(2).length > MAX_EXPONENT_BITS) throw new CertificateMalformedError('RSA public exponent is not a small odd number');
  return { n, e, length: Math.ceil(bits / 8) };
}

/** DER DigestInfo (RFC 8017 §9.2 note 1) for `hash`, after checking its length. */
export function digestInfo(hashFunction: HashName, hash: Uint8Array): Uint8Array {
  const prefix = Object.hasOwn(DIGEST_INFO_PREFIX, hashFunction) ? DIGEST_INFO_PREFIX[hashFunction] : undefined;
  if (prefix === undefined) throw new VerifyArgumentError(`unsupported hash function ${String(hashFunction)}`);
  if (!(hash instanceof Uint8Array) || hash.length !== DIGEST_LENGTH[hashFunction]) {
    throw new VerifyArgumentError(`a ${hashFunction} hash is ${DIGEST_LENGTH[hashFunction]} bytes`, { hashFunction });
  }
  return concat(fromHex(prefix), hash);
}

/** True when `signature` is the PKCS#1 v1.5 signature of `info` under `key`. */
export function pkcs1v15Matches(key: RsaPublicKey, info: Uint8Array, signature: Uint8Array): boolean {
  const padding = key.length - info.length - 3;
  if (padding < MIN_PADDING || signature.length !== key.length) return false;
  const s = toBigInt(signature);
  if (s >= key.n) return false;
  const expected = concat(Uint8Array.of(0x00, 0x01), new Uint8Array(padding).fill(0xff), Uint8Array.of(0x00), info);
  const got = toBytes(modPow(s, key.e, key.n), key.length);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ got[i]!;
  return diff === 0;
}
