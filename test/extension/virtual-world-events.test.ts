/**
 * The virtual hardware raises the events real hardware would, and no others: a USB
 * connect/disconnect only when the device list changes, a slot event when a card moves
 * in a reader the background holds open, nothing when PIN tries change or the OS lets go.
 * An extra event meant an extra read landing after a control-surface call had returned.
 */
import { describe, expect, it } from 'vitest';
import { ReaderHolder, SessionQueue } from '../../src/extension/background/session/index';
import { createVirtualSource } from '../../src/extension/virtual/source';
import { MemoryArea } from './memory-area';
import { VirtualWorld } from '../../src/extension/virtual/world';


const NOW = new Date('2026-11-27T03:00:00Z');

/**
 * The holder events a change raises: waits (deadline 5 s) for the `expected` number, then
 * a further 150 ms in which an extra event would be caught.
 */
async function eventsAfter(holder: ReaderHolder, change: () => Promise<void>, expected: number): Promise<string[]> {
  const seen: string[] = [];
  const off = holder.watch((r) => seen.push(r));
  try {
    await change();
    const deadline = Date.now() + 5_000;
    while (seen.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 150));
    return seen;
  } finally {
    off();
  }
}

describe('events the virtual hardware raises', () => {
  it('a card taken out and put back is one slot event each, and no USB list event', async () => {
    const world = new VirtualWorld(new MemoryArea(), () => NOW);
    const holder = new ReaderHolder(createVirtualSource(world), new SessionQueue());
    await holder.exclusive(1_000, (access) => access.acquire());
    try {
      expect(await eventsAfter(holder, () => world.update({ cardInserted: false }, 'card'), 1)).toEqual(['card']);
      expect(await eventsAfter(holder, () => world.update({ cardInserted: true }, 'card'), 1)).toEqual(['card']);
    } finally {
      await holder.exclusive(1_000, (access) => access.drop());
    }
  });

  it('PIN tries changing and the OS letting go raise nothing; unplug, plug and a new reader class one USB list event each', async () => {
    const world = new VirtualWorld(new MemoryArea(), () => NOW);
    const holder = new ReaderHolder(createVirtualSource(world), new SessionQueue());
    await holder.exclusive(1_000, (access) => access.acquire());
    try {
      expect(await eventsAfter(holder, () => world.update({ tries: { auth: 2 } }, 'tries'), 0)).toEqual([]);
      expect(await eventsAfter(holder, () => world.update({ heldByOs: false }, 'faults'), 0)).toEqual([]);
      expect(await eventsAfter(holder, () => world.update({ plugged: false }, 'none'), 1)).toEqual(['reader']);
      expect(await eventsAfter(holder, () => world.update({ plugged: true }, 'none'), 1)).toEqual(['reader']);
      expect(await eventsAfter(holder, () => world.update({ interfaceClass: 0x0b }, 'reader'), 1)).toEqual(['reader']);
    } finally {
      await holder.exclusive(1_000, (access) => access.drop());
    }
  });
});
