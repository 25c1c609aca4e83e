/**
 * The background's status read over the virtual RC-S380: the same StatusService, holder
 * and JPKI client the service worker runs, with the Port-100 driver, Type B activation and
 * ISO-DEP under them instead of CCID. What the popup shows must not depend on the route.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ReaderHolder, SessionQueue } from '../../src/extension/background/session/index';
import { CardCache, SnapshotStore, StatusService } from '../../src/extension/background/status/index';
import { createVirtualSource } from '../../src/extension/virtual/source';
import { VirtualWorld } from '../../src/extension/virtual/world';
import type { StatusSnapshot } from '../../src/extension/status-model';
import { MemoryArea } from './memory-area';

const NOW = new Date('2026-11-27T03:00:00Z');

async function setUp() {
  const area = new MemoryArea();
  const world = new VirtualWorld(area, () => NOW);
  await world.update({ readerModel: 'RC-S380' }, 'reader');
  const published: StatusSnapshot[] = [];
  const holder = new ReaderHolder(createVirtualSource(world), new SessionQueue());
  const store = new SnapshotStore(area, true, (s) => void published.push(s), () => NOW);
  const cache = new CardCache(area);
  const service = new StatusService({ holder, store, cache, printedExpiry: async () => undefined, clock: () => NOW });
  holder.watch(() => service.invalidate());
  return { world, holder, service };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('the status read over the virtual RC-S380', () => {
  it('reads the card cold through Port-100 and ISO-DEP, then warm, with the same findings as over CCID', async () => {
    const { service, world, holder } = await setUp();
    cleanup = () => holder.exclusive(1_000, (access) => access.drop());
    world.device!.resetStats();
    const cold = await service.refresh();
    expect(cold).toMatchObject({ phase: 'ready', cache: 'cold', virtual: true });
    expect(cold.reader?.name).toContain('RC-S380');
    expect(cold.card?.tokenLabel).toBe('JPKIAPICCTOKEN2');
    expect(cold.card?.pins.auth).toEqual({ remaining: 3, max: 3, locked: false });
    expect(cold.findings).toEqual([]);
    expect(world.drainApduLog()).toHaveLength(cold.apduCount!);
    service.invalidate();
    const warm = await service.refresh();
    expect(warm.cache).toBe('warm');
    expect(warm.card).toEqual(cold.card);
  });

  it('leaves the card unpowered and the field off after reading (no verified PIN lingers)', async () => {
    const { service, world, holder } = await setUp();
    cleanup = () => holder.exclusive(1_000, (access) => access.drop());
    await service.refresh();
    expect(world.cardPower).toEqual({ powered: false, verified: [] });
    expect(await holder.exclusive(1_000, async (access) => (await access.acquire()).slotStatus())).toBe('inactive');
  });

  it('tells a card lifted off the reader, an unplugged reader and one held by the OS apart', async () => {
    const { service, world, holder } = await setUp();
    cleanup = () => holder.exclusive(1_000, (access) => access.drop());
    expect((await service.refresh()).phase).toBe('ready');
    await world.update({ cardInserted: false }, 'card');
    expect(await service.refresh(true)).toMatchObject({ phase: 'no-card', problem: { code: 'card-absent' } });
    await world.update({ cardInserted: true }, 'card');
    expect((await service.refresh(true)).phase).toBe('ready');
    await world.update({ plugged: false }, 'none');
    expect(await service.refresh(true)).toMatchObject({ phase: 'no-reader', problem: { code: 'no-reader' } });
    await world.update({ plugged: true, heldByOs: true }, 'reader');
    expect(await service.refresh(true)).toMatchObject({ problem: { code: 'reader-busy' } });
    await world.update({ heldByOs: false }, 'faults');
    expect((await service.refresh(true)).phase).toBe('ready');
  });
});
