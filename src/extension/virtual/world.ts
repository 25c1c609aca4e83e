/**
 * The virtual build's hardware: one virtual USB CCID reader (src/virtual) with a virtual
 * My Number Card in it. Its settings live in chrome.storage.session, because hardware
 * outlives a stopped service worker: a restarted worker rebuilds the same reader with
 * the same card (same profile, same remaining tries), as a real one would find them.
 */
import { JpkiCard, PinLockedError, WrongPinError } from '../../card/index';
import { BridgeError, toJstDate } from '../../rules/index';
import {
  READER_PROFILES, createVirtualCard, createVirtualRcs380, createVirtualReader, namedCardProfile, type VirtualJpkiCard, type VirtualRcs380, type VirtualReader,
} from '../../virtual/index';
import { toApduRecord, type ApduRecord } from './apdu-log';
import { DEFAULT_WORLD, VIRTUAL_RCS380_TIMING, VIRTUAL_STATE_STORAGE_KEY, VIRTUAL_TIMING, parseWorldState, type VirtualWorldState } from './world-state';

/** Either virtual reader: both are USBDevices with the same control members the world uses. */
export type VirtualDevice = VirtualReader | VirtualRcs380;

/** Well-formed PINs (rules core formats) that are not the virtual card's: two, in case a profile uses one. */
const WRONG_PINS = Object.freeze({ auth: ['0000', '9999'], sign: ['WRONG0', 'WRONG1'] });

/** A control-surface request the virtual hardware cannot do (no card to type a PIN into). */
export class VirtualWorldError extends BridgeError {
  readonly code = 'virtual-world' as const;
  override readonly name = 'VirtualWorldError' as const;
}

export interface WorldStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export class VirtualWorld {
  private state: VirtualWorldState = DEFAULT_WORLD;
  private reader: VirtualDevice | undefined;
  private card: VirtualJpkiCard | undefined;
  private readonly listeners = new Set<() => void>();
  private restored: Promise<void> | undefined;
  /** What cards taken out of the reader had logged and apduLog() has not yet returned. */
  private earlierLog: ApduRecord[] = [];

