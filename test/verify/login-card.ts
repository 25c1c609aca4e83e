/**
 * Test helper: a Web eID login token made the way the extension makes one, by a virtual
 * My Number Card's authentication key through JpkiCard (no shortcut around the card).
 */
import { JpkiCard } from '../../src/card/index';
import { authTokenSignedValue, encodeBase64 } from '../../src/verify/index';
import { createTestCa, createVirtualCard, type VirtualCardProfile } from '../../src/virtual/index';

export const ORIGIN = 'https://login.example.go.jp';
/** 32 random bytes in base64: the 44-character nonce Web eID expects of a server. */
export const NONCE = 'q1w2e3r4t5y6u7i8o9p0ASDFGHJKLzxcvbnmQWERTYU=';
/** Inside the default card's terms (issued 2025-10-27, auth valid to 2030-02-17). */
export const NOW = new Date('2026-06-01T03:00:00Z');
export const APP_VERSION = 'https://github.com/example/mynumber-card-bridge/releases/v0.1.0';

export interface TokenFields {
  unverifiedCertificate: string;
  algorithm: string;
  signature: string;
  format: string;
  appVersion: string;
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
}

export async function authAnchors(): Promise<Uint8Array[]> {
  return [(await createTestCa()).authCaCertificate];
}

export async function signCaAnchors(): Promise<Uint8Array[]> {
  return [(await createTestCa()).signCaCertificate];
}

/** A token signed by a virtual card for `origin` and `nonce`. */
export async function loginToken(origin = ORIGIN, nonce = NONCE, profile?: VirtualCardProfile): Promise<{ token: TokenFields; certificate: Uint8Array }> {
  const jpki = new JpkiCard(await createVirtualCard(profile));
  const certificate = await jpki.readCertificate('auth');
  await jpki.verifyPin('auth', '1234');
  const signature = await jpki.sign('auth', 'SHA-256', await sha256(await authTokenSignedValue(origin, nonce)));
  return {
    token: { unverifiedCertificate: encodeBase64(certificate), algorithm: 'RS256', signature: encodeBase64(signature), format: 'web-eid:1.0', appVersion: APP_VERSION },
    certificate,
  };
}
