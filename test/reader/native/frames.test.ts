import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES, type FrameResult } from '../../../src/reader/native/index';

/** A frame built by hand (STYLE §18): little-endian length, as on every machine Chrome runs on here. */
function frame(body: string | Uint8Array): Uint8Array {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  out.set(bytes, 4);
  return out;
}

const join = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const values = (rs: FrameResult[]): unknown[] => rs.map((r) => (r.kind === 'message' ? r.value : r.code));

describe('native-messaging framing', () => {
  it('writes a 32-bit native-endian length, then the UTF-8 JSON', () => {
    expect(Array.from(encodeFrame({ id: 1, type: 'hello' })!)).toEqual(Array.from(frame('{"id":1,"type":"hello"}')));
    // UTF-8 bytes, not characters: 13 ASCII bytes + 4 katakana of 3 bytes each.
    expect(Array.from(encodeFrame({ reader: 'リーダー' })!.subarray(0, 4))).toEqual([25, 0, 0, 0]);
  });

  it('refuses to write a message over 1 MB (Chrome would drop it and close the port)', () => {
    expect(encodeFrame({ response: 'a'.repeat(MAX_FRAME_BYTES) })).toBeUndefined();
  });

  it('reads a frame split at every possible byte, and several frames in one chunk', () => {
    const bytes = join(frame('{"id":1}'), frame('{"id":2,"type":"list"}'), frame('[3]'));
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new FrameDecoder();
      expect(values([...d.push(bytes.subarray(0, cut)), ...d.push(bytes.subarray(cut))])).toEqual([{ id: 1 }, { id: 2, type: 'list' }, [3]]);
      expect(d.pending).toBe(0);
    }
  });

  it('reads any sequence of frames under any split (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (msgs, cuts) => {
        const bytes = join(...msgs.map((m) => encodeFrame(m)!));
        const d = new FrameDecoder();
        const got: unknown[] = [];
        let at = 0;
        for (const c of [...cuts.map((x) => x % (bytes.length + 1))].sort((a, b) => a - b)) {
          got.push(...values(d.push(bytes.subarray(at, Math.max(at, c)))));
          at = Math.max(at, c);
        }
        got.push(...values(d.push(bytes.subarray(at))));
        expect(got).toEqual(msgs.map((m) => JSON.parse(JSON.stringify(m))));
      }),
    );
  });

  it('answers an oversized frame with too-large, skips exactly its bytes and reads the next one', () => {
    const d = new FrameDecoder(16);
    const big = frame('"' + 'x'.repeat(30) + '"');
    const rs = [...d.push(big.subarray(0, 10)), ...d.push(join(big.subarray(10), frame('{"id":9}')))];
    expect(values(rs)).toEqual(['too-large', { id: 9 }]);
  });

  it('does not buffer a frame that claims 4 GB: it only counts the bytes it throws away', () => {
    const d = new FrameDecoder();
    const head = new Uint8Array([0xff, 0xff, 0xff, 0xff]);
    expect(values(d.push(head))).toEqual(['too-large']);
    expect(values(d.push(new Uint8Array(1 << 20)))).toEqual([]);
    expect(d.pending).toBe(0);
  });

  it.each([
    ['not JSON', frame('{"id":1,'), 'bad-request'],
    ['not UTF-8', frame(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 'bad-request'],
    ['empty', frame(''), 'bad-request'],
  ])('reports a %s frame as bad-request and keeps reading', (_what, bad, code) => {
    const d = new FrameDecoder();
    expect(values(d.push(join(bad, frame('{"id":2}'))))).toEqual([code, { id: 2 }]);
  });

  it('reads a 512 KiB frame dribbled in 1-byte chunks in linear time', () => {
    const bytes = encodeFrame({ apdu: 'a'.repeat(512 * 1024) })!;
    const d = new FrameDecoder();
    const t0 = performance.now();
    let got: FrameResult[] = [];
    for (let i = 0; i < bytes.length; i++) got = got.concat(d.push(bytes.subarray(i, i + 1)));
    expect(got).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
