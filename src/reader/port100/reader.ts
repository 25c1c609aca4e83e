/**
 * Port100Reader: a Sony RC-S380 behind WebUSB as an ApduTransport (issue 11 §1), shaped
 * like CcidReader. "Power on" for a contactless card is RF on + Type B activation (REQB,
 * ATTRIB) + a fresh ISO-DEP session; "power off" is S(DESELECT) + RF off, which is what
 * clears a verified PIN (jpki-protocol §3.3). The field stays off while no session runs,
 * except for the brief REQB of a presence poll.
 */
import { CONFIG } from '../../config';
import { withDeadline } from '../../deadline';
import type { ApduTransport } from '../../card/index';
import { COMM_STATUS, commonBitRate, type TypeBBitRate } from '../../spec/index';
import { UsbTransport } from '../usb/index';
import { Port100Chip, type ChipTiming } from './chip';
import { CardLeftFieldError, NoCardInFieldError, Port100ClosedError, TypeBActivationError, UsbTimeoutError } from './errors';
import { IsoDepSession, type BlockResult } from './iso-dep';
import { openAndClaim } from './open';
import { attrib, haltB, isSilence, pseudoAtr, requestB, type Atqb } from './typeb';

export interface Port100OpenOptions {
  /** Deadline for one chip command whose RF timeout does not bound it (ms). */
  readonly timeoutMs?: number;
  /** Presence polling period for onSlotChange (ms). */
  readonly pollIntervalMs?: number;
  /** The fastest Type B rate asked for in ATTRIB (kbit/s); CONFIG.reader.port100MaxBitRate by default. */
  readonly maxBitRate?: TypeBBitRate;
}

export interface Port100Info {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  /** GetFirmwareVersion, e.g. "1.11". */
  readonly firmwareVersion: string;
  readonly commandType: number;
  readonly interfaceNumber: number;
}

/** What the current session runs at: the rate both ends switched to after ATTRIB. */
export interface Port100Link {
  readonly bitRate: TypeBBitRate;
}

export type Port100SlotState = 'active' | 'inactive' | 'absent';
export type Port100SlotListener = (present: boolean) => void;

/** FSDI 8 = FSD 256 (ATTRIB Param 2, §2.6): the card may then send 253 INF bytes per block, within the reader's 290. */
const FSDI = 8;
const FSD = 256;

export class Port100Reader implements ApduTransport {
  private session: IsoDepSession | undefined;
  private atqb: Atqb | undefined;
  private typeBConfigured = false;
  /** The chip's InSetRF rate (valid while typeBConfigured). REQB and ATTRIB always go at 106. */
  private chipRate: TypeBBitRate = 106;
  private rfOn = false;
  private closed = false;
  private operations: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readonly listeners = new Set<Port100SlotListener>();
  private pollTimer: ReturnType<typeof setInterval> | undefined;

  private constructor(
    private readonly transport: UsbTransport,
    private readonly chip: Port100Chip,
    readonly info: Port100Info,
    private readonly pollIntervalMs: number,
    /** Lowered to 106 for the open reader when a card stopped answering after a switch up. */
    private maxRate: TypeBBitRate,
  ) {}

  /** The rate of the running session, or undefined without one. */
  get link(): Port100Link | undefined {
    return this.session ? { bitRate: this.chipRate } : undefined;
  }

