/**
 * Byte helpers every layer shares. Imports nothing, so any layer may use it.
 * Look here before writing another hex or concat helper.
 */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

/** A 16-bit number as four upper-case hex digits: USB ids, file ids, status words. */
export function hex16(n: number): string {
  return (n & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** Parses hex with any spacing ("00 A4 04 0C" or "00a4040c"). Throws TypeError on odd or bad input: it is for our own literals. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new TypeError(`not hex: ${text}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy that owns a fresh ArrayBuffer (WebCrypto and WebUSB want plain buffers, not views into shared ones). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

/** Compact lower-case hex, as the portal's replies write bytes (portal-protocol §3.2, §3.4). */
export function lowerHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
