/**
 * Card sessions never leave a verified card powered, and work the caller was told has
 * failed never reaches the card (issue 14 §1–§3). Runs the real session code over the
 * virtual reader and card through the real CCID driver: the virtual reader does what
 * hardware does (a second IccPowerOn is a warm reset that keeps a verified PIN; only
 * IccPowerOff clears it), so a session that forgot to power off would be seen here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JpkiCard, SecurityStatusError } from '../../src/card/index';
import { ApduTally, ReaderHolder, SessionQueue, runCardSession, type SessionSpec } from '../../src/extension/background/session/index';
import { createVirtualSource } from '../../src/extension/virtual/source';
import { VirtualWorld } from '../../src/extension/virtual/world';
import { DEFAULT_PINS } from '../../src/virtual/card/profile';
import { MemoryArea } from './memory-area';

const NOW = new Date('2026-11-27T03:00:00Z');
const SPEC: SessionSpec = { name: 'test', deadlineMs: 1_500, waitMs: 3_000, settleMs: 100 };
const DIGEST = new Uint8Array(32).fill(7);

function setUp() {
  const world = new VirtualWorld(new MemoryArea(), () => NOW);
  const holder = new ReaderHolder(createVirtualSource(world), new SessionQueue());
  return { world, holder };
}

/** VERIFY commands that carried a PIN, as the card logged them (INS 20 with Lc > 0). */
function verifiesWithData(world: VirtualWorld): number {
  return world.drainApduLog().filter((r) => /^0020/i.test(r.command.replace(/\s/g, '')) && r.command.replace(/\s/g, '').length > 8).length;
}

async function verifyAuth(transport: Parameters<Parameters<typeof runCardSession>[3]>[0]['transport']): Promise<JpkiCard> {
  const card = new JpkiCard(transport);
  await card.select();
  await card.verifyPin('auth', DEFAULT_PINS.auth);
  return card;
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('every exit of a card session leaves the card unpowered and unverified', () => {
  it('after success', async () => {
    const { world, holder } = setUp();
    cleanup = () => holder.exclusive(1_000, (a) => a.drop());
    const signature = await runCardSession(holder, SPEC, new ApduTally(), async (s) => (await verifyAuth(s.transport)).sign('auth', 'SHA-256', DIGEST));
    expect(signature.length).toBe(256);
    expect(world.cardPower).toEqual({ powered: false, verified: [] });
  });

  it('after the body throws', async () => {
    const { world, holder } = setUp();
    cleanup = () => holder.exclusive(1_000, (a) => a.drop());
    await expect(
      runCardSession(holder, SPEC, new ApduTally(), async (s) => {
        await verifyAuth(s.transport);
        throw new SecurityStatusError('the page changed its mind');
      }),
    ).rejects.toBeInstanceOf(SecurityStatusError);
    expect(world.cardPower).toEqual({ powered: false, verified: [] });
  });

  it('after the deadline, and the next session finds no PIN verified (a signature needs the PIN again)', async () => {
    const { world, holder } = setUp();
    cleanup = () => holder.exclusive(1_000, (a) => a.drop());
    await expect(
      runCardSession(holder, { ...SPEC, deadlineMs: 300 }, new ApduTally(), async (s) => {
        await verifyAuth(s.transport);
        await new Promise((r) => setTimeout(r, 600));
      }),
    ).rejects.toMatchObject({ code: 'deadline-expired' });
    expect(world.cardPower).toEqual({ powered: false, verified: [] });
    await expect(
      runCardSession(holder, SPEC, new ApduTally(), async (s) => {
        const card = new JpkiCard(s.transport);
        await card.select();
        return card.sign('auth', 'SHA-256', DIGEST);
      }),
    ).rejects.toBeInstanceOf(SecurityStatusError);
  });

  it('after a reader that stopped answering was dropped, and the card it left powered is cold again in the next session', async () => {
    const { world, holder } = setUp();
    cleanup = () => holder.exclusive(1_000, (a) => a.drop());
    const started = Date.now();
    await expect(
      runCardSession(holder, { ...SPEC, deadlineMs: 400 }, new ApduTally(), async (s) => {
        await verifyAuth(s.transport);
        world.device!.inject({ kind: 'silent' });
        await new JpkiCard(s.transport).pinStatus('auth');
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/deadline-expired|reader-timeout/) });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(holder.identity).toBeUndefined();
    world.device!.clearFaults();
    // Whatever the hung reader kept, this session starts with a power-off.
    const verified = await runCardSession(holder, SPEC, new ApduTally(), async () => world.cardPower?.verified);
    expect(verified).toEqual([]);
    expect(world.cardPower).toEqual({ powered: false, verified: [] });
  });

  it('starts cold even when the card was left powered and verified by whatever held the reader before', async () => {
    const { world, holder } = setUp();
    cleanup = () => holder.exclusive(1_000, (a) => a.drop());
    // A worker stopped mid-session: powered, verified, reader closed without a power-off.
    await holder.exclusive(1_000, async (access) => {
      const reader = await access.acquire();
      await reader.powerOn();
      await verifyAuth(reader);
      await access.drop({ hung: true });
    });
    expect(world.cardPower).toEqual({ powered: true, verified: ['auth'] });
    const seen = await runCardSession(holder, SPEC, new ApduTally(), async () => world.cardPower);
    expect(seen).toEqual({ powered: true, verified: [] });
  });
});

describe('a deadline stops the work', () => {
  it('no APDU of a body reaches the card after its deadline fired, so a VERIFY is never sent late', async () => {
    const { world, holder } = setUp();
    cleanup = () => holder.exclusive(1_000, (a) => a.drop());
    world.drainApduLog();
    let lateError: unknown;
    let bodyDone: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (bodyDone = resolve));
    await expect(
      runCardSession(holder, { ...SPEC, deadlineMs: 300 }, new ApduTally(), async (s) => {
        // However far the body got when the deadline fired (a loaded machine may be slow
        // even to SELECT), what it sends next is refused, and the VERIFY never goes.
        try {
          const card = new JpkiCard(s.transport);
          await card.select();
          await new Promise((r) => setTimeout(r, 600));
          await card.verifyPin('auth', DEFAULT_PINS.auth);
        } catch (error) {
          lateError = error;
        } finally {
          bodyDone();
        }
      }),
    ).rejects.toMatchObject({ code: 'deadline-expired' });
    await finished;
    expect(lateError).toMatchObject({ code: 'deadline-expired' });
    expect(verifiesWithData(world)).toBe(0);
    expect(world.cardPower?.verified).toEqual([]);
  });

  it('counts every APDU of every session of an action in one tally', async () => {
    const { world, holder } = setUp();
    cleanup = () => holder.exclusive(1_000, (a) => a.drop());
    world.drainApduLog();
    const tally = new ApduTally();
    await runCardSession(holder, SPEC, tally, async (s) => new JpkiCard(s.transport).select());
    const afterFirst = tally.commands;
    await runCardSession(holder, SPEC, tally, async (s) => verifyAuth(s.transport));
    expect(afterFirst).toBeGreaterThan(0);
    expect(tally.commands).toBeGreaterThan(afterFirst);
    expect(tally.commands).toBe(world.drainApduLog().length);
  });
});

