/**
 * The faults the virtual RC-S380 plays (issue 11 §2), and the air link they bite on: each
 * InCommRF passes through `air`, which charges air time, lets the card answer, and then
 * loses, damages or storms the answer as armed. Device-level faults (stall, silence, the
 * OS holding the interface) are flags the device reads.
 */
import { COMM_STATUS, type TypeBBitRate } from '../../spec/index';
import type { Port100Fault, Port100TimingModel } from './types';

/** ISO 14443-3 Type B frame on air: 10 etu per character, CRC_B (2 bytes), SOF ≈ 12 etu and EOF ≈ 11 etu. */
const SOF_EOF_ETU = 23;
const ETU_PER_BYTE = 10;
/** TR0 + TR1 before a card's answer at 106 kbit/s, ≈ 1024/fc + 1024/fc (defaults, ISO 14443-3 §7.10.3), in ms. */
const TURNAROUND_MS = 2048 / 13_560;

export class Port100Faults {
  lost = 0;
  corrupt = 0;
  nakStorm = false;
  wtxStorm: number | undefined;
  dropField = false;
  silent = false;
  heldByOs = false;
  removeMidChain = false;
  silentAbove106 = false;

  constructor(private readonly onStall: (endpoint: 'bulk-in' | 'bulk-out') => void) {}

  inject(f: Port100Fault): void {
    switch (f.kind) {
      case 'lost-frame': this.lost = f.count ?? 1; break;
      case 'corrupt-crc': this.corrupt = f.count ?? 1; break;
      case 'nak-storm': this.nakStorm = true; break;
      case 'wtx-storm': this.wtxStorm = f.multiplier ?? 1; break;
      case 'rf-field-drop': this.dropField = true; break;
      case 'silent': this.silent = true; break;
      case 'claimed-by-os': this.heldByOs = true; break;
      case 'card-removed-mid-chain': this.removeMidChain = true; break;
      case 'silent-above-106': this.silentAbove106 = true; break;
      case 'stall': this.onStall(f.endpoint); break;
    }
  }

  clear(): void {
    Object.assign(this, { lost: 0, corrupt: 0, nakStorm: false, wtxStorm: undefined, dropField: false, silent: false, heldByOs: false, removeMidChain: false, silentAbove106: false });
  }

  /** What the reader reports for an answer that did arrive (0 = intact). */
  damage(): number {
    if (this.nakStorm) return COMM_STATUS.CRC_ERROR;
    if (this.corrupt > 0) {
      this.corrupt--;
      return COMM_STATUS.CRC_ERROR;
    }
    if (this.lost > 0) {
      this.lost--;
      return COMM_STATUS.RECEIVE_TIMEOUT;
    }
    return 0;
  }
}

/** The timing model's clock: off (every charge zero) unless a model was given. */
export class Port100Clock {
  simulatedMs = 0;

  constructor(readonly model: Port100TimingModel, readonly enabled: boolean) {}

  /** Air time of an RF frame of `bytes` (CRC_B added by the reader) at the field's bit rate (1 etu = 1/rate ms per kbit/s). */
  frameMs(bytes: number, rate: TypeBBitRate): number {
    return ((bytes + 2) * ETU_PER_BYTE + SOF_EOF_ETU) / rate;
  }

  /** TR0 + TR1 are charged at their 106 kbit/s defaults at every rate (ATTRIB asks for the defaults). */
  air(bytes: number, answer: boolean, rate: TypeBBitRate): Promise<void> {
    return this.charge(this.frameMs(bytes, rate) + (answer ? TURNAROUND_MS : 0));
  }

  usb(): Promise<void> {
    return this.charge(this.model.usbLatencyMs);
  }

  charge(ms: number): Promise<void> {
    if (!this.enabled || !(ms > 0)) return Promise.resolve();
    this.simulatedMs += ms;
    if (this.model.clock === 'virtual') return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
