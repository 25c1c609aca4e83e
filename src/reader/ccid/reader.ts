/**
 * CcidReader: one CCID slot behind WebUSB, implementing ApduTransport (issue 4 §1).
 * open() does the USB work once (open.ts), turns quirks into capabilities once
 * (quirks.ts), and refuses readers it cannot drive before touching the card.
 */
import { CONFIG } from '../../config';
import { withDeadline } from '../../deadline';
import type { ApduTransport } from '../../card/index';
import { ATR_TS, FEATURE, POWER_SELECT } from '../../spec/index';
import { COMMANDS, decodeInterrupt } from './messages';
import { parseAtr } from './atr';
import { SlotChannel, DEFAULT_SLOT_TIMING } from './slot';
import { UsbTransport } from '../usb/index';
import { bcdDeviceOf, capabilitiesFor } from './quirks';
import { checkSupport, startExchange, type Exchange } from './exchange';
import { claim, locateCcidInterface, openDevice, readConfigurationDescriptor } from './open';
import {
  CardMuteError,
  NoCardError,
  ReaderClosedError,
  ReaderDisconnectedError,
  ReaderHardwareError,
  ReaderTimeoutError,
  T1ResyncFailedError,
  UnsupportedReaderError,
} from './errors';
import type { CcidOpenOptions, ReaderInfo, SlotChangeListener, SlotState } from './types';
import type { CcidDescriptor } from './types';
import type { ReaderCapabilities } from './quirks';

/**
 * bPowerSelect order when the reader does not choose the voltage itself: ISO 7816-3
 * §6.2.4 activates with the lowest class first, then the next higher on failure
 * (libccid cycles the same way after an ICC-mute answer, facts B4).
 */
const VOLTAGES = [
  { bit: 0x04, select: POWER_SELECT.v1_8 },
  { bit: 0x02, select: POWER_SELECT.v3 },
  { bit: 0x01, select: POWER_SELECT.v5 },
] as const;

/** Re-arming the interrupt read after an error: 10 ms, doubling up to 1 s, so a broken endpoint cannot spin. */
const INTERRUPT_RETRY_MS = 10;
const INTERRUPT_RETRY_MAX_MS = 1000;

