/**
 * The background's status read in Node, against the virtual reader and the virtual card
 * through the real CCID driver and JPKI client: the same code the service worker runs,
 * with storage held in memory instead of chrome.storage.session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STATUS_ACTION } from '../../src/extension/background/actions/index';
import { ReaderHolder, SessionQueue } from '../../src/extension/background/session/index';
import { CardCache, SnapshotStore, StatusService } from '../../src/extension/background/status/index';
import { createVirtualSource } from '../../src/extension/virtual/source';
import type { StatusSnapshot } from '../../src/extension/status-model';
import { MemoryArea } from './memory-area';
import { VirtualWorld } from '../../src/extension/virtual/world';


const NOW = new Date('2026-11-27T03:00:00Z');

function setUp(limits?: { sessionDeadlineMs: number; waitMs: number; settleMs: number }) {
  const area = new MemoryArea();
  const world = new VirtualWorld(area, () => NOW);
  const published: StatusSnapshot[] = [];
  const holder = new ReaderHolder(createVirtualSource(world), new SessionQueue());
  const store = new SnapshotStore(area, true, (s) => void published.push(s), () => NOW);
  const cache = new CardCache(area);
  const service = new StatusService({ holder, store, cache, printedExpiry: async () => undefined, clock: () => NOW, ...(limits ? { spec: { ...STATUS_ACTION, ...limits } } : {}) });
  holder.watch(() => service.invalidate());
  return { area, world, published, holder, cache, service };
}

const drop = (holder: ReaderHolder) => () => holder.exclusive(1_000, (access) => access.drop());

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('the status read', () => {
  it('reads a new card cold, recognises it warm by its certificate serial, and a reopened popup costs no APDU', async () => {
    const { service, world, holder } = setUp();
    cleanup = drop(holder);
    const cold = await service.refresh();
    expect(cold).toMatchObject({ phase: 'ready', cache: 'cold', virtual: true });
    expect(cold.card?.tokenLabel).toBe('JPKIAPICCTOKEN2');
    expect(cold.card?.pins.auth).toEqual({ remaining: 3, max: 3, locked: false });
    expect(world.drainApduLog()).toHaveLength(cold.apduCount!);

    service.invalidate();
    const warm = await service.refresh();
    expect(warm.cache).toBe('warm');
    expect(warm.apduCount).toBeLessThan(cold.apduCount!);
    expect(warm.card).toEqual(cold.card);

    const again = await service.refresh();
    expect(again).toMatchObject({ cache: 'memory', apduCount: 0 });
    expect(world.drainApduLog()).toHaveLength(warm.apduCount!);
  });

  it('reads another card put into the same reader cold, and never shows the previous card’s certificate for it', async () => {
    const { service, world, holder } = setUp();
    cleanup = drop(holder);
    const first = await service.refresh();
    expect(first.findings).toEqual([]);
    await world.update({ profile: 'auth-expired', tries: {}, cardInserted: true }, 'card');
    service.invalidate();
    const second = await service.refresh();
    expect(second.cache).toBe('cold');
    expect(second.card?.authCert?.serial).not.toBe(first.card?.authCert?.serial);
    expect(second.card?.authCert?.notAfterDate).not.toBe(first.card?.authCert?.notAfterDate);
    expect(second.findings.map((f) => f.code)).toContain('auth-cert-expired');
  });

  it('shares one read between refreshes that arrive together, and reads again when forced', async () => {
    const { service, world, holder } = setUp();
    cleanup = drop(holder);
    const [a, b, c] = await Promise.all([service.refresh(), service.refresh(), service.refresh()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    const forced = await service.refresh(true);
    expect(forced.cache).toBe('warm');
    expect(world.drainApduLog().length).toBe(a.apduCount! + forced.apduCount!);
  });

  it('powers the card down after reading', async () => {
    const { service, world, holder } = setUp();
    cleanup = drop(holder);
    await service.refresh();
    expect(await holder.exclusive(1_000, async (access) => (await access.acquire()).slotStatus())).toBe('inactive');
    expect(world.cardPower).toEqual({ powered: false, verified: [] });
  });

  it('tells no card, no reader and a blocked reader apart, each with its own code', async () => {
    const { service, world, holder } = setUp();
    cleanup = drop(holder);
    await world.update({ cardInserted: false }, 'card');
    expect(await service.refresh(true)).toMatchObject({ phase: 'no-card', problem: { code: 'card-absent' } });

    await world.update({ plugged: false }, 'none');
    expect(await service.refresh(true)).toMatchObject({ phase: 'no-reader', problem: { code: 'no-reader' } });

    await world.update({ plugged: true, cardInserted: true, interfaceClass: 0x0b, browser: 'chrome' }, 'reader');
    const blocked = await service.refresh(true);
    expect(blocked).toMatchObject({ phase: 'reader-blocked', problem: { code: 'reader-protected-interface' } });
    expect(blocked.reader?.name).toContain('ACR39U');
    expect(blocked.problem?.action?.ja).toContain('SCR3310-NTTCom');
  });

  it('gives up on a reader that stops answering within the deadline, then reads normally once it answers again', async () => {
    const { service, world, holder } = setUp({ sessionDeadlineMs: 400, waitMs: 1_000, settleMs: 200 });
    cleanup = drop(holder);
    await service.refresh();
    world.device!.inject({ kind: 'silent' });
    const started = Date.now();
    const stuck = await service.refresh(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(stuck.phase).toBe('error');
    expect(['deadline-expired', 'reader-timeout']).toContain(stuck.problem?.code);
    world.device!.clearFaults();
    expect((await service.refresh(true)).phase).toBe('ready');
  });

  it('names the step in progress while reading, so the popup never looks frozen', async () => {
    const { service, published, holder } = setUp();
    cleanup = drop(holder);
    await service.refresh();
    const steps = published.filter((s) => s.phase === 'reading').map((s) => s.step);
    expect(steps).toEqual(['reader', 'card', 'certificate', 'pins']);
  });
});