  constructor(
    private readonly storage: WorldStorage,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get current(): VirtualWorldState {
    return this.state;
  }

  /** The reader as a USBDevice, or undefined while unplugged. */
  /** The card as a tester sees it: powered, and which PINs it holds verified. undefined: no card. */
  get cardPower(): { readonly powered: boolean; readonly verified: readonly string[] } | undefined {
    if (this.card === undefined || !this.state.cardInserted) return undefined;
    return { powered: this.card.isPowered, verified: this.card.verifiedPins };
  }

  get device(): VirtualDevice | undefined {
    return this.state.plugged ? this.reader : undefined;
  }

  /** Resolves once the hardware was rebuilt from storage (the source waits for it). */
  ready(): Promise<void> {
    this.restored ??= this.restore();
    return this.restored;
  }

  /** Rebuilds the hardware from storage (or the defaults on first start). */
  private async restore(): Promise<void> {
    const stored = (await this.storage.get(VIRTUAL_STATE_STORAGE_KEY))[VIRTUAL_STATE_STORAGE_KEY];
    this.state = parseWorldState(stored) ?? DEFAULT_WORLD;
    await this.rebuild();
  }

  /** The device list changed (plugged, unplugged, or a reader rebuilt with other settings). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies a change, persists it, and rebuilds what it touches. */
  async update(change: Partial<VirtualWorldState>, rebuild: 'reader' | 'card' | 'tries' | 'faults' | 'none'): Promise<void> {
    await this.ready();
    const before = this.state;
    this.state = { ...before, ...change };
    await this.storage.set({ [VIRTUAL_STATE_STORAGE_KEY]: this.state });
    if (rebuild === 'reader') await this.rebuild();
    if (rebuild === 'card') await this.swapCard();
    if (rebuild === 'tries') this.applyTries();
    if (rebuild === 'faults') this.applyFaults();
    const replugged = before.plugged !== this.state.plugged;
    if (replugged && this.reader !== undefined) {
      if (this.state.plugged) this.reader.plug();
      else this.reader.unplug();
    }
    // Only a change of the device list is a USB connect/disconnect event; a card moving
    // is the reader's own slot event, and tries or the OS letting go raise none at all.
    if (rebuild === 'reader' || replugged) this.listeners.forEach((l) => l());
  }

  private async rebuild(): Promise<void> {
    if (this.reader?.plugged === true) this.reader.unplug();
    const card = this.state.cardInserted ? await this.makeCard() : null;
    this.reader = this.state.readerModel === 'RC-S380' ? this.makeRcs380(card) : this.makeCcidReader(card);
    this.applyFaults();
    if (!this.state.plugged) this.reader.unplug();
  }

  private makeRcs380(card: VirtualJpkiCard | null): VirtualRcs380 {
    return createVirtualRcs380({ card, ...(this.state.timing ? { timing: VIRTUAL_RCS380_TIMING } : {}), serialNumber: 'VIRTUAL-RCS380-0001' });
  }

  private makeCcidReader(card: VirtualJpkiCard | null): VirtualReader {
    return createVirtualReader({
      card,
      // A real model of each class: the Smart Card class reader most sold in Japan (ACR39U,
      // facts B3) and the one vendor-class CCID reader Chrome lets an extension claim.
      profile: this.state.interfaceClass === 0x0b ? READER_PROFILES.ACR39U : READER_PROFILES['SCR3310-NTTCom'],
      interfaceClass: this.state.interfaceClass,
      browser: this.state.browser,
      ...(this.state.timing ? { timing: VIRTUAL_TIMING } : {}),
      serialNumber: 'VIRTUAL-0001',
    });
  }

  /**
   * The OS holding the reader is the only fault the world keeps; releasing it leaves the
   * same device in place, as stopping pcscd does, so no re-pairing is involved.
   */
  private applyFaults(): void {
    if (this.reader === undefined) return;
    if (this.state.heldByOs) this.reader.inject({ kind: 'claimed-by-os' });
    else this.reader.clearFaults();
  }

  private async swapCard(): Promise<void> {
    if (this.reader === undefined) return this.rebuild();
    if (this.reader.cardPresent) this.reader.removeCard();
    if (this.state.cardInserted) this.reader.insertCard(await this.makeCard());
  }

  /**
   * Types a wrong PIN into the card through the JPKI client (a real VERIFY with data), as
   * another program or a mistyping holder would: the card's own counter falls. Returns
   * the tries left. The card is powered only for this and powered down after.
   */
  async enterWrongPin(pin: 'auth' | 'sign'): Promise<number> {
    await this.ready();
    const card = this.card;
    if (card === undefined || !this.state.cardInserted) throw new VirtualWorldError('no card in the virtual reader');
    const profilePin = namedCardProfile(this.state.profile, toJstDate(this.clock())).pins?.[pin];
    const wrong = WRONG_PINS[pin].find((p) => p !== profilePin)!;
    card.powerOn();
    try {
      // The card logs this VERIFY (redacted) like every other command, so apduLog() shows it.
      await new JpkiCard(card).verifyPin(pin, wrong);
      throw new VirtualWorldError('the wrong PIN was accepted');
    } catch (error) {
      if (error instanceof WrongPinError) return error.remaining;
      if (error instanceof PinLockedError) return 0;
      throw error;
    } finally {
      card.powerOff();
      this.state = { ...this.state, tries: { ...this.state.tries, [pin]: card.pinTries(pin)?.remaining } };
      await this.storage.set({ [VIRTUAL_STATE_STORAGE_KEY]: this.state });
    }
  }

  /** The card keeps its keys and certificates; only its counters change (as a town office would leave them). */
  private applyTries(): void {
    if (this.card === undefined) return;
    for (const pin of ['auth', 'sign'] as const) {
      const remaining = this.state.tries[pin];
      if (remaining !== undefined) this.card.setPinTries(pin, remaining);
    }
  }

  private async makeCard(): Promise<VirtualJpkiCard> {
    const profile = namedCardProfile(this.state.profile, toJstDate(this.clock()));
    const tries = { ...profile.tries, ...this.state.tries };
    this.earlierLog.push(...this.takeCardLog());
    this.card = await createVirtualCard({ ...profile, tries });
    return this.card;
  }

  /** apduLog(): the APDUs the cards received since the last call, oldest first. */
  drainApduLog(): ApduRecord[] {
    const out = [...this.earlierLog, ...this.takeCardLog()];
    this.earlierLog = [];
    return out;
  }

  private takeCardLog(): ApduRecord[] {
    if (this.card === undefined) return [];
    const records = this.card.log.map(toApduRecord);
    this.card.clearLog();
    return records;
  }
}
