/**
 * The generic WebUSB transport every USB reader driver rides on (CCID, Port-100): bulk
 * and interrupt transfers on one claimed interface, each with a deadline (WebUSB
 * transfers have none, facts A2), packet-wise reads of a message whose length the
 * caller's `lengthOf` tells, STALL clearing, mapping of WebUSB failures to the
 * transport vocabulary (./errors.ts) and recovery from a hung transfer by release and
 * reclaim. It knows no protocol: no message layout, no command, no class.
 */
import { withDeadline } from '../../deadline';
import { logWire } from '../../wire-log';
import { UsbDisconnectedError, UsbStallError, UsbTimeoutError, UsbTransferError } from './errors';

/** The claimed interface and the endpoints the transport drives (packet sizes from the descriptor). */
export interface TransportEndpoints {
  readonly interfaceNumber: number;
  readonly bulkIn: { readonly number: number; readonly packetSize: number };
  readonly bulkOut: { readonly number: number; readonly packetSize: number };
  readonly interruptIn?: { readonly number: number; readonly packetSize: number };
}

/** The DOMException name WebUSB rejected with ('NotFoundError', 'SecurityError', ...), or ''. */
export function domName(e: unknown): string {
  return typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : '';
}

export class UsbTransport {
  /** A bulk-IN transfer left pending by a timeout; the next read adopts it instead of racing it (facts A2). */
  private orphanIn: Promise<USBInTransferResult> | undefined;

  constructor(
    private readonly device: USBDevice,
    readonly endpoints: TransportEndpoints,
    /** Deadline for clearHalt and other housekeeping transfers (ms). */
    private readonly controlTimeoutMs: number,
  ) {}

  /** Maps a WebUSB rejection: NotFoundError (or a closed device) means unplugged. */
  mapError(e: unknown, what: string): Error {
    if (e instanceof UsbTimeoutError || e instanceof UsbStallError || e instanceof UsbDisconnectedError) return e;
    const name = domName(e);
    if (name === 'NotFoundError' || !this.device.opened) {
      return new UsbDisconnectedError(`the reader was disconnected during ${what}`, { during: what }, { cause: e });
    }
    return new UsbTransferError(`${what} failed: ${e instanceof Error ? e.message : String(e)}`, { during: what, domError: name }, { cause: e });
  }

  async send(bytes: Uint8Array, deadlineMs: number): Promise<void> {
    logWire('usb', '>', bytes);
    const ep = this.endpoints.bulkOut.number;
    // No explicit ZLP after a packet-multiple OUT: the protocols above carry their own length
    // (CCID dwLength; libccid sends none), and whether Chrome forwards an empty transferOut
    // as a ZLP is UNCONFIRMED (facts B4).
    const result = await this.guard('bulk-OUT', deadlineMs, () => this.device.transferOut(ep, bytes.slice()));
    if (result.status === 'stall') {
      await this.clearHalt('out', ep);
      throw new UsbStallError('the reader stalled the bulk-OUT endpoint', { endpoint: ep });
    }
    if (result.bytesWritten !== bytes.length) {
      throw new UsbTransferError(`bulk-OUT wrote ${result.bytesWritten} of ${bytes.length} bytes`, { during: 'bulk-OUT' });
    }
  }

  /**
   * Reads one message: first one packet, then the rest rounded up to whole packets,
   * so a reply whose length is an exact multiple of wMaxPacketSize without a ZLP
   * cannot hang us and no read overflows ("babble", facts B4). Zero-length packets
   * are skipped. `lengthOf` returns the message length once known, undefined while
   * more header is needed, or null when the bytes cannot start a message (stray bytes
   * a reader left after an earlier one), which are dropped. Bytes past the message
   * are returned; the decoder ignores them.
   */
  async receive(lengthOf: (head: Uint8Array) => number | null | undefined, maxLength: number, deadlineMs: number): Promise<Uint8Array> {
    const packet = this.endpoints.bulkIn.packetSize;
    const until = Date.now() + deadlineMs;
    let buf = new Uint8Array(0);
    for (let reads = 0; ; reads++) {
      let need = lengthOf(buf);
      if (need === null) {
        logWire('usb', '<', buf);
        buf = new Uint8Array(0);
        need = undefined;
      }
      if (need !== undefined && buf.length >= need) break;
      const missing = need === undefined ? packet : Math.min(need, maxLength) - buf.length;
      const ask = Math.max(packet, Math.ceil(missing / packet) * packet);
      // Each read has a deadline, but a reader that keeps sending zero-length packets or
      // stray bytes answers every read in time; the message as a whole must not outlive it.
      const left = until - Date.now();
      if (left <= 0 && reads > 0) throw new UsbTimeoutError(`the reader did not complete a message within ${deadlineMs} ms`, { timeoutMs: deadlineMs });
      const chunk = await this.readBulk(ask, Math.max(1, left));
      if (chunk.length === 0) continue;
      const next = new Uint8Array(buf.length + chunk.length);
      next.set(buf);
      next.set(chunk, buf.length);
      buf = next;
      if (need !== undefined && need > maxLength) break;
    }
    logWire('usb', '<', buf);
    return buf;
  }

