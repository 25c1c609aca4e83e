import { describe, expect, it } from 'vitest';
import { createHost } from '../../../native/src/host';
import { PcscFailure } from '../../../native/src/pcsc';
import { JpkiCard } from '../../../src/card/index';
import { CardRemovedError, NoCardError, ReaderBusyError, ReaderGoneError, ReaderTimeoutError, ReaderUnsupportedError } from '../../../src/reader/errors';
import { createNativeSource, encodeFrame, FrameDecoder, type NativeConnector, type NativePort } from '../../../src/reader/native/index';
import { createVirtualCard } from '../../../src/virtual/index';
import { FakePcsc } from '../../native/fake-pcsc';

/**
 * Chrome's native port in memory, wired to the real host protocol over a fake PC/SC:
 * messages go through the very framing the companion reads, both ways.
 */
function companion(pcsc: FakePcsc, o: { protocol?: number; lastError?: string } = {}) {
  const ports: { kill(reason?: string): void; sent: unknown[] }[] = [];
  let lastError: string | undefined;
  let connects = 0;
  const connector: NativeConnector = {
    connect(): NativePort {
      connects++;
      const messageListeners: ((m: unknown) => void)[] = [];
      const disconnectListeners: (() => void)[] = [];
      const decoder = new FrameDecoder();
      let alive = true;
      const host = createHost({
        backend: pcsc,
        version: '0.1.0',
        send: (f) => {
          for (const r of decoder.push(f)) {
            if (r.kind !== 'message') continue;
            const v = o.protocol !== undefined && typeof r.value === 'object' && r.value !== null && 'protocol' in r.value ? { ...r.value, protocol: o.protocol } : r.value;
            queueMicrotask(() => alive && messageListeners.forEach((l) => l(v)));
          }
        },
      });
      const sent: unknown[] = [];
      const kill = (reason?: string): void => {
        if (!alive) return;
        alive = false;
        lastError = reason;
        void host.shutdown();
        disconnectListeners.forEach((l) => l());
      };
      ports.push({ kill, sent });
      if (o.lastError !== undefined) queueMicrotask(() => kill(o.lastError));
      return {
        postMessage: (m) => {
          sent.push(m);
          if (alive) host.receive(encodeFrame(m)!);
        },
        onMessage: { addListener: (l) => messageListeners.push(l) },
        onDisconnect: { addListener: (l) => disconnectListeners.push(l) },
        disconnect: () => {
          alive = false;
          void host.shutdown();
        },
      };
    },
    lastError: () => lastError,
  };
  return { connector, ports, connects: () => connects };
}

