import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost, type HostLogLine } from '../../native/src/host';
import { codeForBindingError } from '../../native/src/pcsc-errors';
import { HOST_VERSION } from '../../native/src/version';
import { encodeFrame, FrameDecoder } from '../../src/reader/native/index';
import { FakePcsc } from './fake-pcsc';

const JPKI_SELECT = '00a4040c0ad392f000260100000001';

function rig(pcsc = new FakePcsc({ name: 'Reader A', present: true }, { name: 'Reader B', present: false })) {
  const out = new FrameDecoder();
  const got: unknown[] = [];
  const logs: HostLogLine[] = [];
  const host = createHost({
    backend: pcsc,
    version: HOST_VERSION,
    send: (f) => {
      for (const r of out.push(f)) got.push(r.kind === 'message' ? r.value : r);
    },
    log: (l) => logs.push(l),
  });
  const send = async (...msgs: unknown[]): Promise<unknown[]> => {
    const from = got.length;
    for (const m of msgs) host.receive(encodeFrame(m)!);
    await host.idle();
    return got.slice(from);
  };
  return { host, pcsc, got, logs, send };
}

describe('the companion answers the wire contract', () => {
  it('hello names its version and protocol 1', async () => {
    const { send } = rig();
    expect(await send({ id: 1, type: 'hello' })).toEqual([{ id: 1, version: HOST_VERSION, protocol: 1 }]);
  });

  it('keeps its version equal to native/package.json', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../native/package.json'), 'utf8')) as { version: string };
    expect(HOST_VERSION).toBe(pkg.version);
  });

  it('lists readers by name, with whether a card is in each', async () => {
    const { send } = rig();
    expect(await send({ id: 2, type: 'list' })).toEqual([{ id: 2, readers: [{ name: 'Reader A', state: 'present' }, { name: 'Reader B', state: 'empty' }] }]);
  });

  it('connects, transmits hex both ways and disconnects with the disposition asked', async () => {
    const pcsc = new FakePcsc({ name: 'Reader A', present: true, answer: (a) => new Uint8Array([a.length, 0x90, 0x00]) });
    const { send } = rig(pcsc);
    const [c] = (await send({ id: 3, type: 'connect', reader: 'Reader A' })) as [{ handle: number }];
    expect(c).toEqual({ id: 3, handle: 1, atr: '3bc5ff81', protocol: 'T=1' });
    expect(await send({ id: 4, type: 'transmit', handle: c.handle, apdu: JPKI_SELECT })).toEqual([{ id: 4, response: '0f9000' }]);
    expect(await send({ id: 5, type: 'disconnect', handle: c.handle, disposition: 'unpower' })).toEqual([{ id: 5 }]);
    expect(pcsc.disconnects).toEqual(['unpower']);
    expect(pcsc.open).toBe(0);
  });

  it('answers requests that arrive in one chunk, each with its own id', async () => {
    const { host, got } = rig();
    const chunk = new Uint8Array([...encodeFrame({ id: 10, type: 'hello' })!, ...encodeFrame({ id: 11, type: 'list' })!]);
    host.receive(chunk.subarray(0, 7));
    host.receive(chunk.subarray(7));
    await host.idle();
    expect(got.map((m) => (m as { id: number }).id).sort()).toEqual([10, 11]);
  });

  it('passes PC/SC failures on as stable codes and keeps serving', async () => {
    const { send, pcsc } = rig();
    pcsc.failNext = 'no-service';
    expect(await send({ id: 20, type: 'list' })).toEqual([{ id: 20, error: { code: 'no-service', message: 'fake no-service' } }]);
    expect(await send({ id: 21, type: 'connect', reader: 'Reader B' })).toEqual([{ id: 21, error: { code: 'no-card', message: 'No smart card present' } }]);
    expect(await send({ id: 22, type: 'connect', reader: 'Nope' })).toMatchObject([{ id: 22, error: { code: 'unknown-reader' } }]);
    expect(await send({ id: 23, type: 'transmit', handle: 99, apdu: JPKI_SELECT })).toMatchObject([{ id: 23, error: { code: 'unknown-handle' } }]);
    expect(await send({ id: 24, type: 'hello' })).toMatchObject([{ id: 24, protocol: 1 }]);
  });

  it.each([
    ['garbage bytes', new Uint8Array([5, 0, 0, 0, 0x6e, 0x6f, 0x70, 0x65, 0x21]), { id: null, error: { code: 'bad-request' } }],
    ['an unknown command', encodeFrame({ id: 30, type: 'format' })!, { id: 30, error: { code: 'bad-request' } }],
    ['a missing field', encodeFrame({ id: 31, type: 'transmit', handle: 1 })!, { id: 31, error: { code: 'bad-request' } }],
    ['a frame over 1 MB', new Uint8Array([0x01, 0x00, 0x20, 0x00]), { id: null, error: { code: 'too-large' } }],
  ])('answers %s with an error and keeps running', async (_what, bytes, reply) => {
    const { host, got, send } = rig();
    host.receive(bytes);
    await host.idle();
    expect(got).toMatchObject([reply]);
    if (bytes.length > 4 || reply.error.code !== 'too-large') expect(await send({ id: 40, type: 'hello' })).toMatchObject([{ id: 40, protocol: 1 }]);
  });

  it('answers with too-large instead of sending a reply Chrome would drop', async () => {
    const big = new Uint8Array(600 * 1024).fill(0x61);
    const { send } = rig(new FakePcsc({ name: 'R', present: true, answer: () => big }));
    await send({ id: 1, type: 'connect', reader: 'R' });
    expect(await send({ id: 2, type: 'transmit', handle: 1, apdu: JPKI_SELECT })).toMatchObject([{ id: 2, error: { code: 'too-large' } }]);
  });

  it('pushes reader events after watch, once however often watch is asked', async () => {
    const { send, pcsc, got } = rig();
    expect(await send({ id: 50, type: 'watch' }, { id: 51, type: 'watch' })).toEqual([{ id: 50 }, { id: 51 }]);
    expect(pcsc.watching).toBe(1);
    pcsc.emit({ reader: 'Reader B', state: 'present' });
    pcsc.emit({ reader: 'Reader A', state: 'gone' });
    expect(got.slice(-2)).toEqual([
      { type: 'event', reader: 'Reader B', state: 'present' },
      { type: 'event', reader: 'Reader A', state: 'gone' },
    ]);
  });

  it('unpowers every card it still holds when the browser closes the port, and stops watching', async () => {
    const { send, pcsc, host } = rig();
    await send({ id: 1, type: 'watch' }, { id: 2, type: 'connect', reader: 'Reader A' }, { id: 3, type: 'connect', reader: 'Reader A' });
    expect(host.openHandles).toBe(2);
    await host.shutdown();
    expect(pcsc.disconnects).toEqual(['unpower', 'unpower']);
    expect(host.openHandles).toBe(0);
    expect(pcsc.watching).toBe(0);
    expect(pcsc.closed).toBe(true);
  });

  it('never writes APDU, response or ATR bytes to its log', async () => {
    const { send, logs } = rig(new FakePcsc({ name: 'R', present: true, answer: () => new Uint8Array([0xde, 0xad, 0x90, 0x00]) }));
    await send({ id: 1, type: 'connect', reader: 'R' }, { id: 2, type: 'transmit', handle: 1, apdu: '0020008004' + '31323334' }, { id: 3, type: 'nope' });
    const text = JSON.stringify(logs);
    for (const secret of ['31323334', '1234', 'dead', '3bc5']) expect(text).not.toContain(secret);
    expect(logs.map((l) => l.type)).toEqual(['request', 'connect', 'transmit']);
  });

  it('holds no handle after 100 connect/disconnect cycles and 1,000 transmits', async () => {
    const { send, pcsc, host } = rig();
    for (let i = 0; i < 100; i++) {
      const [c] = (await send({ id: i, type: 'connect', reader: 'Reader A' })) as [{ handle: number }];
      await send({ id: 1000 + i, type: 'disconnect', handle: c.handle, disposition: 'leave' });
    }
    const [c] = (await send({ id: 5000, type: 'connect', reader: 'Reader A' })) as [{ handle: number }];
    const replies = await send(...Array.from({ length: 1000 }, (_, i) => ({ id: 6000 + i, type: 'transmit', handle: c.handle, apdu: JPKI_SELECT })));
    expect(replies).toHaveLength(1000);
    await send({ id: 9999, type: 'disconnect', handle: c.handle, disposition: 'unpower' });
    expect(host.openHandles).toBe(0);
    expect(pcsc.open).toBe(0);
  });
});

describe('the smartcard binding’s failures as stable codes', () => {
  it.each([
    ['PC/SC service not running', 'no-service'],
    ['No readers available', 'no-readers'],
    ['Unknown reader', 'unknown-reader'],
    ['Reader unavailable', 'reader-unavailable'],
    ['No smart card present', 'no-card'],
    ['Card was removed', 'card-removed'],
    ['Card is unresponsive', 'card-unresponsive'],
    ['Sharing violation', 'sharing-violation'],
    ['Operation timed out', 'timeout'],
    ['Card is not connected', 'unknown-handle'],
    ['Unknown PC/SC error', 'pcsc-error'],
    ['something new', 'pcsc-error'],
  ])('"%s" becomes %s', (message, code) => {
    expect(codeForBindingError(new Error(message))).toEqual({ code, message });
  });
});
