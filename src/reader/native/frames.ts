/**
 * Chrome native-messaging framing, written once for both ends of the companion route
 * (issue 12, "wire contract"): a 32-bit length in the machine's own byte order, then
 * that many bytes of UTF-8 JSON (facts fallback-routes §2.2). The companion (native/)
 * reads requests with FrameDecoder and writes replies with encodeFrame; a test or any
 * other client of the host does the same. Pure: no Node or browser API, so the host
 * bundle and the extension share these very lines.
 */

/** Length prefix, bytes. */
export const FRAME_HEADER_BYTES = 4;
/**
 * Largest frame either side accepts, bytes: Chrome refuses host→browser messages over
 * 1 MB (facts §2.2), and no request of ours comes near it (the longest APDU is 64 KiB,
 * 128 KiB as hex), so the contract caps both directions alike.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Chrome uses the host's native order; every desktop it runs on is little-endian, but we ask rather than assume. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const encoder = new TextEncoder();
/** fatal: a frame that is not UTF-8 is refused as bad-request rather than read with U+FFFD in it. */
const decoder = new TextDecoder('utf-8', { fatal: true });

/** One JSON value as a frame; undefined when it would exceed `limit` (the caller answers too-large). */
export function encodeFrame(message: unknown, limit = MAX_FRAME_BYTES): Uint8Array | undefined {
  const body = encoder.encode(JSON.stringify(message));
  if (body.length > limit) return undefined;
  const frame = new Uint8Array(FRAME_HEADER_BYTES + body.length);
  new DataView(frame.buffer).setUint32(0, body.length, LITTLE_ENDIAN);
  frame.set(body, FRAME_HEADER_BYTES);
  return frame;
}

/** What one frame turned out to be. A bad frame is reported and skipped; the stream stays usable. */
export type FrameResult =
  | { readonly kind: 'message'; readonly value: unknown }
  | { readonly kind: 'bad-frame'; readonly code: 'bad-request' | 'too-large'; readonly message: string };

/**
 * Reassembles frames from chunks split anywhere (a pipe delivers what it has: half a
 * header, or several frames at once). An oversized frame is skipped by its declared
 * length without buffering it, so a 4 GB prefix cannot make the host hold 4 GB.
 * Linear in the bytes received: chunks are kept in a list and joined once per frame.
 */
export class FrameDecoder {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** Bytes of an oversized frame still to throw away. */
  private skipping = 0;
  /** Body length of the frame being read, once its header is in. */
  private expected: number | undefined;

  constructor(private readonly limit = MAX_FRAME_BYTES) {}

  push(chunk: Uint8Array): FrameResult[] {
    const out: FrameResult[] = [];
    let rest = chunk;
    if (this.skipping > 0) {
      const drop = Math.min(this.skipping, rest.length);
      this.skipping -= drop;
      rest = rest.subarray(drop);
    }
    if (rest.length > 0) {
      this.chunks.push(rest);
      this.buffered += rest.length;
    }
    for (;;) {
      if (this.skipping > 0) return out;
      if (this.expected === undefined) {
        if (this.buffered < FRAME_HEADER_BYTES) return out;
        const head = this.take(FRAME_HEADER_BYTES);
        const length = new DataView(head.buffer, head.byteOffset, FRAME_HEADER_BYTES).getUint32(0, LITTLE_ENDIAN);
        if (length > this.limit) {
          out.push({ kind: 'bad-frame', code: 'too-large', message: `frame of ${length} bytes exceeds ${this.limit}` });
          const drop = Math.min(length, this.buffered);
          this.take(drop);
          this.skipping = length - drop;
          continue;
        }
        this.expected = length;
      }
      // Joined only once the whole body is here, so a frame dribbled byte by byte costs linear time.
      if (this.buffered < this.expected) return out;
      const body = this.take(this.expected);
      this.expected = undefined;
      out.push(parseBody(body));
    }
  }

  /** Bytes held for an incomplete frame (tests check nothing lingers). */
  get pending(): number {
    return this.buffered;
  }

  /** Removes and returns the first `n` buffered bytes (n <= buffered). */
  private take(n: number): Uint8Array {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : joinChunks(this.chunks, this.buffered);
    const tail = joined.subarray(n);
    this.chunks = tail.length > 0 ? [tail] : [];
    this.buffered -= n;
    return joined.subarray(0, n);
  }
}

function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function parseBody(body: Uint8Array): FrameResult {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return { kind: 'bad-frame', code: 'bad-request', message: 'frame is not UTF-8' };
  }
  try {
    return { kind: 'message', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'bad-frame', code: 'bad-request', message: 'frame is not JSON' };
  }
}
