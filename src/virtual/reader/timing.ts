/**
 * The timing model (issue 4 §2): USB latency per transfer and card time per APDU and
 * per byte, on the contact link at the ATR's rate or contactless at 424 kbit/s. Off by
 * default. With the virtual clock time only accumulates; with the real clock each
 * charge is a setTimeout, which the extension's popup uses to feel like hardware.
 */
import type { TimingModel } from './types';

export const INSTANT: TimingModel = Object.freeze({
  usbLatencyMs: 0, cardMsPerApdu: 0, cardMsPerByte: 0, link: 'contact', clock: 'virtual',
});

/** ISO 14443 at 424 kbit/s; a byte costs 10 bit times with its start and stop framing. */
const CONTACTLESS_MS_PER_BYTE = (10 / 424_000) * 1000;
/** ISO 7816-3: a character frame is 10 etu plus at least 2 etu of guard time (12 etu with N = 0). */
const ETU_PER_CONTACT_BYTE = 12;

export class TimingClock {
  simulatedMs = 0;
  /** ms per elementary time unit on the contact link; set from the ATR/PPS when the card powers on. */
  etuMs = 0;

  /** `enabled` false (no timing option given): every charge is zero, so tests run instantly. */
  constructor(readonly model: TimingModel, readonly enabled: boolean) {}

  /** Time for `bytes` on the card link. */
  linkMs(bytes: number): number {
    if (!this.enabled) return 0;
    return this.model.link === 'contactless' ? bytes * CONTACTLESS_MS_PER_BYTE : bytes * ETU_PER_CONTACT_BYTE * this.etuMs;
  }

  usb(): Promise<void> {
    return this.charge(this.model.usbLatencyMs);
  }

  apdu(bytes: number): Promise<void> {
    return this.charge(this.model.cardMsPerApdu + this.model.cardMsPerByte * bytes);
  }

  link(bytes: number): Promise<void> {
    return this.charge(this.linkMs(bytes));
  }

  charge(ms: number): Promise<void> {
    if (!this.enabled || !(ms > 0)) return Promise.resolve();
    this.simulatedMs += ms;
    if (this.model.clock === 'virtual') return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
