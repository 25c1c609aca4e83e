import { describe, expect, it } from 'vitest';
import { SessionQueue } from '../../src/extension/background/session/index';
import { withDeadline } from '../../src/deadline';
import { DeadlineExpiredError, SessionBusyError } from '../../src/extension/background/errors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one session with the reader at a time', () => {
  it('runs requests one after another, in the order they came', async () => {
    const queue = new SessionQueue();
    const events: string[] = [];
    const job = (name: string, ms: number) =>
      queue.run(1_000, async () => {
        events.push(`start ${name}`);
        await sleep(ms);
        events.push(`end ${name}`);
        return name;
      });
    expect(await Promise.all([job('a', 20), job('b', 5), job('c', 1)])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.idle).toBe(true);
  });

  it('gives up waiting behind a stuck session with session-busy, and the queue still moves after', async () => {
    const queue = new SessionQueue();
    let release!: () => void;
    const stuck = queue.run(1_000, () => new Promise<void>((r) => (release = r)));
    await expect(queue.run(20, async () => 'never')).rejects.toBeInstanceOf(SessionBusyError);
    release();
    await stuck;
    expect(await queue.run(20, async () => 'next')).toBe('next');
  });

  it('a failing session releases the reader for the next one', async () => {
    const queue = new SessionQueue();
    await expect(queue.run(100, async () => Promise.reject(new Error('card removed')))).rejects.toThrow('card removed');
    expect(await queue.run(100, async () => 'ok')).toBe('ok');
  });
});

describe('deadlines', () => {
  it('expiry runs the caller’s cleanup, aborts the work and rejects with the caller’s error', async () => {
    let cleaned = false;
    let aborted = false;
    const result = withDeadline(
      20,
      () => {
        cleaned = true;
        return new DeadlineExpiredError('too slow');
      },
      (signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => (aborted = true));
          setTimeout(resolve, 1_000);
        }),
    );
    await expect(result).rejects.toBeInstanceOf(DeadlineExpiredError);
    expect(cleaned).toBe(true);
    expect(aborted).toBe(true);
  });

  it('work that finishes in time is returned and the timer is gone', async () => {
    const started = Date.now();
    expect(await withDeadline(1_000, () => new DeadlineExpiredError('x'), async () => 42)).toBe(42);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
