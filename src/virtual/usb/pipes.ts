/**
 * An IN endpoint's FIFO as a host sees it through WebUSB (facts B4): a transferIn stays
 * pending until the device has data (WebUSB has no timeout, facts A2); a bulk read of a
 * multiple of wMaxPacketSize takes what fits and leaves the rest of the message for the
 * next read; a read of any other size that is too small overflows ('babble', libccid
 * CCID #161). Pending reads reject when the device is closed, released or unplugged.
 */
export interface InResult {
  readonly status: USBTransferStatus;
  readonly data: Uint8Array;
}

interface Waiter {
  readonly length: number;
  readonly resolve: (r: InResult) => void;
  readonly reject: (e: unknown) => void;
}

export class InPipe {
  private readonly frames: Uint8Array[] = [];
  private readonly waiters: Waiter[] = [];

  constructor(readonly endpointNumber: number, private readonly packetSize: number, private readonly bulk: boolean) {}

  get pendingFrames(): number {
    return this.frames.length;
  }

  push(frame: Uint8Array): void {
    this.frames.push(frame);
    this.serve();
  }

  read(length: number): Promise<InResult> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ length, resolve, reject });
      this.serve();
    });
  }

  /** Rejects every pending read (close, release, unplug). */
  fail(error: unknown): void {
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  /** Ends every pending read with STALL (the endpoint halted under it). */
  stallPending(): void {
    for (const w of this.waiters.splice(0)) w.resolve({ status: 'stall', data: new Uint8Array(0) });
  }

  clear(): void {
    this.frames.length = 0;
  }

  private serve(): void {
    while (this.waiters.length > 0 && this.frames.length > 0) {
      const w = this.waiters.shift()!;
      w.resolve(this.take(w.length));
    }
  }

  private take(length: number): InResult {
    const head = this.frames[0]!;
    if (head.length <= length) {
      this.frames.shift();
      return { status: 'ok', data: head };
    }
    if (this.bulk && length > 0 && length % this.packetSize === 0) {
      this.frames[0] = head.subarray(length);
      return { status: 'ok', data: head.slice(0, length) };
    }
    // The device sent a packet the buffer cannot hold: the host controller reports overflow and the message is lost.
    this.frames.shift();
    return { status: 'babble', data: head.slice(0, length) };
  }
}
