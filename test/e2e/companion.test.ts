/**
 * Issue 12: the companion as shipped — the single executable `npm run companion:build`
 * writes, not `node host.js` — against the operating system's PC/SC: pcscd + vsmartcard's
 * vpcd + our virtual card, read through our own card layer on the far side of the pipe.
 * It fails (never skips) when pcscd or vpcd is missing, or the host cannot be built,
 * naming the command that fixes it. Uses vpcd slot 1 ("Virtual PCD 00 01"), so a
 * developer's `npm run virtual-card:pcsc` in slot 0 does not get in the way.
 */
import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CountingTransport, JpkiCard, TOKEN_LABEL, type ApduTransport } from '../../src/card/index';
import { CcidReader } from '../../src/reader/ccid/index';
import { fromWireHex, toWireHex } from '../../src/reader/native/index';
import { createVirtualCard, createVirtualReader } from '../../src/virtual/index';
import { startVpcdClient, type VpcdClient } from '../../src/virtual/pcsc/index';
import { buildCompanion } from '../../native/scripts/build';
import { ensurePcscd, type PcscdHandle } from '../../scripts/pcscd';
import { startHost, type HostProcess } from '../native/host-process';

const READER = 'Virtual PCD 00 01';
const SLOT1_PORT = 35964;
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so.0.8';
const WAIT_MS = 15_000;
/** Timed APDUs per route for the per-APDU figure. */
const ROUNDS = 200;

let setupError: Error | undefined;
let pcscd: PcscdHandle | undefined;
let vpcd: VpcdClient | undefined;
let host: HostProcess | undefined;
let executable = '';
let startMs = 0;
let atr = '';

async function until(what: string, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${WAIT_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function setUp(): Promise<void> {
  const missing = [['/usr/sbin/pcscd', 'pcscd'], [VPCD_DRIVER, 'vsmartcard-vpcd'], ['/usr/include/PCSC/winscard.h', 'libpcsclite-dev']].filter(([f]) => !existsSync(f!));
  if (missing.length > 0) throw new Error(`the companion test needs ${missing.map(([f]) => f).join(', ')}. Run as root: apt-get install -y ${missing.map(([, p]) => p).join(' ')}`);
  executable = await buildCompanion().catch((e: unknown) => {
    throw new Error(`npm run companion:build failed: ${e instanceof Error ? e.message : String(e)}`);
  });
  pcscd = await ensurePcscd();
  const card = await createVirtualCard();
  atr = toWireHex(card.powerOn());
  card.powerOff();
  vpcd = startVpcdClient(card, { port: SLOT1_PORT });
  await vpcd.waitConnected(WAIT_MS);
  await until(`pcscd never polled our card in "${READER}" (another vpcd client in slot 1?)`, () => vpcd!.served);
  const t0 = performance.now();
  host = startHost(executable);
  const hello = await host.request({ type: 'hello' });
  startMs = performance.now() - t0;
  if (hello.protocol !== 1) throw new Error(`host answered hello with ${JSON.stringify(hello)}`);
  await until(`pcscd does not show a card in "${READER}"`, async () => {
    const { readers } = (await host!.request({ type: 'list' })) as { readers?: { name: string; state: string }[] };
    return readers?.some((r) => r.name === READER && r.state === 'present') ?? false;
  });
}

beforeAll(async () => {
  await setUp().catch((e: unknown) => {
    setupError = e instanceof Error ? e : new Error(String(e));
  });
});

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await host?.close().catch(() => undefined);
  await vpcd?.stop();
  await pcscd?.stop();
});

/** Our card layer's transport, one transmit request per APDU through the companion. */
function through(h: HostProcess, handle: number): ApduTransport {
  return {
    async transmit(command) {
      const r = await h.request({ type: 'transmit', handle, apdu: toWireHex(command) });
      if (r.error) throw new Error(`transmit failed: ${r.error.code} ${r.error.message}`);
      return fromWireHex(r.response as string);
    },
  };
}

