/**
 * EF 0006's label (the first 32 bytes of a CK_TOKEN_INFO, space/NUL padded) and what
 * kind of JPKI token it names (jpki-protocol §2 "Token label values"). The label, not
 * the ATR, is how a My Number Card is recognised (§7).
 */
import { CardResponseError } from './errors';
import { TOKEN_LABEL } from './jpki-constants';

/** card: a physical My Number Card; juki-card: the older 住基カード; android/iphone: smartphone JPKI. */
export type TokenKind = 'card' | 'juki-card' | 'android' | 'iphone' | 'unknown';

const PADDING = new Set([0x20, 0x00, 0xff]);

/** The label without its padding. Bytes outside printable ASCII are a broken answer. */
export function decodeTokenLabel(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && PADDING.has(bytes[end - 1]!)) end--;
  let label = '';
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b > 0x7e) throw new CardResponseError(`token label has a non-printable byte 0x${b.toString(16)} at ${i}`);
    label += String.fromCharCode(b);
  }
  return label.trim();
}

export function tokenKindOf(label: string): TokenKind {
  switch (label) {
    case TOKEN_LABEL.card:
      return 'card';
    case TOKEN_LABEL.jukiCard:
      return 'juki-card';
    case TOKEN_LABEL.android:
      return 'android';
    case TOKEN_LABEL.iphone:
      return 'iphone';
    default:
      return 'unknown';
  }
}

/** Smartphone tokens use the same AP, but the auth certificate needs the auth PIN first (§7). */
export function isSmartphoneToken(kind: TokenKind): boolean {
  return kind === 'android' || kind === 'iphone';
}