  /** Opens, claims and initialises the reader (ACK, command type, firmware, RF off: §2.4). A failed open closes what it opened. */
  static async open(device: USBDevice, options: Port100OpenOptions = {}): Promise<Port100Reader> {
    const timeoutMs = options.timeoutMs ?? CONFIG.reader.commandTimeoutMs;
    const controlMs = Math.min(timeoutMs, CONFIG.reader.controlTimeoutMs);
    const wasOpen = device.opened;
    try {
      const endpoints = await openAndClaim(device, controlMs);
      const transport = new UsbTransport(device, endpoints, controlMs);
      const timing: ChipTiming = {
        ackTimeoutMs: Math.min(timeoutMs, CONFIG.reader.port100AckTimeoutMs),
        responseMarginMs: CONFIG.reader.port100ResponseMarginMs,
        drainMs: CONFIG.reader.port100DrainMs,
        commandTimeoutMs: timeoutMs,
      };
      const chip = new Port100Chip(transport, timing);
      await chip.ack();
      const commandType = await chip.chooseCommandType();
      const firmwareVersion = await chip.firmwareVersion();
      await chip.switchRf(false);
      const info: Port100Info = Object.freeze({
        vendorId: device.vendorId,
        productId: device.productId,
        productName: device.productName ?? '',
        firmwareVersion,
        commandType,
        interfaceNumber: endpoints.interfaceNumber,
      });
      return new Port100Reader(transport, chip, info, options.pollIntervalMs ?? CONFIG.reader.port100PollIntervalMs, options.maxBitRate ?? CONFIG.reader.port100MaxBitRate);
    } catch (e) {
      if (!wasOpen && device.opened) {
        const hung = () => new UsbTimeoutError(`close after a failed open did not complete within ${controlMs} ms`, { timeoutMs: controlMs });
        await withDeadline(controlMs, hung, device.close()).catch(() => undefined);
      }
      throw e;
    }
  }

