/**
 * A PC/SC stack in memory for the companion's protocol tests: readers with or without a
 * card, a card that answers from a script, failures on demand, and a count of open
 * handles so a leak shows.
 */
import { PcscFailure, type PcscBackend, type PcscCard, type PcscEvent } from '../../native/src/pcsc';
import type { Disposition, HostErrorCode } from '../../src/reader/native/index';

export interface FakeReader {
  name: string;
  present: boolean;
  /** The card's answer to each APDU (default: 90 00). */
  answer?: (apdu: Uint8Array) => Uint8Array | Promise<Uint8Array>;
}

export class FakePcsc implements PcscBackend {
  readers: FakeReader[] = [];
  open = 0;
  closed = false;
  disconnects: Disposition[] = [];
  failNext: HostErrorCode | undefined;
  private listeners = new Set<(e: PcscEvent) => void>();

  constructor(...readers: FakeReader[]) {
    this.readers = readers;
  }

  private failing(): void {
    const code = this.failNext;
    this.failNext = undefined;
    if (code !== undefined) throw new PcscFailure(code, `fake ${code}`);
  }

  async listReaders() {
    this.failing();
    return this.readers.map(({ name, present }) => ({ name, present }));
  }

  async connect(name: string): Promise<PcscCard> {
    this.failing();
    const r = this.readers.find((x) => x.name === name);
    if (r === undefined) throw new PcscFailure('unknown-reader', `no reader named "${name}"`);
    if (!r.present) throw new PcscFailure('no-card', 'No smart card present');
    this.open++;
    let connected = true;
    return {
      atr: new Uint8Array([0x3b, 0xc5, 0xff, 0x81]),
      protocol: 'T=1',
      transmit: async (apdu) => {
        this.failing();
        if (!connected) throw new PcscFailure('unknown-handle', 'Card is not connected');
        return r.answer ? r.answer(apdu) : new Uint8Array([0x90, 0x00]);
      },
      beginTransaction: async () => this.failing(),
      endTransaction: async () => this.failing(),
      disconnect: async (d) => {
        connected = false;
        this.open--;
        this.disconnects.push(d);
        this.failing();
      },
    };
  }

  watch(listener: (e: PcscEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get watching(): number {
    return this.listeners.size;
  }

  emit(e: PcscEvent): void {
    for (const l of this.listeners) l(e);
  }

  close(): void {
    this.closed = true;
  }
}