  private async readBulk(length: number, deadlineMs: number): Promise<Uint8Array> {
    const ep = this.endpoints.bulkIn.number;
    const pending = this.orphanIn ?? this.device.transferIn(ep, length);
    this.orphanIn = pending;
    let result: USBInTransferResult;
    try {
      result = await withDeadline(deadlineMs, () => new UsbTimeoutError(`the reader did not answer within ${deadlineMs} ms`, { timeoutMs: deadlineMs }), pending);
      this.orphanIn = undefined;
    } catch (e) {
      if (!(e instanceof UsbTimeoutError)) this.orphanIn = undefined;
      throw this.mapError(e, 'bulk-IN');
    }
    if (result.status === 'stall') {
      await this.clearHalt('in', ep);
      throw new UsbStallError('the reader stalled the bulk-IN endpoint', { endpoint: ep });
    }
    if (result.status === 'babble') {
      throw new UsbTransferError('the reader sent more than was asked for (babble)', { during: 'bulk-IN', reason: 'babble' });
    }
    const data = result.data;
    return data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice() : new Uint8Array(0);
  }

  /** One interrupt-IN read; no deadline because it is an event source, ended by close(). */
  async readInterrupt(): Promise<Uint8Array> {
    const ep = this.endpoints.interruptIn;
    if (!ep) throw new UsbTransferError('the reader has no interrupt endpoint', { during: 'interrupt-IN' });
    let result: USBInTransferResult;
    try {
      result = await this.device.transferIn(ep.number, ep.packetSize);
    } catch (e) {
      throw this.mapError(e, 'interrupt-IN');
    }
    if (result.status === 'stall') {
      await this.clearHalt('in', ep.number);
      return new Uint8Array(0);
    }
    const data = result.data;
    const bytes = data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice() : new Uint8Array(0);
    if (bytes.length) logWire('usb', '<', bytes);
    return bytes;
  }

  /** A class request to the claimed interface (e.g. CCID §5.3 ABORT); `value` is the caller's wValue. */
  async classRequestOut(request: number, value: number, deadlineMs: number): Promise<void> {
    const setup: USBControlTransferParameters = {
      requestType: 'class',
      recipient: 'interface',
      request,
      value,
      index: this.endpoints.interfaceNumber,
    };
    const result = await this.guard('class request', deadlineMs, () => this.device.controlTransferOut(setup));
    if (result.status !== 'ok') {
      throw new UsbStallError(`the reader refused class request 0x${request.toString(16)}`, { request });
    }
  }

  /**
   * Kills a hung transfer: WebUSB can only cancel one by releasing the interface,
   * resetting or closing (facts A2). Release + claim keeps the pairing and the open device.
   */
  async recover(deadlineMs: number): Promise<void> {
    const n = this.endpoints.interfaceNumber;
    try {
      await withDeadline(deadlineMs, () => new UsbTimeoutError('releaseInterface hung', {}), this.device.releaseInterface(n));
    } catch {
      // Already released or unsupported; claiming again below tells us whether the device lives.
    }
    this.orphanIn?.catch(() => undefined);
    try {
      await this.guard('claimInterface', deadlineMs, () => this.device.claimInterface(n));
    } finally {
      // If release cancelled the orphan it rejected; if not, keep adopting it.
      this.orphanIn = (await stillPending(this.orphanIn)) ? this.orphanIn : undefined;
    }
  }

  /**
   * Releases the interface and closes the device, each within the control deadline; a
   * reader that never finishes either is left behind rather than hanging the caller.
   */
  async close(): Promise<void> {
    const hung = (what: string) => () => new UsbTimeoutError(`${what} did not complete within ${this.controlTimeoutMs} ms`, { timeoutMs: this.controlTimeoutMs, during: what });
    await withDeadline(this.controlTimeoutMs, hung('releaseInterface'), this.device.releaseInterface(this.endpoints.interfaceNumber)).catch(() => undefined);
    await withDeadline(this.controlTimeoutMs, hung('close'), this.device.close()).catch(() => undefined);
  }

  /** Clears a halted endpoint within the control deadline. */
  async clearHalt(direction: USBDirection, ep: number): Promise<void> {
    try {
      await withDeadline(this.controlTimeoutMs, () => new UsbTimeoutError('clearHalt hung', {}), this.device.clearHalt(direction, ep));
    } catch (e) {
      throw this.mapError(e, 'clearHalt');
    }
  }

  private async guard<T>(what: string, deadlineMs: number, op: () => Promise<T>): Promise<T> {
    try {
      return await withDeadline(deadlineMs, () => new UsbTimeoutError(`${what} did not complete within ${deadlineMs} ms`, { timeoutMs: deadlineMs, during: what }), op());
    } catch (e) {
      throw this.mapError(e, what);
    }
  }
}

/** Whether the promise is still pending after the current turn. */
async function stillPending<T>(p: Promise<T> | undefined): Promise<boolean> {
  if (!p) return false;
  const marker = Symbol('pending');
  const winner = await Promise.race([p.then(() => undefined, () => undefined), Promise.resolve(marker)]);
  if (winner === marker) {
    // One more turn so a rejection caused by releaseInterface has landed.
    await new Promise((r) => setTimeout(r, 0));
    const again = await Promise.race([p.then(() => undefined, () => undefined), Promise.resolve(marker)]);
    return again === marker;
  }
  return false;
}