  /** Cold activation: a session this reader started ends first (DESELECT, RF off), then REQB and ATTRIB. Returns the pseudo-ATR. */
  powerOn(): Promise<Uint8Array> {
    return this.serially(() => this.activate());
  }

  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    return this.serially(async () => {
      if (!this.session) await this.activate();
      try {
        return await this.session!.transceive(apdu);
      } catch (e) {
        // Block numbers are unknown after any failure: the next command activates afresh.
        await this.dropSession(e instanceof CardLeftFieldError);
        throw e;
      }
    });
  }

  powerOff(): Promise<void> {
    return this.serially(() => this.deactivate());
  }

  /** active: a session runs and the card answers R(NAK); inactive: a card answers REQB; absent: nobody answers. */
  slotStatus(): Promise<Port100SlotState> {
    return this.serially(() => this.probe());
  }

  onSlotChange(listener: Port100SlotListener): () => void {
    this.assertOpen();
    this.listeners.add(listener);
    if (this.pollTimer === undefined) this.startPolling();
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.pollTimer);
    this.listeners.clear();
    // Closing waits for the command in flight, then leaves the field off and the chip reset (nfcpy close: RF off, ACK).
    await this.serially(async () => {
      await this.deactivate().catch(() => undefined);
      await this.chip.ack().catch(() => undefined);
    }).catch(() => undefined);
    this.closed = true;
    this.session = undefined;
    await this.transport.close();
  }

  private async activate(): Promise<Uint8Array> {
    const wasOn = this.rfOn || this.session !== undefined;
    await this.deactivate();
    // ISO 14443-3 §6.2.4 (as we recall it; UNCONFIRMED): a field reset lasts long enough for the card to lose power.
    if (wasOn) await new Promise((r) => setTimeout(r, CONFIG.reader.typeBFieldResetMs));
    const link = this.rfLink();
    await this.configure();
    let atqb: Atqb;
    try {
      atqb = await requestB(link, CONFIG.reader.typeBActivationTimeoutMs);
    } catch (e) {
      await this.fieldOff();
      throw e;
    }
    const rate = commonBitRate(atqb.bitRateCapability, this.maxRate);
    let mbli: number;
    try {
      mbli = await attrib(link, atqb, FSDI, rate, CONFIG.reader.typeBActivationTimeoutMs);
    } catch (e) {
      await haltB(link, atqb.pupi, CONFIG.reader.typeBActivationTimeoutMs);
      await this.fieldOff();
      throw e;
    }
    this.atqb = atqb;
    const session = new IsoDepSession((block, ms) => this.blockLink(block, ms), {
      fsc: atqb.fsc,
      fsd: FSD,
      fwtMs: atqb.fwtMs,
      maxRetries: CONFIG.reader.isoDepMaxRetries,
      maxWtx: CONFIG.reader.isoDepMaxWtx,
    });
    this.session = session;
    if (rate !== 106) {
      // The card takes the new rate once it has answered ATTRIB (ISO 14443-3); the reader follows.
      try {
        await this.chip.setTypeBRate(rate);
      } catch (e) {
        this.session = undefined;
        this.typeBConfigured = false;
        await this.fieldOff().catch(() => undefined);
        throw e;
      }
      this.chipRate = rate;
      // One R(NAK) before any APDU shows both ends speak it (UNCONFIRMED for this reader and card), so no APDU is lost to a rate only one side took.
      if (!(await session.present())) {
        // The field stays on here, so activate() resets the card (field off, the reset wait) before REQB at 106.
        this.maxRate = 106;
        this.session = undefined;
        this.atqb = undefined;
        return this.activate();
      }
    }
    return pseudoAtr(atqb, mbli);
  }

  private async deactivate(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.atqb = undefined;
    if (session) await session.deselect().catch(() => undefined);
    if (this.rfOn || session) await this.fieldOff();
  }

  private async dropSession(cardGone: boolean): Promise<void> {
    this.session = undefined;
    this.atqb = undefined;
    if (cardGone) await this.fieldOff().catch(() => undefined);
  }

  /** RF off; only a reader that confirmed it counts as off, so a failed attempt is repeated before the next activation. */
  private async fieldOff(): Promise<void> {
    try {
      await this.chip.switchRf(false);
      this.rfOn = false;
    } catch (e) {
      this.typeBConfigured = false;
      throw e;
    }
  }

  /**
   * The Type B settings persist in the chip (the kernel sends them once, §2.5): once per
   * open. REQB is always sent at 106, so a chip left at a session's faster rate goes back.
   */
  private async configure(): Promise<void> {
    if (!this.typeBConfigured) {
      await this.chip.configureTypeB();
      this.chipRate = 106;
      this.typeBConfigured = true;
      return;
    }
    if (this.chipRate === 106) return;
    await this.chip.setTypeBRate(106);
    this.chipRate = 106;
  }

  private rfLink() {
    return async (data: Uint8Array, timeoutMs: number) => {
      // InCommRF switches the field on by itself (facts §2.4, I141).
      this.rfOn = true;
      return this.chip.inCommRf(data, timeoutMs);
    };
  }

  private async blockLink(block: Uint8Array, timeoutMs: number): Promise<BlockResult> {
    const reply = await this.rfLink()(block, timeoutMs);
    if (reply.status === 0) return reply.data;
    if (isSilence(reply.status)) return 'timeout';
    // CRC, parity, framing or length errors: the block arrived damaged (ISO-DEP rule 4 answers it).
    if (reply.status & (COMM_STATUS.RF_OFF_ERROR | COMM_STATUS.TEMPERATURE_ERROR)) return 'timeout';
    return 'invalid';
  }

  private async probe(): Promise<Port100SlotState> {
    this.assertOpen();
    if (this.session) {
      if (await this.session.present()) return 'active';
      await this.dropSession(true);
      return 'absent';
    }
    await this.configure();
    try {
      await requestB(this.rfLink(), CONFIG.reader.typeBActivationTimeoutMs);
      return 'inactive';
    } catch (e) {
      if (e instanceof NoCardInFieldError) return 'absent';
      // A card whose ATQB we cannot use is still a card in the field.
      if (e instanceof TypeBActivationError) return 'inactive';
      throw e;
    } finally {
      await this.fieldOff().catch(() => undefined);
    }
  }

  private startPolling(): void {
    let last: boolean | undefined;
    this.pollTimer = setInterval(() => {
      // A poll never queues behind a session: the next tick looks again.
      if (this.closed || this.pending > 0) return;
      this.slotStatus()
        .then((state) => {
          const present = state !== 'absent';
          if (last !== undefined && present !== last) for (const l of [...this.listeners]) l(present);
          last = present;
        })
        .catch(() => undefined);
    }, this.pollIntervalMs);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const next = this.operations.then(() => {
      this.assertOpen();
      return work();
    });
    this.operations = next.catch(() => undefined);
    return next.finally(() => {
      this.pending--;
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Port100ClosedError('the reader was closed', {});
  }
}