export class CcidReader implements ApduTransport {
  private exchange: Exchange | undefined;
  private closed = false;
  private readonly listeners = new Set<SlotChangeListener>();
  private watching = false;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private operations: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly transport: UsbTransport,
    private readonly slot: SlotChannel,
    private readonly descriptor: CcidDescriptor,
    private readonly caps: ReaderCapabilities,
    readonly info: ReaderInfo,
    private readonly options: Required<Pick<CcidOpenOptions, 'timeoutMs' | 'pollIntervalMs'>>,
  ) {}

  /**
   * Opens, checks and claims the reader. A failed open closes the device again if this
   * call opened it (issue 14 L4): a refused reader (protected class, unsupported, busy)
   * is not left open for the next program or the next try.
   */
  static async open(device: USBDevice, options: CcidOpenOptions = {}): Promise<CcidReader> {
    const timeoutMs = options.timeoutMs ?? CONFIG.reader.commandTimeoutMs;
    const controlMs = Math.min(timeoutMs, CONFIG.reader.controlTimeoutMs);
    const wasOpen = device.opened;
    try {
      return await CcidReader.openOpened(device, options, timeoutMs, controlMs);
    } catch (e) {
      if (!wasOpen && device.opened) {
        const hung = () => new ReaderTimeoutError(`close after a failed open did not complete within ${controlMs} ms`, { timeoutMs: controlMs });
        await withDeadline(controlMs, hung, device.close()).catch(() => undefined);
      }
      throw e;
    }
  }

  private static async openOpened(device: USBDevice, options: CcidOpenOptions, timeoutMs: number, controlMs: number): Promise<CcidReader> {
    const configIndex = await openDevice(device, controlMs);
    const config = await readConfigurationDescriptor(device, configIndex, controlMs);
    const found = locateCcidInterface(device, config);
    const caps = capabilitiesFor({ vendorId: device.vendorId, productId: device.productId, bcdDevice: bcdDeviceOf(device) }, found.descriptor);
    checkSupport(found.descriptor, caps, {
      vendorId: device.vendorId,
      productId: device.productId,
      interfaceClass: found.iface.interfaceClass,
      dwFeatures: found.descriptor.dwFeatures,
    });
    const slotIndex = options.slot ?? 0;
    if (slotIndex > found.descriptor.bMaxSlotIndex) {
      throw new UnsupportedReaderError(`slot ${slotIndex} does not exist`, { reason: 'no-such-slot', slot: slotIndex });
    }
    await claim(device, found.endpoints.interfaceNumber, controlMs);
    const transport = new UsbTransport(device, found.endpoints, controlMs);
    const slot = new SlotChannel(transport, slotIndex, caps.maxMessageLength, { ...DEFAULT_SLOT_TIMING, commandTimeoutMs: timeoutMs, controlTimeoutMs: controlMs });
    const info: ReaderInfo = Object.freeze({
      vendorId: device.vendorId,
      productId: device.productId,
      productName: device.productName ?? '',
      interfaceClass: found.iface.interfaceClass,
      interfaceNumber: found.iface.interfaceNumber,
      exchangeLevel: found.descriptor.exchangeLevel,
      protocols: found.descriptor.protocols,
      maxMessageLength: caps.maxMessageLength,
      maxIfsd: caps.maxIfsd,
      slotCount: found.descriptor.bMaxSlotIndex + 1,
      dwFeatures: found.descriptor.dwFeatures,
      hasInterruptEndpoint: found.endpoints.interruptIn !== undefined,
      descriptor: found.descriptor,
    });
    return new CcidReader(transport, slot, found.descriptor, caps, info, {
      timeoutMs,
      pollIntervalMs: options.pollIntervalMs ?? CONFIG.reader.slotPollIntervalMs,
    });
  }

  /** Powers the card (cycling voltages on ICC mute), prepares the exchange, returns the ATR. */
  powerOn(): Promise<Uint8Array> {
    return this.serially(() => this.doPowerOn());
  }

  private async doPowerOn(): Promise<Uint8Array> {
    this.assertOpen();
    // A card this reader powered is switched off first: a second IccPowerOn would be a warm
    // reset, which keeps a verified PIN (jpki-protocol §3.3). A card powered before this
    // reader was opened is the session's to power off (it reads the slot status anyway).
    if (this.exchange !== undefined) await this.slot.run(COMMANDS.iccPowerOff(), { allowFailure: true });
    this.exchange = undefined;
    const auto = (this.descriptor.dwFeatures & (FEATURE.AUTO_VOLTAGE | FEATURE.AUTO_ACTIVATION_ON_INSERT)) !== 0;
    // With automatic voltage one more try covers a card still settling after insertion.
    const selects: number[] = auto ? [POWER_SELECT.auto, POWER_SELECT.auto] : VOLTAGES.filter((v) => this.descriptor.bVoltageSupport & v.bit).map((v) => v.select);
    if (selects.length === 0) selects.push(POWER_SELECT.auto);
    let lastMute: unknown;
    for (const select of selects) {
      try {
        const reply = await this.slot.run(COMMANDS.iccPowerOn(select));
        const atr = reply.data;
        this.exchange = await startExchange(
          { slot: this.slot, descriptor: this.descriptor, caps: this.caps, commandTimeoutMs: this.options.timeoutMs },
          this.descriptor.exchangeLevel === 'tpdu' ? parseAtr(atr) : lenientAtr(atr),
        );
        return atr;
      } catch (e) {
        if (!(e instanceof CardMuteError)) throw e;
        lastMute = e;
        // CCID §6.1.1: power off before trying the next class.
        await this.slot.run(COMMANDS.iccPowerOff(), { allowFailure: true });
      }
    }
    throw lastMute;
  }

  /** One APDU at a time: T=1 blocks of two APDUs must never interleave. */
  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    return this.serially(() => this.doTransmit(apdu));
  }

  private async doTransmit(apdu: Uint8Array): Promise<Uint8Array> {
    this.assertOpen();
    if (!this.exchange) await this.doPowerOn();
    try {
      return await this.exchange!.transmit(apdu);
    } catch (e) {
      // These leave the card unpowered, removed or out of step: the next transmit powers it afresh.
      // (After T1DesyncError the session was resynchronised and stays usable.)
      const lost = e instanceof NoCardError || e instanceof ReaderHardwareError || e instanceof T1ResyncFailedError;
      if (lost) this.exchange = undefined;
      throw e;
    }
  }

  powerOff(): Promise<void> {
    return this.serially(async () => {
      this.assertOpen();
      this.exchange = undefined;
      await this.slot.run(COMMANDS.iccPowerOff(), { allowFailure: true });
    });
  }

  async slotStatus(): Promise<SlotState> {
    this.assertOpen();
    const reply = await this.slot.run(COMMANDS.getSlotStatus(), { allowFailure: true });
    if (reply.iccStatus !== 'active') this.exchange = undefined;
    return reply.iccStatus;
  }

  /** Card inserted/removed events: NotifySlotChange on interrupt-IN, or GetSlotStatus polling. Returns an unsubscribe. */
  onSlotChange(listener: SlotChangeListener): () => void {
    this.assertOpen();
    this.listeners.add(listener);
    if (!this.watching) {
      this.watching = true;
      if (this.info.hasInterruptEndpoint) void this.listenInterrupt();
      else this.startPolling();
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.exchange = undefined;
    clearInterval(this.pollTimer);
    this.listeners.clear();
    await this.transport.close();
  }

  private emit(present: boolean, source: 'interrupt' | 'poll'): void {
    if (!present) this.exchange = undefined;
    for (const l of [...this.listeners]) l({ slot: this.slot.slot, present, source });
  }

  private async listenInterrupt(): Promise<void> {
    let backoffMs = INTERRUPT_RETRY_MS;
    while (!this.closed) {
      let bytes: Uint8Array;
      try {
        bytes = await this.transport.readInterrupt();
        backoffMs = INTERRUPT_RETRY_MS;
      } catch (e) {
        if (e instanceof ReaderDisconnectedError || this.closed) break;
        // Cancelled by a recovery (release/claim) or a passing error: read again, backing off.
        await new Promise((r) => setTimeout(r, backoffMs));
        backoffMs = Math.min(backoffMs * 2, INTERRUPT_RETRY_MAX_MS);
        continue;
      }
      if (bytes.length === 0) continue;
      try {
        const msg = decodeInterrupt(bytes);
        const mine = msg.kind === 'slot-change' ? msg.slots[this.slot.slot] : undefined;
        if (mine?.changed) this.emit(mine.present, 'interrupt');
        // A HardwareError interrupt: the next command fails with bError 0xFB and is mapped then.
      } catch {
        // An unknown interrupt message is ignored; bulk replies stay authoritative.
      }
    }
    this.watching = false;
  }

  private startPolling(): void {
    let last: boolean | undefined;
    let busy = false;
    this.pollTimer = setInterval(() => {
      if (busy || this.closed) return;
      busy = true;
      this.slot
        .run(COMMANDS.getSlotStatus(), { allowFailure: true })
        .then((r) => {
          const present = r.iccStatus !== 'absent';
          if (last !== undefined && present !== last) this.emit(present, 'poll');
          last = present;
        })
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, this.options.pollIntervalMs);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.operations.then(work);
    this.operations = next.catch(() => undefined);
    return next;
  }

  private assertOpen(): void {
    if (this.closed) throw new ReaderClosedError('the reader was closed', {});
  }
}

/** APDU-level readers build the exchange without the ATR; a pseudo-ATR that breaks §8 must not stop them. */
function lenientAtr(bytes: Uint8Array): ReturnType<typeof parseAtr> {
  try {
    return parseAtr(bytes);
  } catch {
    return parseAtr(Uint8Array.of(ATR_TS.direct, 0x00));
  }
}
