/**
 * The one DER header reader (X.690 §8.1.2-§8.1.3, DER rules §10.1): tag, length, and
 * where the content ends. The card's EFs are padded past the DER object (jpki-protocol
 * §2), so the object's size must come from this header, never from the file.
 */
import { DerFormatError } from './errors';

export interface DerHeader {
  /** The identifier octets' first byte (class, constructed bit, tag number < 31). */
  readonly tag: number;
  /** Bytes of identifier plus length octets. */
  readonly headerLength: number;
  readonly contentLength: number;
  /** headerLength + contentLength: the whole object. */
  readonly totalLength: number;
}

/** Length octets we accept after the 8x byte: four allow up to 4 GiB, far beyond any EF. */
const MAX_LENGTH_OCTETS = 4;

/**
 * Reads the header at `bytes[0]`. `maxTotal` bounds the whole object (a caller reading
 * from a card passes the largest EF it will read). Throws DerFormatError for a
 * truncated header, a multi-byte tag, indefinite length (80, not DER), a non-minimal
 * length (81 7F, 82 00 xx) or a length over `maxTotal`.
 */
export function readDerHeader(bytes: Uint8Array, maxTotal = Number.MAX_SAFE_INTEGER): DerHeader {
  if (bytes.length < 2) throw new DerFormatError(`DER header truncated: ${bytes.length} bytes`);
  const tag = bytes[0]!;
  // High-tag-number form (low five bits 11111): no certificate field needs it.
  if ((tag & 0x1f) === 0x1f) throw new DerFormatError(`multi-byte DER tag ${tag.toString(16)} is not supported`);
  const first = bytes[1]!;
  let headerLength = 2;
  let contentLength: number;
  if (first < 0x80) {
    contentLength = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new DerFormatError('indefinite DER length (80) is not DER');
    if (count > MAX_LENGTH_OCTETS) throw new DerFormatError(`DER length of ${count} octets is too long`);
    if (bytes.length < 2 + count) throw new DerFormatError(`DER length truncated: needs ${count} octets`);
    if (bytes[2] === 0) throw new DerFormatError('DER length has a leading zero octet');
    contentLength = 0;
    for (let i = 0; i < count; i++) contentLength = contentLength * 256 + bytes[2 + i]!;
    // X.690 §10.1: the short form must be used when the length fits in it.
    if (contentLength < 0x80) throw new DerFormatError(`DER length ${contentLength} should use the short form`);
    headerLength += count;
  }
  const totalLength = headerLength + contentLength;
  if (totalLength > maxTotal) throw new DerFormatError(`DER object of ${totalLength} bytes exceeds ${maxTotal}`);
  return { tag, headerLength, contentLength, totalLength };
}
