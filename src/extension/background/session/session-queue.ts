/**
 * One session with the reader at a time (issue 5 §1): requests wait in arrival order.
 * A request that cannot start within its wait deadline fails with SessionBusyError
 * instead of waiting forever behind a stuck one.
 */
import { SessionBusyError } from '../errors';

interface Waiter {
  readonly start: () => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class SessionQueue {
  private busy = false;
  private readonly waiting: Waiter[] = [];

  get idle(): boolean {
    return !this.busy && this.waiting.length === 0;
  }

  async run<T>(waitMs: number, work: () => Promise<T>): Promise<T> {
    await this.acquire(waitMs);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(waitMs: number): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(new SessionBusyError(`the reader stayed busy for ${waitMs} ms`, { waitMs }));
        }, waitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next === undefined) {
      this.busy = false;
      return;
    }
    clearTimeout(next.timer);
    next.start();
  }
}