describe('the native reader source', () => {
  it('lists PC/SC readers with the same identity shape as WebUSB ones', async () => {
    const { connector } = companion(new FakePcsc({ name: 'ACS ACR39U ICC Reader 00 00', present: true }));
    const [r] = await createNativeSource(connector).list();
    expect(r).toMatchObject({ key: 'ACS ACR39U ICC Reader 00 00', identity: { name: 'ACS ACR39U ICC Reader 00 00', source: 'native' } });
  });

  it('reads the virtual card through the companion with our card layer, unpowering at the end', async () => {
    const card = await createVirtualCard();
    const pcsc = new FakePcsc({ name: 'R', present: true, answer: (a) => card.transmit(a) });
    card.powerOn();
    const { connector } = companion(pcsc);
    const [c] = await createNativeSource(connector).list();
    const reader = await c!.open();
    await reader.powerOn();
    expect(await reader.slotStatus()).toBe('active');
    const jpki = new JpkiCard(reader);
    await jpki.select();
    expect(await jpki.tokenLabel()).toBe('JPKIAPICCTOKEN2');
    await reader.close();
    expect(pcsc.disconnects).toEqual(['unpower']);
    expect(pcsc.open).toBe(0);
  });

  it('carries on without a PC/SC transaction when the companion cannot hold one', async () => {
    const pcsc = new FakePcsc({ name: 'R', present: true });
    const { connector, ports } = companion(pcsc);
    const [c] = await createNativeSource(connector).list();
    const reader = await c!.open();
    pcsc.failNext = undefined;
    const realConnect = pcsc.connect.bind(pcsc);
    pcsc.connect = async (n) => ({ ...(await realConnect(n)), beginTransaction: () => Promise.reject(new PcscFailure('not-supported', 'no transactions')) });
    await reader.powerOn();
    expect(await reader.transmit(new Uint8Array([0, 0xa4, 4, 0]))).toEqual(new Uint8Array([0x90, 0]));
    await reader.powerOff();
    expect(ports[0]!.sent.map((m) => (m as { type: string }).type)).toEqual(['hello', 'watch', 'list', 'connect', 'begin', 'transmit', 'disconnect']);
  });

  it.each([
    ['no-card', NoCardError],
    ['sharing-violation', ReaderBusyError],
    ['no-service', ReaderGoneError],
    ['card-removed', CardRemovedError],
  ] as const)('maps the host’s %s onto the reader seam', async (code, cls) => {
    const pcsc = new FakePcsc({ name: 'R', present: true });
    const [c] = await createNativeSource(companion(pcsc).connector).list();
    const reader = await c!.open();
    pcsc.failNext = code;
    const e = await reader.powerOn().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(cls);
    expect((e as ReaderGoneError).details.driverCode).toBe(code);
  });

  it.each([
    ['Specified native messaging host not found.', 'companion-missing'],
    ['Access to the specified native messaging host is forbidden.', 'companion-forbidden'],
    ['Native host has exited.', 'companion-exited'],
  ])('tells why the companion could not be reached: %s', async (lastError, driverCode) => {
    const e = await createNativeSource(companion(new FakePcsc(), { lastError }).connector).list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReaderGoneError);
    expect((e as ReaderGoneError).details.driverCode).toBe(driverCode);
  });

  it.each([[0, 'companion-too-old'], [2, 'companion-too-new']])('refuses a companion of protocol %i', async (protocol, driverCode) => {
    const e = await createNativeSource(companion(new FakePcsc(), { protocol }).connector).list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReaderUnsupportedError);
    expect((e as ReaderUnsupportedError).details.driverCode).toBe(driverCode);
  });

  it('reports a companion killed mid-transmit, then reconnects on the next request', async () => {
    const pcsc = new FakePcsc({ name: 'R', present: true, answer: () => new Promise(() => undefined) });
    const rig = companion(pcsc);
    const source = createNativeSource(rig.connector);
    const reader = await (await source.list())[0]!.open();
    await reader.powerOn();
    const pending = reader.transmit(new Uint8Array([0, 0xb0, 0, 0, 0]));
    await new Promise((r) => setTimeout(r, 10));
    rig.ports[0]!.kill('Native host has exited.');
    const e = await pending.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReaderGoneError);
    expect((e as ReaderGoneError).details.driverCode).toBe('companion-exited');
    expect((await source.list()).map((c) => c.key)).toEqual(['R']);
    expect(rig.connects()).toBe(2);
  });

  it('gives up on a silent companion at the request deadline', async () => {
    const pcsc = new FakePcsc({ name: 'R', present: true, answer: () => new Promise(() => undefined) });
    const source = createNativeSource(companion(pcsc).connector, { requestMs: 50 });
    const reader = await (await source.list())[0]!.open();
    await reader.powerOn();
    await expect(reader.transmit(new Uint8Array([0, 0xb0, 0, 0, 0]))).rejects.toBeInstanceOf(ReaderTimeoutError);
  });

  it('passes presence events to the open reader and reader changes to the source', async () => {
    const pcsc = new FakePcsc({ name: 'R', present: false });
    const source = createNativeSource(companion(pcsc).connector);
    let changes = 0;
    source.onChange(() => changes++);
    const reader = await (await source.list())[0]!.open();
    const seen: boolean[] = [];
    const off = reader.onSlotChange((p) => seen.push(p));
    pcsc.emit({ reader: 'R', state: 'present' });
    pcsc.emit({ reader: 'R', state: 'empty' });
    pcsc.emit({ reader: 'New reader', state: 'empty' });
    pcsc.emit({ reader: 'R', state: 'gone' });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([true, false, false]);
    expect(changes).toBe(2);
    off();
  });
});
