/**
 * Every tunable in one frozen place, with its unit and the reason for its value
 * (STYLE §11). Imports nothing, so any layer may read it. Add keys to your layer's
 * section only; tests that need other values pass them as options instead.
 */
export const CONFIG = Object.freeze({
  card: Object.freeze({
    /** Largest READ BINARY chunk, bytes. Short APDUs with Le=00 read 256 (jpki-protocol §3.2). */
    readChunk: 256,
  }),
  reader: Object.freeze({}),
  extension: Object.freeze({}),
});
