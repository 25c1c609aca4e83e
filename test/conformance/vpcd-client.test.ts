/**
 * The bridge against a scripted stand-in for vpcd (a TCP server on loopback, as pcscd's
 * vpcd driver is). Frames the "vpcd" sends are written by hand.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../src/bytes';
import { startVpcdClient, type VpcdClient, type VpcdLinkEvent } from '../../src/virtual/pcsc/index';
import { TINY_ATR, TinyCard } from './tiny-card';

const WAIT_MS = 3_000;

/** A fake vpcd: accepts connections, and lets a test write bytes and read frames. */
class FakeVpcd {
  readonly connections: Socket[] = [];
  private received = Buffer.alloc(0);
  private server: Server | undefined;

  constructor(public port = 0) {}

  async listen(): Promise<void> {
    const server = createServer((socket) => {
      this.connections.push(socket);
      socket.on('data', (d) => (this.received = Buffer.concat([this.received, d])));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get last(): Socket {
    return this.connections[this.connections.length - 1]!;
  }

  async connection(n: number): Promise<Socket> {
    await until(() => this.connections.length >= n);
    return this.connections[n - 1]!;
  }

  /** Next complete frame's payload from the bridge. */
  async frame(): Promise<string> {
    await until(() => this.received.length >= 2 && this.received.length >= 2 + this.received.readUInt16BE(0));
    const n = this.received.readUInt16BE(0);
    const payload = this.received.subarray(2, 2 + n);
    this.received = this.received.subarray(2 + n);
    return hex(new Uint8Array(payload));
  }
}

async function until(ready: () => boolean, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let fake: FakeVpcd;
let client: VpcdClient | undefined;

afterEach(async () => {
  await client?.stop();
  client = undefined;
  await fake?.close();
});

function start(card: TinyCard, events: VpcdLinkEvent[] = [], frameTimeoutMs = 200): VpcdClient {
  client = startVpcdClient(card, { port: fake.port, retryDelayMs: 50, frameTimeoutMs, cardTimeoutMs: 200, onLink: (e) => events.push(e) });
  return client;
}

describe('vpcd client', () => {
  it('dials vpcd, answers GET ATR with the ATR and an APDU with the card’s answer', async () => {
    fake = new FakeVpcd();
    await fake.listen();
    const card = new TinyCard();
    const c = start(card);
    await c.waitConnected(WAIT_MS);
    expect(c.served).toBe(false); // connected is not yet "pcscd has the card"
    const vpcd = await fake.connection(1);
    vpcd.write(fromHex('00 01 04'));
    expect(await fake.frame()).toBe(hex(TINY_ATR));
    expect(c.served).toBe(true);
    vpcd.write(fromHex('00 01 01  00 05 00 A4 04 0C 00'));
    expect(await fake.frame()).toBe('00 A4 04 0C 00 90 00');
    expect(card.powered).toBe(true);
  });

  it('answers frames that arrive one byte per TCP segment', async () => {
    fake = new FakeVpcd();
    await fake.listen();
    await start(new TinyCard()).waitConnected(WAIT_MS);
    const vpcd = await fake.connection(1);
    for (const b of fromHex('00 01 01  00 04 00 84 00 00')) {
      vpcd.write(Uint8Array.of(b));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await fake.frame()).toBe('00 84 00 00 90 00');
  });

  it('drops a peer that starts a frame and never finishes it, then dials again', async () => {
    fake = new FakeVpcd();
    await fake.listen();
    const events: VpcdLinkEvent[] = [];
    await start(new TinyCard(), events, 100).waitConnected(WAIT_MS);
    (await fake.connection(1)).write(fromHex('00 10 00 A4'));
    const second = await fake.connection(2);
    second.write(fromHex('00 01 04'));
    expect(await fake.frame()).toBe(hex(TINY_ATR));
    expect(events.find((e) => e.kind === 'disconnected')).toMatchObject({ reason: expect.stringContaining('incomplete') });
  });

  it('drops a peer that dribbles a frame slower than the frame deadline, however active it looks', async () => {
    fake = new FakeVpcd();
    await fake.listen();
    const events: VpcdLinkEvent[] = [];
    await start(new TinyCard(), events, 150).waitConnected(WAIT_MS);
    const first = await fake.connection(1);
    const dribble = setInterval(() => {
      if (!first.destroyed) first.write(Uint8Array.of(0x00));
    }, 40);
    try {
      first.write(fromHex('01 00'));
      await until(() => events.some((e) => e.kind === 'disconnected'), 1_000);
    } finally {
      clearInterval(dribble);
    }
    expect(events.find((e) => e.kind === 'disconnected')).toMatchObject({ reason: expect.stringContaining('incomplete') });
  });

  it('reconnects when pcscd restarts, and the card loses power meanwhile', async () => {
    fake = new FakeVpcd();
    await fake.listen();
    const card = new TinyCard();
    const c = start(card);
    await c.waitConnected(WAIT_MS);
    (await fake.connection(1)).write(fromHex('00 01 01'));
    await until(() => card.powered);
    const port = fake.port;
    await fake.close();
    await until(() => !c.connected);
    expect(card.powered).toBe(false);
    fake = new FakeVpcd(port);
    await fake.listen();
    await c.waitConnected(WAIT_MS);
    (await fake.connection(1)).write(fromHex('00 01 04'));
    expect(await fake.frame()).toBe(hex(TINY_ATR));
  });

  it('keeps trying while nothing listens yet', async () => {
    fake = new FakeVpcd();
    await fake.listen();
    const port = fake.port;
    await fake.close();
    const events: VpcdLinkEvent[] = [];
    const c = start(new TinyCard(), events);
    await until(() => events.filter((e) => e.kind === 'connecting').length >= 3);
    fake = new FakeVpcd(port);
    await fake.listen();
    await c.waitConnected(WAIT_MS);
    expect(c.connected).toBe(true);
  });

  it('survives garbage from the peer and still answers on the next connection', async () => {
    fake = new FakeVpcd();
    await fake.listen();
    await start(new TinyCard()).waitConnected(WAIT_MS);
    const first = await fake.connection(1);
    first.write(fromHex('00 00  00 01 07  00 01 FF  00 02 00'));
    first.destroy();
    (await fake.connection(2)).write(fromHex('00 01 04'));
    expect(await fake.frame()).toBe(hex(TINY_ATR));
  });

  it('gives up waiting for vpcd with a coded timeout, and stays down after stop()', async () => {
    fake = new FakeVpcd();
    await fake.listen();
    const port = fake.port;
    await fake.close();
    const c = start(new TinyCard());
    await expect(c.waitConnected(150)).rejects.toMatchObject({ code: 'vpcd-timeout' });
    await c.stop();
    fake = new FakeVpcd(port);
    await fake.listen();
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.connections.length).toBe(0);
  });
});