describe('one owner of the reader', () => {
  it('a re-pairing or forget waits for the session in flight instead of closing the reader under it', async () => {
    const { world, holder } = setUp();
    cleanup = () => holder.exclusive(1_000, (a) => a.drop());
    const order: string[] = [];
    const session = runCardSession(holder, SPEC, new ApduTally(), async (s) => {
      await verifyAuth(s.transport);
      await new Promise((r) => setTimeout(r, 200));
      const signature = await new JpkiCard(s.transport).sign('auth', 'SHA-256', DIGEST).catch(() => undefined);
      order.push(signature ? 'signed' : 'failed');
    });
    await new Promise((r) => setTimeout(r, 50));
    const drop = holder.exclusive(3_000, async (access) => {
      order.push('drop');
      await access.drop();
    });
    await Promise.all([session, drop]);
    expect(order).toEqual(['signed', 'drop']);
    expect(world.cardPower).toEqual({ powered: false, verified: [] });
  });

  it('an unplug reported by the source is handled after the session in flight', async () => {
    const { world, holder } = setUp();
    const order: string[] = [];
    holder.watch((change) => order.push(change));
    const session = runCardSession(holder, SPEC, new ApduTally(), async (s) => {
      await new JpkiCard(s.transport).select();
      await new Promise((r) => setTimeout(r, 200));
      order.push('session-end');
    });
    await new Promise((r) => setTimeout(r, 50));
    await world.update({ plugged: false }, 'none');
    await session.catch(() => undefined);
    const deadline = Date.now() + 2_000;
    while (!order.includes('reader') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(order.indexOf('session-end')).toBeLessThan(order.indexOf('reader'));
    expect(holder.identity).toBeUndefined();
  });
});