describe('the companion single executable through pcscd and vpcd', () => {
  it('is one self-contained file that starts and answers hello quickly', () => {
    const size = statSync(executable).size;
    console.log(`companion: ${executable}, ${(size / 1e6).toFixed(1)} MB; spawn to hello reply ${startMs.toFixed(0)} ms`);
    expect(size).toBeGreaterThan(10e6);
    expect(startMs).toBeLessThan(5_000);
  });

  it('lists the vpcd reader with the card in it', async () => {
    const r = (await host!.request({ type: 'list' })) as { readers: { name: string; state: string }[] };
    expect(r.readers).toContainEqual({ name: READER, state: 'present' });
  });

  it('connects in T=1, reads the JPKI token label through our card layer, and disconnects with unpower', async () => {
    const c = await host!.request({ type: 'connect', reader: READER });
    expect(c).toMatchObject({ atr, protocol: 'T=1' });
    const jpki = new JpkiCard(through(host!, c.handle as number));
    await jpki.select();
    expect(await jpki.tokenLabel()).toBe(TOKEN_LABEL.card);
    expect(await host!.request({ type: 'disconnect', handle: c.handle, disposition: 'unpower' })).toEqual({});
    expect(await host!.request({ type: 'transmit', handle: c.handle, apdu: '00a4040c' })).toMatchObject({ error: { code: 'unknown-handle' } });
  });

  it('sends the same APDUs as the WebUSB path for the same reads, and says what each APDU costs on each route', async () => {
    const c = await host!.request({ type: 'connect', reader: READER });
    const viaHost = new CountingTransport(through(host!, c.handle as number));
    const usbCard = await createVirtualCard();
    const reader = await CcidReader.open(createVirtualReader({ card: usbCard }));
    await reader.powerOn();
    const viaUsb = new CountingTransport(reader);
    const read = async (t: ApduTransport): Promise<unknown[]> => {
      const j = new JpkiCard(t);
      await j.select();
      return [await j.tokenLabel(), await j.pinStatus('auth'), await j.readCertificate('auth')];
    };
    const [a, b] = [await read(viaHost), await read(viaUsb)];
    expect(a.slice(0, 2)).toEqual(b.slice(0, 2));
    expect(viaHost.counts().commands).toBe(viaUsb.counts().commands);

    const select = fromWireHex('00a4040c0ad392f000260100000001');
    const timed = async (t: ApduTransport): Promise<number> => {
      const t0 = performance.now();
      for (let i = 0; i < ROUNDS; i++) await t.transmit(select);
      return (performance.now() - t0) / ROUNDS;
    };
    const hostMs = await timed(viaHost);
    const usbMs = await timed(viaUsb);
    // The pipe alone (frames, JSON, the host's queue) without PC/SC: what the companion itself adds.
    const t0 = performance.now();
    for (let i = 0; i < ROUNDS; i++) await host!.request({ type: 'hello' });
    const pipeMs = (performance.now() - t0) / ROUNDS;
    console.log(`per APDU (SELECT, ${ROUNDS} rounds): companion+pcscd+vpcd ${hostMs.toFixed(2)} ms, virtual WebUSB CCID path ${usbMs.toFixed(2)} ms; the companion's pipe alone (hello round trip) ${pipeMs.toFixed(3)} ms`);
    expect(pipeMs).toBeLessThan(5);
    await reader.close();
    await host!.request({ type: 'disconnect', handle: c.handle, disposition: 'unpower' });
  });

  it('answers garbage and unknown commands with bad-request and keeps serving', async () => {
    const bad = host!.request({ id: null });
    host!.write(new Uint8Array([3, 0, 0, 0, 0x7b, 0x7b, 0x7b]));
    expect(await bad).toMatchObject({ error: { code: 'bad-request' } });
    expect(await host!.request({ type: 'format-card' })).toMatchObject({ error: { code: 'bad-request' } });
    expect(await host!.request({ type: 'hello' })).toMatchObject({ protocol: 1 });
  });

  it('reports a card pulled out of the reader through watch, and its return', async () => {
    expect(await host!.request({ type: 'watch' })).toEqual({});
    await vpcd!.stop();
    await until('no "empty" event after the card left', () => host!.events.some((e) => e.reader === READER && e.state === 'empty'));
    const since = host!.events.length;
    vpcd = startVpcdClient(await createVirtualCard(), { port: SLOT1_PORT });
    await until('no "present" event after the card came back', () => host!.events.slice(since).some((e) => e.reader === READER && e.state === 'present'));
  });

  it('exits when the browser closes its stdin, leaving the card unpowered', async () => {
    const c = await host!.request({ type: 'connect', reader: READER });
    expect(c.error).toBeUndefined();
    expect(await host!.close()).toBe(0);
    host = undefined;
  });
});
