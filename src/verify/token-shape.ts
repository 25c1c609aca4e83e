/**
 * Reads a Web eID authentication token (anchors §1.4) from whatever a site received,
 * before any cryptography: a JSON string or the parsed object, 100..10000 characters as
 * JSON (the Java validator's bounds, anchors §1.5), format `web-eid:1` or `web-eid:1.x`,
 * algorithm RS256 (the card signs PKCS#1 v1.5 with SHA-256, jpki-protocol §3.5). Every
 * refusal is a TokenMalformedError; fields added by later 1.x formats are ignored.
 */
import { decodeBase64 } from './base64';
import { TokenMalformedError } from './errors';

export interface AuthToken {
  readonly unverifiedCertificate: string;
  readonly algorithm: 'RS256';
  readonly signature: string;
  readonly format: string;
  readonly appVersion: string;
}

export interface DecodedToken {
  readonly certificate: Uint8Array<ArrayBuffer>;
  readonly signature: Uint8Array<ArrayBuffer>;
  readonly format: string;
  readonly appVersion: string;
}

export const TOKEN_MIN_LENGTH = 100;
export const TOKEN_MAX_LENGTH = 10_000;
const FORMAT = /^web-eid:1(?:\.[0-9A-Za-z.-]*)?$/;
const REQUIRED = ['unverifiedCertificate', 'algorithm', 'signature', 'format', 'appVersion'] as const;

/** The token as JSON text and as an object; JSON.stringify may throw on what JSON cannot hold (BigInt, cycles). */
function textAndValue(token: unknown): { text: string; value: unknown } {
  if (typeof token === 'string') {
    if (token.length < TOKEN_MIN_LENGTH || token.length > TOKEN_MAX_LENGTH) return { text: token, value: undefined };
    try {
      return { text: token, value: JSON.parse(token) as unknown };
    } catch (e) {
      throw new TokenMalformedError('the token is not JSON', {}, { cause: e });
    }
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(token);
  } catch (e) {
    throw new TokenMalformedError('the token cannot be written as JSON', {}, { cause: e });
  }
  return { text: text ?? '', value: token };
}

function fieldsOf(value: unknown): Record<(typeof REQUIRED)[number], string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TokenMalformedError('the token is not a JSON object');
  const record = value as Record<string, unknown>;
  const out: Partial<Record<(typeof REQUIRED)[number], string>> = {};
  for (const name of REQUIRED) {
    const field = Object.hasOwn(record, name) ? record[name] : undefined;
    if (typeof field !== 'string' || field.length === 0) throw new TokenMalformedError(`the token's ${name} is missing or not a string`, { field: name });
    out[name] = field;
  }
  return out as Record<(typeof REQUIRED)[number], string>;
}

export function decodeToken(token: unknown): DecodedToken {
  const { text, value } = textAndValue(token);
  if (text.length < TOKEN_MIN_LENGTH || text.length > TOKEN_MAX_LENGTH) {
    throw new TokenMalformedError(`the token is ${text.length} characters; ${TOKEN_MIN_LENGTH}..${TOKEN_MAX_LENGTH} are accepted`, { length: text.length });
  }
  const fields = fieldsOf(value);
  if (!FORMAT.test(fields.format)) throw new TokenMalformedError(`token format ${fields.format.slice(0, 40)} is not web-eid:1`, { field: 'format' });
  if (fields.algorithm !== 'RS256') throw new TokenMalformedError(`algorithm ${fields.algorithm.slice(0, 20)} is not RS256, the only one a My Number Card signs with`, { field: 'algorithm' });
  return {
    certificate: decodeBase64(fields.unverifiedCertificate, 'unverifiedCertificate'),
    signature: decodeBase64(fields.signature, 'signature'),
    format: fields.format,
    appVersion: fields.appVersion,
  };
}
