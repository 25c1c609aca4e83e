/**
 * One CCID interface of the virtual reader, below the WebUSB surface: it collects the
 * bytes of bulk-OUT transfers into PC_to_RDR messages (a message may span transfers
 * that end on a full packet), answers each in order through its slot, shapes the reply
 * with the armed faults, and queues it on bulk-IN; slot changes go to interrupt-IN as
 * NotifySlotChange (facts B1: bit 0 present, bit 1 changed, two bits per slot).
 */
import { INTERRUPT, SLOT_ICC_STATE } from '../../spec/index';
import { INTERRUPT_PACKET_SIZE, type CcidEndpoints } from './descriptors';
import type { FaultBoard } from './faults';
import { encodeReply, parsePcToRdr } from './messages';
import { InPipe } from '../usb/index';
import { VirtualSlot, type SlotCounters } from './slot';
import type { TimingClock } from './timing';
import type { InterfaceProfile } from './types';

/** Events kept while nobody reads the interrupt endpoint: a reader holds only recent state. */
const MAX_QUEUED_EVENTS = 4;

export interface FunctionContext {
  readonly faults: FaultBoard;
  readonly clock: TimingClock;
  readonly counters: SlotCounters;
  readonly packetSize: number;
  /** Whether the host has claimed this interface (events are only queued then). */
  isClaimed(): boolean;
}

export class CcidFunction {
  readonly slot: VirtualSlot;
  readonly bulkIn: InPipe | null;
  readonly interrupt: InPipe | null;
  private pending: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** Bumped by flush(): an answer computed across an unplug or reset is lost, as on hardware. */
  private generation = 0;

  constructor(readonly iface: InterfaceProfile, readonly endpoints: CcidEndpoints, private readonly ctx: FunctionContext) {
    this.bulkIn = endpoints.bulkIn === undefined ? null : new InPipe(endpoints.bulkIn, ctx.packetSize, true);
    this.interrupt = endpoints.interrupt === undefined ? null : new InPipe(endpoints.interrupt, INTERRUPT_PACKET_SIZE, false);
    this.slot = new VirtualSlot(iface, { faults: ctx.faults, clock: ctx.clock, counters: ctx.counters, notify: (p) => this.notify(p) });
  }

  /** Bytes of one bulk-OUT transfer. Never throws: malformed input becomes the CCID error reply. */
  receive(bytes: Uint8Array): void {
    this.pending.push(...bytes);
    const endedOnPacketBoundary = bytes.length > 0 && bytes.length % this.ctx.packetSize === 0;
    const message = Uint8Array.from(this.pending);
    const c = this.iface.ccid;
    const parsed = parsePcToRdr(message, c.dwMaxCCIDMessageLength, c.bMaxSlotIndex, endedOnPacketBoundary, (s) => this.slot.iccStatus(s));
    if (!parsed.ok && parsed.partial) return;
    this.pending = [];
    const generation = this.generation;
    this.queue = this.queue.then(async () => {
      if (this.ctx.faults.silent || generation !== this.generation) return;
      const reply = parsed.ok ? await this.slot.handle(parsed.message) : parsed.reply;
      // The reader went quiet, lost power or was reset while the card worked.
      if (this.ctx.faults.silent || generation !== this.generation) return;
      for (const frame of this.ctx.faults.shape(encodeReply(reply))) this.bulkIn?.push(frame);
    }).catch(() => undefined);
  }

  /** Waits until every accepted command has been answered (tests, bench). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Forgets half-received messages and queued replies (reset, unplug). */
  flush(): void {
    this.generation++;
    this.pending = [];
    this.bulkIn?.clear();
    this.interrupt?.clear();
  }

  fail(error: unknown): void {
    this.bulkIn?.fail(error);
    this.interrupt?.fail(error);
  }

  private notify(present: boolean): void {
    if (this.interrupt === null || !this.ctx.isClaimed()) return;
    const slots = this.iface.ccid.bMaxSlotIndex + 1;
    const event = new Uint8Array(1 + Math.ceil((slots * SLOT_ICC_STATE.bitsPerSlot) / 8));
    event[0] = INTERRUPT.NotifySlotChange;
    event[1] = SLOT_ICC_STATE.changed | (present ? SLOT_ICC_STATE.present : 0);
    if (this.interrupt.pendingFrames >= MAX_QUEUED_EVENTS) this.interrupt.clear();
    this.interrupt.push(event);
  }
}
